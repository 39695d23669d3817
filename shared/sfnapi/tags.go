package sfnapi

import (
	"context"
	"fmt"
	"maps"
	"slices"
)

// AWS's tag limits.
const (
	maxTags        = 50
	maxTagKey      = 128
	maxTagValue    = 256
	tooManyTagsMsg = "Too many tags: resource can have at most 50 tags"
)

// checkTags checks the number of tags (their keys and values are the
// constraints table's).
func checkTags(tags []tag) error {
	if len(tags) > maxTags {
		return newError(CodeTooManyTags, tooManyTagsMsg)
	}
	return nil
}

// addTags merges tags into a resource's tag set.
func (a *API) addTags(ctx context.Context, resource string, tags []tag) error {
	if len(tags) == 0 {
		return nil
	}
	cur, err := a.st.GetTags(ctx, resource)
	if err != nil {
		return fmt.Errorf("load tags: %w", err)
	}
	next := maps.Clone(cur)
	for _, t := range tags {
		next[t.Key] = t.Value
	}
	if len(next) > maxTags {
		return newError(CodeTooManyTags, tooManyTagsMsg)
	}
	if err := a.st.PutTags(ctx, resource, next); err != nil {
		return fmt.Errorf("save tags: %w", err)
	}
	return nil
}

// taggable checks that a resource ARN names an existing state machine
// or activity.
func (a *API) taggable(ctx context.Context, resource string) error {
	if resource == "" {
		return errRequired("resourceArn")
	}
	if _, err := parseARN(resource, "activity"); err == nil {
		_, err := a.st.GetActivity(ctx, resource)
		return notFound(err, errResourceNotFound(resource), "load activity")
	}
	ref, err := parseSM(resource)
	if err != nil {
		return err
	}
	// Versions and aliases carry no tags of their own.
	if ref.Qualifier != "" {
		return errResourceNotFound(resource)
	}
	_, err = a.st.GetStateMachine(ctx, ref.Base)
	if err != nil {
		return notFound(err, errResourceNotFound(resource), "load state machine")
	}
	return nil
}

type tagResourceIn struct {
	ResourceArn string `json:"resourceArn"`
	Tags        []tag  `json:"tags"`
}

func tagResource(a *API, ctx context.Context, in tagResourceIn) (struct{}, error) {
	if in.Tags == nil {
		return struct{}{}, errRequired("tags")
	}
	if err := checkTags(in.Tags); err != nil {
		return struct{}{}, err
	}
	if err := a.taggable(ctx, in.ResourceArn); err != nil {
		return struct{}{}, err
	}
	return struct{}{}, a.addTags(ctx, in.ResourceArn, in.Tags)
}

type untagResourceIn struct {
	ResourceArn string   `json:"resourceArn"`
	TagKeys     []string `json:"tagKeys"`
}

func untagResource(a *API, ctx context.Context, in untagResourceIn) (struct{}, error) {
	if in.TagKeys == nil {
		return struct{}{}, errRequired("tagKeys")
	}
	if err := a.taggable(ctx, in.ResourceArn); err != nil {
		return struct{}{}, err
	}
	cur, err := a.st.GetTags(ctx, in.ResourceArn)
	if err != nil {
		return struct{}{}, fmt.Errorf("load tags: %w", err)
	}
	for _, k := range in.TagKeys {
		delete(cur, k)
	}
	if err := a.st.PutTags(ctx, in.ResourceArn, cur); err != nil {
		return struct{}{}, fmt.Errorf("save tags: %w", err)
	}
	return struct{}{}, nil
}

type resourceArnIn struct {
	ResourceArn string `json:"resourceArn"`
}

type listTagsOut struct {
	Tags []tag `json:"tags"`
}

func listTagsForResource(a *API, ctx context.Context, in resourceArnIn) (listTagsOut, error) {
	if err := a.taggable(ctx, in.ResourceArn); err != nil {
		return listTagsOut{}, err
	}
	cur, err := a.st.GetTags(ctx, in.ResourceArn)
	if err != nil {
		return listTagsOut{}, fmt.Errorf("load tags: %w", err)
	}
	out := listTagsOut{Tags: make([]tag, 0, len(cur))}
	for _, k := range slices.Sorted(maps.Keys(cur)) {
		out.Tags = append(out.Tags, tag{Key: k, Value: cur[k]})
	}
	return out, nil
}
