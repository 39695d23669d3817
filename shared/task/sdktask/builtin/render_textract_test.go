package builtin_test

import "testing"

// From Textract's API reference (AWS JSON 1.1, target prefix "Textract"):
// the synchronous and asynchronous document calls workflows make, a blob
// document, and errors modeled (with and without Go's "Exception" suffix)
// and not.
func TestRender_Textract(t *testing.T) {
	runRenderCases(t, map[string]renderCase{
		"AnalyzeDocument": {
			resource:    "textract:analyzeDocument",
			params:      `{"Document":{"S3Object":{"Bucket":"bucket","Name":"document.png"}},"FeatureTypes":["TABLES","FORMS"]}`,
			wantRequest: "POST / Textract.AnalyzeDocument",
			wantBody:    `{"Document":{"S3Object":{"Bucket":"bucket","Name":"document.png"}},"FeatureTypes":["TABLES","FORMS"]}`,
			contentType: json11,
			reply: `{"DocumentMetadata":{"Pages":1},"AnalyzeDocumentModelVersion":"1.0","Blocks":[
				{"BlockType":"PAGE","Id":"p1","Page":1,"Geometry":{"BoundingBox":{"Width":0.998,"Height":0.31,"Left":0.125,"Top":0},"Polygon":[{"X":0.125,"Y":0},{"X":0.625,"Y":0}]},"Relationships":[{"Type":"CHILD","Ids":["k1"]}]},
				{"BlockType":"KEY_VALUE_SET","Id":"k1","Confidence":97.87,"EntityTypes":["KEY"],"Page":1,"Relationships":[{"Type":"VALUE","Ids":["v1"]}]}]}`,
			wantOutput: `{"DocumentMetadata":{"Pages":1},"AnalyzeDocumentModelVersion":"1.0","Blocks":[
				{"BlockType":"PAGE","Id":"p1","Page":1,"Geometry":{"BoundingBox":{"Width":0.998,"Height":0.31,"Left":0.125,"Top":0},"Polygon":[{"X":0.125,"Y":0},{"X":0.625,"Y":0}]},"Relationships":[{"Type":"CHILD","Ids":["k1"]}]},
				{"BlockType":"KEY_VALUE_SET","Id":"k1","Confidence":97.87,"EntityTypes":["KEY"],"Page":1,"Relationships":[{"Type":"VALUE","Ids":["v1"]}]}]}`,
		},
		"DetectDocumentTextBytes": {
			resource:    "textract:detectDocumentText",
			params:      `{"Document":{"Bytes":"JVBERi0xLjQ="}}`,
			wantRequest: "POST / Textract.DetectDocumentText",
			wantBody:    `{"Document":{"Bytes":"JVBERi0xLjQ="}}`,
			contentType: json11,
			reply:       `{"DocumentMetadata":{"Pages":1},"DetectDocumentTextModelVersion":"1.0","Blocks":[{"BlockType":"LINE","Id":"l1","Text":"Hello","Confidence":99.5}]}`,
			wantOutput:  `{"DocumentMetadata":{"Pages":1},"DetectDocumentTextModelVersion":"1.0","Blocks":[{"BlockType":"LINE","Id":"l1","Text":"Hello","Confidence":99.5}]}`,
		},
		"StartDocumentTextDetection": {
			resource:    "textract:startDocumentTextDetection",
			params:      `{"DocumentLocation":{"S3Object":{"Bucket":"bucket","Name":"scan.pdf"}},"NotificationChannel":{"RoleArn":"arn:aws:iam::123456789012:role/textract","SNSTopicArn":"arn:aws:sns:us-east-1:123456789012:AmazonTextract"}}`,
			wantRequest: "POST / Textract.StartDocumentTextDetection",
			wantBody:    `{"DocumentLocation":{"S3Object":{"Bucket":"bucket","Name":"scan.pdf"}},"NotificationChannel":{"RoleArn":"arn:aws:iam::123456789012:role/textract","SNSTopicArn":"arn:aws:sns:us-east-1:123456789012:AmazonTextract"}}`,
			contentType: json11,
			reply:       `{"JobId":"6f4b6a4e0c9e4b1f8d4e1f2a3b4c5d6e"}`,
			wantOutput:  `{"JobId":"6f4b6a4e0c9e4b1f8d4e1f2a3b4c5d6e"}`,
		},
		"GetDocumentTextDetection": {
			resource:    "textract:getDocumentTextDetection",
			params:      `{"JobId":"6f4b6a4e0c9e4b1f8d4e1f2a3b4c5d6e","MaxResults":1000}`,
			wantRequest: "POST / Textract.GetDocumentTextDetection",
			wantBody:    `{"JobId":"6f4b6a4e0c9e4b1f8d4e1f2a3b4c5d6e","MaxResults":1000}`,
			contentType: json11,
			reply:       `{"JobStatus":"SUCCEEDED","DocumentMetadata":{"Pages":2},"DetectDocumentTextModelVersion":"1.0","Blocks":[{"BlockType":"WORD","Id":"w1","Text":"Total","TextType":"PRINTED","Page":2}],"NextToken":"tok"}`,
			wantOutput:  `{"JobStatus":"SUCCEEDED","DocumentMetadata":{"Pages":2},"DetectDocumentTextModelVersion":"1.0","Blocks":[{"BlockType":"WORD","Id":"w1","Text":"Total","TextType":"PRINTED","Page":2}],"NextToken":"tok"}`,
		},
		"InvalidS3Object": {
			resource:    "textract:analyzeDocument",
			params:      `{"Document":{"S3Object":{"Bucket":"bucket","Name":"missing.png"}},"FeatureTypes":["FORMS"]}`,
			wantRequest: "POST / Textract.AnalyzeDocument",
			status:      400, contentType: json11,
			reply:     `{"__type":"InvalidS3ObjectException","Code":"InvalidS3ObjectException","Message":"Unable to get object metadata from S3. Check object key, region and/or access permissions."}`,
			wantError: "Textract.InvalidS3ObjectException",
			wantCause: "Unable to get object metadata from S3. Check object key, region and/or access permissions. (Service: Textract, Status Code: 400, Request ID: req-1)",
		},
		"InternalServerError": {
			resource:    "textract:getDocumentAnalysis",
			params:      `{"JobId":"j1"}`,
			wantRequest: "POST / Textract.GetDocumentAnalysis",
			status:      500, contentType: json11,
			reply:     `{"__type":"InternalServerError","Message":"Internal server error"}`,
			wantError: "Textract.InternalServerErrorException",
			wantCause: "Internal server error (Service: Textract, Status Code: 500, Request ID: req-1)",
		},
		"UnmodeledCode": {
			resource:    "textract:detectDocumentText",
			params:      `{"Document":{"S3Object":{"Bucket":"bucket","Name":"a.png"}}}`,
			wantRequest: "POST / Textract.DetectDocumentText",
			status:      400, contentType: json11,
			reply:     `{"__type":"SomethingNewException","Message":"a code the model does not know"}`,
			wantError: "Textract.TextractException",
			wantCause: "a code the model does not know (Service: Textract, Status Code: 400, Request ID: req-1)",
		},
	})
}
