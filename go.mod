module github.com/stepwise/stepwise

go 1.26.8

require github.com/blues/jsonata-go v1.5.4
