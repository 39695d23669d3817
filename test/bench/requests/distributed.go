//go:build integration

package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
	"github.com/stepwise/stepwise/test/harness"
	"github.com/stepwise/stepwise/test/integration"
)

// distributedMap is the map run: a CSV of rows rows read from S3
// (fauxqs), batches of batch rows each run by a Standard child execution
// of one Lambda task, 1,000 children at once, results written back to S3.
func distributedMap(rows, batch int) workload {
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":1000,
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"bench","Key":"rows.csv"}},
	  "ItemBatcher":{"MaxItemsPerBatch":` + fmt.Sprint(batch) + `},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"bench","Prefix":"out"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work","States":{
	    "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","End":true}}}}}}`
	if rows <= 0 {
		return workload{name: "distributed-map"}
	}
	return workload{name: "distributed-map", definition: def, inputs: []string{`{}`}, items: rows,
		invoker: func(ctx context.Context, em harness.Emulators, c *counter) (task.Invoker, error) {
			return s3Invoker(ctx, em, c, rows)
		}}
}

// s3Invoker puts the CSV on fauxqs S3 and routes the reader and writer
// there, counting their S3 requests; Lambda goes to the echo invoker.
func s3Invoker(ctx context.Context, em harness.Emulators, c *counter, rows int) (task.Invoker, error) {
	cfg := em.S3Config()
	client := em.S3()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bench")}); err != nil && !strings.Contains(err.Error(), "BucketAlready") {
		return nil, fmt.Errorf("create bucket: %w", err)
	}
	var csv strings.Builder
	csv.WriteString("id,name\n")
	for i := range rows {
		fmt.Fprintf(&csv, "%d,row %d\n", i, i)
	}
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bench"), Key: aws.String("rows.csv"), Body: strings.NewReader(csv.String())}); err != nil {
		return nil, fmt.Errorf("put rows.csv: %w", err)
	}
	counted := cfg.Copy()
	counted.APIOptions = append(counted.APIOptions, c.counted("s3:", nil, nil))
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(counted), limits.Limits{}).Register(mux)
	s3writer.New(s3reader.FromConfig(counted)).Register(mux)
	mux.Handle("arn:aws:lambda:", integration.NewInvoker())
	return mux, nil
}

// childTransitions counts the transitions of the map runs' children of
// the executions arns, as AWS bills Standard children.
func childTransitions(ctx context.Context, r *runner.Runner, st store.Executions, arns []string) (int, error) {
	n := 0
	for _, a := range arns {
		runs, err := r.MapRuns(ctx, a)
		if err != nil {
			return 0, err
		}
		for _, run := range runs {
			page := store.Page{Limit: 1000}
			for {
				kids, next, err := st.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: run.StateMachineARN, MapRunARN: run.ARN}, page)
				if err != nil {
					return 0, err
				}
				for _, k := range kids {
					final := map[string]store.Execution{k.ARN: k}
					c, err := countTransitions(ctx, r, []string{k.ARN}, final)
					if err != nil {
						return 0, err
					}
					n += c
				}
				if next == "" {
					break
				}
				page.Token = next
			}
		}
	}
	return n, nil
}

// reportItems prints a map run's figures per item, next to what AWS
// charges for the same run's state transitions.
func reportItems(w workload, transitions int, s snapshot) {
	per := func(n float64) float64 { return n / float64(w.items) }
	sqsAll, dbAll, s3All := s.sum("sqs:"), s.sum("dynamodb:"), s.sum("s3:")
	cost := per(float64(sqsAll))*priceSQS + per(s.wcu)*priceWRU + per(s.rcu)*priceRRU
	fmt.Printf("per item (%d items): SQS %.4f requests, DynamoDB %.4f requests (%.4f WRU, %.4f RRU), S3 %.4f requests (%d in all, paid alike on AWS)\n",
		w.items, per(float64(sqsAll)), per(float64(dbAll)), per(s.wcu), per(s.rcu), per(float64(s3All)), s3All)
	fmt.Printf("cost per million items: Stepwise $%.3f (SQS and DynamoDB); AWS Step Functions $%.3f (%d Standard transitions at $25/M)\n",
		cost, float64(transitions)/float64(w.items)*25, transitions)
}
