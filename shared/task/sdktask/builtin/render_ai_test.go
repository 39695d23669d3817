package builtin_test

import "testing"

const json11 = "application/x-amz-json-1.1"

// From the API references of the AI services workflows call (AWS JSON 1.1
// and REST-JSON protocols), their examples' requests and responses.
func TestRender_AI(t *testing.T) {
	runRenderCases(t, map[string]renderCase{
		"RekognitionDetectLabels": {
			resource:    "rekognition:detectLabels",
			params:      `{"Image":{"S3Object":{"Bucket":"bucket","Name":"input.jpg"}},"MaxLabels":10,"MinConfidence":75}`,
			wantRequest: "POST / RekognitionService.DetectLabels",
			wantBody:    `{"Image":{"S3Object":{"Bucket":"bucket","Name":"input.jpg"}},"MaxLabels":10,"MinConfidence":75}`,
			contentType: json11,
			reply:       `{"Labels":[{"Name":"People","Confidence":99.2,"Instances":[],"Parents":[]},{"Name":"Person","Confidence":99.2,"Instances":[{"BoundingBox":{"Height":0.89,"Left":0.0,"Top":0.11,"Width":0.37},"Confidence":99.2}],"Parents":[]}],"LabelModelVersion":"3.0"}`,
			wantOutput:  `{"Labels":[{"Name":"People","Confidence":99.2,"Instances":[],"Parents":[]},{"Name":"Person","Confidence":99.2,"Instances":[{"BoundingBox":{"Height":0.89,"Left":0.0,"Top":0.11,"Width":0.37},"Confidence":99.2}],"Parents":[]}],"LabelModelVersion":"3.0"}`,
		},
		"RekognitionInvalidS3Object": {
			resource:    "rekognition:detectLabels",
			params:      `{"Image":{"S3Object":{"Bucket":"bucket","Name":"missing.jpg"}}}`,
			wantRequest: "POST / RekognitionService.DetectLabels",
			status:      400, contentType: json11,
			reply:     `{"__type":"InvalidS3ObjectException","Code":"InvalidS3ObjectException","Message":"Unable to get object metadata from S3. Check object key, region and/or access permissions."}`,
			wantError: "Rekognition.InvalidS3ObjectException",
			wantCause: "Unable to get object metadata from S3. Check object key, region and/or access permissions. (Service: Rekognition, Status Code: 400, Request ID: req-1)",
		},
		"ComprehendDetectSentiment": {
			resource:    "comprehend:detectSentiment",
			params:      `{"LanguageCode":"en","Text":"It is raining today in Seattle"}`,
			wantRequest: "POST / Comprehend_20171127.DetectSentiment",
			wantBody:    `{"LanguageCode":"en","Text":"It is raining today in Seattle"}`,
			contentType: json11,
			reply:       `{"Sentiment":"NEUTRAL","SentimentScore":{"Mixed":0.008,"Negative":0.134,"Neutral":0.838,"Positive":0.018}}`,
			wantOutput:  `{"Sentiment":"NEUTRAL","SentimentScore":{"Mixed":0.008,"Negative":0.134,"Neutral":0.838,"Positive":0.018}}`,
		},
		"TranslateText": {
			resource:    "translate:translateText",
			params:      `{"SourceLanguageCode":"en","TargetLanguageCode":"es","Text":"Hello, world"}`,
			wantRequest: "POST / AWSShineFrontendService_20170701.TranslateText",
			wantBody:    `{"SourceLanguageCode":"en","TargetLanguageCode":"es","Text":"Hello, world"}`,
			contentType: json11,
			reply:       `{"SourceLanguageCode":"en","TargetLanguageCode":"es","TranslatedText":"Hola, mundo"}`,
			wantOutput:  `{"SourceLanguageCode":"en","TargetLanguageCode":"es","TranslatedText":"Hola, mundo"}`,
		},
		"TranscribeStartJob": {
			resource:    "transcribe:startTranscriptionJob",
			params:      `{"TranscriptionJobName":"job1","LanguageCode":"en-US","Media":{"MediaFileUri":"s3://bucket/audio.mp3"},"OutputBucketName":"out"}`,
			wantRequest: "POST / Transcribe.StartTranscriptionJob",
			wantBody:    `{"TranscriptionJobName":"job1","LanguageCode":"en-US","Media":{"MediaFileUri":"s3://bucket/audio.mp3"},"OutputBucketName":"out"}`,
			contentType: json11,
			reply:       `{"TranscriptionJob":{"TranscriptionJobName":"job1","TranscriptionJobStatus":"IN_PROGRESS","LanguageCode":"en-US","Media":{"MediaFileUri":"s3://bucket/audio.mp3"},"CreationTime":1.6179e9,"StartTime":1.6179e9}}`,
			wantOutput:  `{"TranscriptionJob":{"TranscriptionJobName":"job1","TranscriptionJobStatus":"IN_PROGRESS","LanguageCode":"en-US","Media":{"MediaFileUri":"s3://bucket/audio.mp3"},"CreationTime":"2021-04-08T16:40:00Z","StartTime":"2021-04-08T16:40:00Z"}}`,
		},
		"PollyStartSpeechSynthesisTask": {
			resource:    "polly:startSpeechSynthesisTask",
			params:      `{"OutputFormat":"mp3","OutputS3BucketName":"out","Text":"Hello","VoiceId":"Joanna"}`,
			wantRequest: "POST /v1/synthesisTasks",
			wantBody:    `{"OutputFormat":"mp3","OutputS3BucketName":"out","Text":"Hello","VoiceId":"Joanna"}`,
			contentType: "application/json",
			reply:       `{"SynthesisTask":{"TaskId":"57548c6b-d21a-4885-962f-example","TaskStatus":"scheduled","OutputUri":"https://s3.us-east-1.amazonaws.com/out/57548c6b.mp3","CreationTime":1.5e9,"RequestCharacters":5,"OutputFormat":"mp3","VoiceId":"Joanna"}}`,
			wantOutput:  `{"SynthesisTask":{"TaskId":"57548c6b-d21a-4885-962f-example","TaskStatus":"scheduled","OutputUri":"https://s3.us-east-1.amazonaws.com/out/57548c6b.mp3","CreationTime":"2017-07-14T02:40:00Z","RequestCharacters":5,"OutputFormat":"mp3","VoiceId":"Joanna"}}`,
		},
	})
}
