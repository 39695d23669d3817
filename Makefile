# Stepwise developer commands. `make demo` runs a sample workflow on the
# embedded engine; `make test` runs every test (what CI runs).

SHELL       := /bin/bash
GO          ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
SAMPLE      ?= order-processing
TEST_CASE   ?= HappyPath

.PHONY: demo test lint unit conformance bench bench-node fuzz build

## demo: run the order-processing sample on the embedded engine (mocked tasks)
demo:
	$(GO) run ./functions/stepwise run \
		--definition events/$(SAMPLE)/definition.asl.json \
		--input events/$(SAMPLE)/input.json \
		--mock-config events/$(SAMPLE)/mock-config.json \
		--test-case $(TEST_CASE) --wait-scale 0.01

## test: lint, unit tests, fuzz seed corpora and the AWS conformance corpus
test: lint unit conformance

lint:
	@unformatted="$$(gofmt -l functions infra shared test 2>/dev/null)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

unit:
	$(GO) test -count=1 ./...

## conformance: print the pass counts of ../shared/conformance
conformance:
	set -o pipefail; $(GO) test -count=1 -v -run 'TestConformance' ./test/conformance | grep -E '^(conformance|--- FAIL|FAIL|ok)'

build:
	$(GO) build -o bin/stepwise ./functions/stepwise

## bench: engine throughput (transitions/s) on events/bench workloads
bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x ./shared/inproc/

## bench-node: the same workloads on aws-local-stepfunctions (Node.js)
bench-node:
	npm ci --no-audit --no-fund
	node test/bench/node-bench.mjs 20

## fuzz: run each fuzz target for FUZZTIME
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./shared/asl/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./shared/jsonpath/
	$(GO) test -run '^$$' -fuzz FuzzGet -fuzztime $(FUZZTIME) ./shared/jsonpath/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./shared/intrinsic/
	$(GO) test -run '^$$' -fuzz FuzzDefinition -fuzztime $(FUZZTIME) ./shared/validate/
	$(GO) test -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME) ./shared/jsonata/
