// Package builtin holds the generated adapters of the AWS SDK services
// built into Stepwise. The list is services.txt; to add a service, add its
// line, require its aws-sdk-go-v2 module (go get), run go generate here
// and rebuild. Everything but this file and services.txt is generated, and
// so is validate's catalog of every action of these services.
package builtin

//go:generate go run ../sdkgen -list services.txt -out . -catalog ../../../validate/zz_sdkcatalog.go
