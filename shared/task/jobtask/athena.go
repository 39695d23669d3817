package jobtask

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// athena: startQueryExecution(.sync) runs a query; the .sync result is
// GetQueryExecution's response, and a query that fails or is cancelled
// fails the task with that response as its cause.
func athena() *service {
	query := &jobKind{
		handle: func(_, out *jsonval.Object) (*jsonval.Object, *failure) {
			id, ok := field(out, "QueryExecutionId").(string)
			if !ok {
				return nil, &failure{errTaskFailed, "Athena returned no QueryExecutionId: " + jsonval.String(out)}
			}
			return obj("QueryExecutionId", id), nil
		},
		describe:       "getQueryExecution",
		describeParams: func(job *jsonval.Object) *jsonval.Object { return job },
		status: func(out *jsonval.Object) (jsonval.Value, phase) {
			state, _ := field(field(field(out, "QueryExecution"), "Status"), "State").(string)
			return out, phaseOf(state, []string{"QUEUED", "RUNNING"}, "SUCCEEDED")
		},
		stop:       "stopQueryExecution",
		stopParams: func(job *jsonval.Object) *jsonval.Object { return job },
	}
	return &service{
		name: "athena", sdk: "athena",
		errors: awsresult.Service{Prefix: "Athena", Name: "AmazonAthena", Base: "AmazonAthenaException"},
		actions: map[string]*action{
			"startQueryExecution": {sdk: "startQueryExecution", token: "ClientRequestToken", tokenLen: 64, job: query},
			"getQueryExecution":   {sdk: "getQueryExecution"},
			"getQueryResults":     {sdk: "getQueryResults"},
			"stopQueryExecution":  {sdk: "stopQueryExecution"},
		},
	}
}
