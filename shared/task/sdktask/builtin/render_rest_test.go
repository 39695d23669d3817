package builtin_test

import "testing"

// From the API references of the REST-JSON services: Bedrock, Bedrock
// Agents (build time and runtime), API Gateway and FIS.
func TestRender_REST(t *testing.T) {
	runRenderCases(t, map[string]renderCase{
		"BedrockGetFoundationModel": {
			resource:    "bedrock:getFoundationModel",
			params:      `{"ModelIdentifier":"anthropic.claude-v2"}`,
			wantRequest: "GET /foundation-models/anthropic.claude-v2",
			contentType: "application/json",
			reply:       `{"modelDetails":{"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2","modelId":"anthropic.claude-v2","modelName":"Claude","providerName":"Anthropic","inputModalities":["TEXT"],"outputModalities":["TEXT"],"responseStreamingSupported":true}}`,
			wantOutput:  `{"ModelDetails":{"ModelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2","ModelId":"anthropic.claude-v2","ModelName":"Claude","ProviderName":"Anthropic","InputModalities":["TEXT"],"OutputModalities":["TEXT"],"ResponseStreamingSupported":true}}`,
		},
		"BedrockAgentStartIngestionJob": {
			resource:    "bedrockagent:startIngestionJob",
			params:      `{"KnowledgeBaseId":"KB12345678","DataSourceId":"DS12345678","ClientToken":"token-0123456789abcdef0123456789abcdef"}`,
			wantRequest: "PUT /knowledgebases/KB12345678/datasources/DS12345678/ingestionjobs/",
			wantBody:    `{"clientToken":"token-0123456789abcdef0123456789abcdef"}`,
			status:      202, contentType: "application/json",
			reply:      `{"ingestionJob":{"knowledgeBaseId":"KB12345678","dataSourceId":"DS12345678","ingestionJobId":"IJ12345678","status":"STARTING","startedAt":"2024-05-06T07:08:09.123Z","updatedAt":"2024-05-06T07:08:09.123Z"}}`,
			wantOutput: `{"IngestionJob":{"KnowledgeBaseId":"KB12345678","DataSourceId":"DS12345678","IngestionJobId":"IJ12345678","Status":"STARTING","StartedAt":"2024-05-06T07:08:09.123Z","UpdatedAt":"2024-05-06T07:08:09.123Z"}}`,
		},
		"BedrockAgentRuntimeRetrieve": {
			resource:    "bedrockagentruntime:retrieve",
			params:      `{"KnowledgeBaseId":"KB12345678","RetrievalQuery":{"Text":"What is Step Functions?"}}`,
			wantRequest: "POST /knowledgebases/KB12345678/retrieve",
			wantBody:    `{"retrievalQuery":{"text":"What is Step Functions?"}}`,
			contentType: "application/json",
			reply:       `{"retrievalResults":[{"content":{"text":"Step Functions is a workflow service."},"location":{"type":"S3","s3Location":{"uri":"s3://docs/sfn.txt"}},"score":0.82}]}`,
			wantOutput:  `{"RetrievalResults":[{"Content":{"Text":"Step Functions is a workflow service."},"Location":{"Type":"S3","S3Location":{"Uri":"s3://docs/sfn.txt"}},"Score":0.82}]}`,
		},
		"ApiGatewayGetRestApis": {
			resource:    "apigateway:getRestApis",
			params:      `{"Limit":2}`,
			wantRequest: "GET /restapis?limit=2",
			contentType: "application/json",
			reply:       `{"item":[{"id":"fugvjdxtri","name":"myApi","createdDate":1.4932e9,"apiKeySource":"HEADER","endpointConfiguration":{"types":["REGIONAL"]}}]}`,
			// DisableExecuteApiEndpoint is a plain bool in the Go SDK: absent reads as false.
			wantOutput: `{"Items":[{"Id":"fugvjdxtri","Name":"myApi","CreatedDate":"2017-04-26T09:46:40Z","ApiKeySource":"HEADER","DisableExecuteApiEndpoint":false,"EndpointConfiguration":{"Types":["REGIONAL"]}}]}`,
		},
		"ApiGatewayNotFound": {
			resource:    "apigateway:getRestApi",
			params:      `{"RestApiId":"nope"}`,
			wantRequest: "GET /restapis/nope",
			status:      404, contentType: "application/json", errorType: "NotFoundException",
			reply:     `{"message":"Invalid API identifier specified 123456789012:nope"}`,
			wantError: "ApiGateway.NotFoundException",
			wantCause: "Invalid API identifier specified 123456789012:nope (Service: ApiGateway, Status Code: 404, Request ID: req-1)",
		},
		"FisStartExperiment": {
			resource:    "fis:startExperiment",
			params:      `{"ClientToken":"token-1","ExperimentTemplateId":"EXT123456789"}`,
			wantRequest: "POST /experiments",
			wantBody:    `{"clientToken":"token-1","experimentTemplateId":"EXT123456789"}`,
			contentType: "application/json",
			reply:       `{"experiment":{"id":"EXP123456789","experimentTemplateId":"EXT123456789","state":{"status":"initiating","reason":"Experiment is initiating."},"creationTime":1.7e9,"tags":{}}}`,
			wantOutput:  `{"Experiment":{"Id":"EXP123456789","ExperimentTemplateId":"EXT123456789","State":{"Status":"initiating","Reason":"Experiment is initiating."},"CreationTime":"2023-11-14T22:13:20Z","Tags":{}}}`,
		},
	})
}
