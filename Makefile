# Stepwise developer commands. `make demo` starts the embedded Step Functions
# endpoint and runs a sample workflow through it with the AWS SDK; `make test`
# runs every test, unit and integration (what CI runs).

SHELL       := /bin/bash
GO          ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
SAMPLE      ?= order-processing
TEST_CASE   ?= HappyPath

.PHONY: demo run-sample serve test lint deps unit integration conformance api-conformance bench bench-node fuzz build

## demo: embedded endpoint on a free port + the order-processing sample via the AWS SDK
demo:
	$(GO) run ./functions/stepwise demo --sample $(SAMPLE) --test-case $(TEST_CASE)

## run-sample: the same sample in-process with `stepwise run` (no endpoint)
run-sample:
	$(GO) run ./functions/stepwise run \
		--definition events/$(SAMPLE)/definition.asl.json \
		--input events/$(SAMPLE)/input.json \
		--mock-config events/$(SAMPLE)/mock-config.json \
		--test-case $(TEST_CASE) --wait-scale 0.01

## serve: the embedded Step Functions endpoint on :8083 (Step Functions Local's port)
serve:
	$(GO) run ./functions/stepwise serve

## test: lint, unit + integration tests (emulators), fuzz seeds, AWS conformance corpus, cdk synth
test: lint deps unit integration conformance api-conformance synth

## deps: the emulators and tools the integration tests start (npm, pinned)
deps:
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; fi

lint:
	@unformatted="$$(gofmt -l functions infra shared test 2>/dev/null)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

unit:
	$(GO) test -count=1 ./...

## integration: emulator suites (build tag integration), run alone so that
## their timing-sensitive tests do not compete with other packages for CPU
## (together they pass go test's default 10-minute limit on 2 cores)
integration: deps
	$(GO) test -count=1 -timeout 30m -tags integration ./test/integration/ ./test/localstack/ ./test/console/

## conformance: print the pass counts of ../shared/conformance
conformance:
	set -o pipefail; $(GO) test -count=1 -v -run 'TestConformance' ./test/conformance | grep -E '^(conformance|--- FAIL|FAIL|ok)'

build:
	$(GO) build -o bin/stepwise ./functions/stepwise

## api-conformance: the API scenarios recorded from real AWS (../shared/conformance/api)
## against bin/stepwise; fails when a scenario listed in test/apiconformance/passing.txt fails
API_CONFORMANCE ?= ../shared/conformance/api
api-conformance: build
	@report="$$(mktemp)"; trap 'rm -f "$$report"' EXIT; \
	node $(API_CONFORMANCE)/run.mjs bin/stepwise --json "$$report" | grep -E '^(FAIL|api scenarios:)' || true; \
	node test/apiconformance/floor.mjs "$$report" test/apiconformance/passing.txt

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
	$(GO) test -run '^$$' -fuzz FuzzStringMatches -fuzztime $(FUZZTIME) ./shared/interp/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./shared/intrinsic/
	$(GO) test -run '^$$' -fuzz FuzzDefinition -fuzztime $(FUZZTIME) ./shared/validate/
	$(GO) test -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME) ./shared/jsonata/
	$(GO) test -run '^$$' -fuzz FuzzEval -fuzztime $(FUZZTIME) ./shared/jsonata/

## --- deploy (infra/README.md) -------------------------------------------
# The CDK CLI and cdklocal are pinned in package.json. The variables keep the
# CLI from reaching the network: no version check, no telemetry, no notices,
# no EC2 metadata probe for default credentials during synth. jsii's banner
# about Node 20 being past end-of-life is silenced (Node 22+ is recommended).
LAMBDAS    ?= api stepper
LAMBDA_GOARCH ?= arm64
CDK_ENV    := CDK_DISABLE_VERSION_CHECK=1 CDK_DISABLE_CLI_TELEMETRY=true AWS_EC2_METADATA_DISABLED=true \
              JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
CDK        := $(CDK_ENV) npx --no-install cdk
CDK_ARGS   ?=
LOCALSTACK_ENDPOINT ?= http://localhost:4566
LOCALSTACK_REGION   ?= us-east-1
# LocalStack's free image has no API Gateway v2: serve the API from a Lambda
# function URL there. With a LocalStack plan that has it, use httpApi.
LOCAL_API_ENDPOINT  ?= functionUrl
# LocalStack runs functions on the host's architecture: build for it.
LOCAL_GOARCH        ?= $(shell $(GO) env GOARCH)
LOCAL_LAMBDA_ARCH    = $(if $(filter amd64,$(LOCAL_GOARCH)),x86_64,arm64)

.PHONY: lambdas synth deploy deploy-local cdk-tools

## lambdas: build/<name>/bootstrap (linux/LAMBDA_GOARCH) for each functions/<name> main package that exists
## (without DWARF and the symbol table: a third of the size, and stack traces keep their names)
lambdas:
	@for name in $(LAMBDAS); do \
	  if [ "$$($(GO) list -f '{{.Name}}' ./functions/$$name 2>/dev/null)" = main ]; then \
	    echo "lambdas: build/$$name/bootstrap"; \
	    GOOS=linux GOARCH=$(LAMBDA_GOARCH) CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath \
	      -ldflags='-s -w' -o build/$$name/bootstrap ./functions/$$name || exit 1; \
	  else echo "lambdas: skipping $$name (no main package in functions/$$name)"; fi; \
	done

# npm ci only when the pinned CLI is missing (a fresh clone).
node_modules/.bin/cdk node_modules/.bin/cdklocal: package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules/.bin/cdk node_modules/.bin/cdklocal
cdk-tools: node_modules/.bin/cdk node_modules/.bin/cdklocal

## synth: build the Lambdas, then synthesize both stacks into cdk.out (offline)
synth: lambdas cdk-tools
	$(CDK) synth --quiet --lookups=false --no-notices $(CDK_ARGS)

## deploy: cdk deploy both stacks to the account and region of your AWS credentials
deploy: lambdas cdk-tools
	$(CDK) deploy --all --no-notices $(CDK_ARGS)

## deploy-local: cdklocal deploy to LocalStack at LOCALSTACK_ENDPOINT (stage "local", data not retained)
deploy-local: cdk-tools
	$(MAKE) lambdas LAMBDA_GOARCH=$(LOCAL_GOARCH)
	AWS_ENDPOINT_URL=$(LOCALSTACK_ENDPOINT) AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
	AWS_REGION=$(LOCALSTACK_REGION) AWS_DEFAULT_REGION=$(LOCALSTACK_REGION) $(CDK_ENV) \
	sh -c 'npx --no-install cdklocal bootstrap --no-notices && \
	  npx --no-install cdklocal deploy --all --no-notices --require-approval never \
	    -c stage=local -c retainData=false -c apiEndpoint=$(LOCAL_API_ENDPOINT) \
	    -c lambdaArchitecture=$(LOCAL_LAMBDA_ARCH) $(CDK_ARGS)'

## bench-requests: AWS requests and cost per state transition (dynalite + fauxqs, 8 steppers)
.PHONY: bench-requests
bench-requests: deps
	$(GO) run -tags integration ./test/bench/requests
