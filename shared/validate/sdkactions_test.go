package validate

import "testing"

func TestSDKAction(t *testing.T) {
	tests := []struct {
		service, action string
		want            SDKActionStatus
	}{
		{"s3", "getObject", SDKActionKnown},
		{"s3", "getObjects", SDKActionUnknown},
		{"s3", "selectObjectContent", SDKActionUnknown}, // AWS's unsupported list
		{"lambda", "invokeAsync", SDKActionUnknown},
		{"kinesis", "subscribeToShard", SDKActionUnknown}, // an event stream
		{"ec2", "describeVpcEndpoints", SDKActionKnown},   // known, whether or not built in
		{"codebuild", "startBuild", SDKActionKnown},
		{"cognitoidentityprovider", "adminCreateUser", SDKActionKnown},
		{"acmpca", "deleteCertificateAuthority", SDKServiceUnknown},
	}
	for _, tt := range tests {
		if got := SDKAction(tt.service, tt.action); got != tt.want {
			t.Errorf("SDKAction(%s, %s) = %d, want %d", tt.service, tt.action, got, tt.want)
		}
	}
}

// A service Stepwise does not list is accepted: AWS may know it.
func TestDefinition_SDKServiceNotListed(t *testing.T) {
	def := `{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:acmpca:deleteCertificateAuthority","End":true}}}`
	if ds := Definition([]byte(def), Options{}); HasErrors(ds) {
		t.Errorf("errors %v", ds)
	}
}
