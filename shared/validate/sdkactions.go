package validate

// unsupported lists the API actions Step Functions does not call through
// its AWS SDK integrations (its developer guide, "Unsupported API actions
// for supported services"), by ARN service name. A definition naming one
// is invalid ("not recognized"), and sdktask builds none of them in.
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

// UnsupportedSDKAction reports whether Step Functions refuses
// aws-sdk:<service>:<action>.
func UnsupportedSDKAction(service, action string) bool {
	for _, a := range unsupported[service] {
		if a == action {
			return true
		}
	}
	return false
}
