package sdktask

// unsupported lists the API actions Step Functions does not call through
// its AWS SDK integrations (its developer guide, "Unsupported API actions
// for supported services"), by ARN service name. Streaming operations are
// left out of the generated adapters already.
var unsupported = map[string][]string{
	"comprehendmedical": {"detectEntities"},
	"efs":               {"createTags"},
	"elastictranscoder": {"testRole"},
	"emr":               {"describeJobFlows"},
	"iotdeviceadvisor":  {"listTestCases"},
	"kinesis":           {"subscribeToShard"},
	"lambda":            {"invokeAsync"},
	"lexruntimev2":      {"startConversation"},
	"mediapackage":      {"rotateChannelCredentials"},
	"rdsdata":           {"executeSql"},
	"s3":                {"selectObjectContent"},
	"s3control":         {"selectObjectContent"},
	"shield":            {"deleteSubscription"},
}

// Unsupported reports whether Step Functions refuses service:action.
func Unsupported(service, action string) bool {
	for _, a := range unsupported[service] {
		if a == action {
			return true
		}
	}
	return false
}
