module github.com/stepwise/stepwise

go 1.26.8
