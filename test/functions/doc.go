// Package functions holds the Go Lambda handlers that the integration tests
// run under the Runtime Interface Emulator (see test/rie). Each subdirectory
// is a `package main` built as `bootstrap` with `-tags lambda.norpc`.
package functions
