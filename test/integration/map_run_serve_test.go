//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/test/harness"
)

// serveItems is how many items the JSON array and the JSONL file hold.
const serveItems = 2000

// mapServe is `stepwise serve` on dynalite and fauxqs (SQS, and S3 for
// readers and writers), with an S3 client for the bucket "mr".
type mapServe struct {
	sfn *sfn.Client
	s3  *s3.Client
}

// TestMapRun_Serve runs distributed Maps through `stepwise serve` on the
// durable runtime, driven with the AWS SDK: a JSON array (JSONata, its
// BatchInput evaluated) and a JSONL file (JSONPath), each batched, with a
// failed batch under the tolerated threshold and a ResultWriter, checking
// the manifest and every item in the SUCCEEDED and FAILED files; then the
// redrive of a failed map run (map_run_redrive_test.go) and a stop
// mid-run (map_run_stop_test.go).
func TestMapRun_Serve(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	em := harness.StartAll(t)
	srv := startServe(t, "", "SQS_ENDPOINT="+em.SQSEndpoint, "DYNAMODB_ENDPOINT="+em.DynamoEndpoint,
		"AWS_ENDPOINT_URL_S3="+em.SQSEndpoint, "--create-resources")
	m := &mapServe{sfn: sfnClient(srv.URL), s3: em.S3()}
	if _, err := m.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mr")}); err != nil {
		t.Fatal(err)
	}
	nums, lines := make([]string, serveItems), strings.Builder{}
	for i := range serveItems {
		nums[i] = fmt.Sprintf(`{"n":%d}`, i)
		lines.WriteString(nums[i] + "\n")
	}
	m.put(ctx, t, "in/items.json", "["+strings.Join(nums, ",")+"]")
	m.put(ctx, t, "in/items.jsonl", lines.String())

	for _, tc := range []struct{ name, def, input, ext string }{
		{"JSON", `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":10,"ToleratedFailurePercentage":5,
		  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Arguments":{"Bucket":"mr","Key":"{% $states.input.key %}"}},
		  "ItemBatcher":{"MaxItemsPerBatch":50,"BatchInput":{"tag":"{% $uppercase($states.input.tag) %}"}},
		  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Arguments":{"Bucket":"mr","Prefix":"{% $states.input.out %}"}},
		  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
		    "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.Items[0].n = 750 %}","Next":"F"}],"Default":"P"},
		    "F":{"Type":"Fail","Error":"Boom","Cause":"batch 750"},
		    "P":{"Type":"Pass","Output":{"ns":"{% $states.input.Items.n %}","tag":"{% $states.input.BatchInput.tag %}"},"End":true}}}}}}`,
			`{"key":"in/items.json","tag":"json","out":"json-out"}`, "json"},
		{"JSONL", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":10,"ToleratedFailurePercentage":5,
		  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},"Parameters":{"Bucket":"mr","Key.$":"$.key"}},
		  "ItemBatcher":{"MaxItemsPerBatch":50,"BatchInput":{"tag.$":"States.Format('{}', $.tag)"}},
		  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"mr","Prefix.$":"$.out"},
		    "WriterConfig":{"OutputType":"JSONL","Transformation":"NONE"}},
		  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
		    "C":{"Type":"Choice","Choices":[{"Variable":"$.Items[0].n","NumericEquals":750,"Next":"F"}],"Default":"P"},
		    "F":{"Type":"Fail","Error":"Boom","Cause":"batch 750"},
		    "P":{"Type":"Pass","Parameters":{"ns.$":"$.Items[*].n","tag.$":"$.BatchInput.tag"},"End":true}}}}}}`,
			`{"key":"in/items.jsonl","tag":"JSONL","out":"jsonl-out"}`, "jsonl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			began := time.Now()
			exec := m.run(ctx, t, "file-"+strings.ToLower(tc.name), tc.def, tc.input)
			d := m.await(ctx, t, exec)
			if d.Status != types.ExecutionStatusSucceeded {
				t.Fatalf("status %s: %s %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
			}
			t.Logf("%d items in %d batches: %s", serveItems, serveItems/50, time.Since(began).Round(time.Millisecond))
			run, res := m.results(ctx, t, aws.ToString(d.Output), tc.ext)
			if c := itemCounts(run); c != [6]int64{serveItems, serveItems - 50, 50, 0, 0, serveItems} {
				t.Fatalf("item counts %+v", c)
			}
			if len(res["FAILED"]) != 1 || res["FAILED"][0].Error != "Boom" || res["FAILED"][0].Cause != "batch 750" {
				t.Fatalf("FAILED entries %+v", res["FAILED"])
			}
			seen := make([]int, serveItems)
			countInput(t, res["FAILED"][0].Input, seen)
			for _, en := range res["SUCCEEDED"] {
				var out struct {
					Ns  []int  `json:"ns"`
					Tag string `json:"tag"`
				}
				if err := json.Unmarshal([]byte(en.Output), &out); err != nil || out.Tag != tc.name || len(out.Ns) != 50 {
					t.Fatalf("SUCCEEDED entry %+v: %v", en, err)
				}
				for _, n := range out.Ns {
					seen[n]++
				}
			}
			everyOnce(t, seen)
		})
	}
	t.Run("Redrive", func(t *testing.T) { testMapRunRedrive(ctx, t, m) })
	t.Run("Stop", func(t *testing.T) { testMapRunStop(ctx, t, m) })
}

// countInput counts the items of a batch's input.
func countInput(t *testing.T, input string, seen []int) {
	t.Helper()
	var in struct{ Items []struct{ N int } }
	if err := json.Unmarshal([]byte(input), &in); err != nil || len(in.Items) != 50 || in.Items[0].N != 750 {
		t.Fatalf("failed batch input %.200s: %v", input, err)
	}
	for _, it := range in.Items {
		seen[it.N]++
	}
}

func everyOnce(t *testing.T, seen []int) {
	t.Helper()
	for n, c := range seen {
		if c != 1 {
			t.Fatalf("item %d has %d results", n, c)
		}
	}
}
