package validate

import "slices"

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

// SDKActionStatus is what the catalog of the built-in services says of
// aws-sdk:<service>:<action>.
type SDKActionStatus int

const (
	// SDKServiceUnknown: the service is not in sdktask's services.txt;
	// Step Functions may know it, Stepwise cannot tell.
	SDKServiceUnknown SDKActionStatus = iota
	// SDKActionUnknown: the service is listed and has no such action that
	// Step Functions can call (a typo, a miscased name, an unsupported or
	// streaming action).
	SDKActionUnknown
	// SDKActionKnown: the service has that action.
	SDKActionKnown
)

// SDKAction looks aws-sdk:<service>:<action> up in the catalog.
func SDKAction(service, action string) SDKActionStatus {
	actions, ok := sdkCatalog[service]
	switch {
	case !ok:
		return SDKServiceUnknown
	case UnsupportedSDKAction(service, action):
		return SDKActionUnknown
	}
	if _, found := slices.BinarySearch(actions, action); found {
		return SDKActionKnown
	}
	return SDKActionUnknown
}
