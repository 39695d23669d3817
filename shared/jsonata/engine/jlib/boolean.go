// Copyright 2018 Blues Inc.  All rights reserved.
// Use of this source code is governed by licenses granted by the
// copyright holder including that found in the LICENSE file.

package jlib

import (
	"reflect"

	"github.com/blues/jsonata-go/jtypes"
)

// Boolean (golint)
func Boolean(v reflect.Value) bool {

	v = jtypes.Resolve(v)

	if b, ok := jtypes.AsBool(v); ok {
		return b
	}

	if s, ok := jtypes.AsString(v); ok {
		return s != ""
	}

	if n, ok := jtypes.AsNumber(v); ok {
		return n != 0
	}

	if jtypes.IsArray(v) {
		return arrayBoolean(v, nil)
	}

	if jtypes.IsMap(v) {
		return v.Len() > 0
	}

	return false
}

// arrayBoolean is true if any item is. PATCH(stepwise): an array nested
// in several places (a value built by an expression may share sub-arrays,
// a DAG exponentially larger than its memory) is walked once: seen holds
// the nested slices already found false.
func arrayBoolean(v reflect.Value, seen map[[2]uintptr]bool) bool {
	for i := 0; i < v.Len(); i++ {
		item := jtypes.Resolve(v.Index(i))
		if !jtypes.IsArray(item) {
			if Boolean(item) {
				return true
			}
			continue
		}
		if item.Kind() == reflect.Slice && item.Len() > 0 {
			key := [2]uintptr{item.Pointer(), uintptr(item.Len())}
			if seen[key] {
				continue
			}
			if seen == nil {
				seen = map[[2]uintptr]bool{}
			}
			seen[key] = true
		}
		if arrayBoolean(item, seen) {
			return true
		}
	}
	return false
}

// Not (golint)
func Not(v reflect.Value) bool {
	return !Boolean(v)
}

// Exists (golint)
func Exists(v reflect.Value) bool {
	return v.IsValid()
}
