package servicetask

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// SNSAPI is the part of *sns.Client the invoker uses.
type SNSAPI interface {
	Publish(ctx context.Context, in *sns.PublishInput, optFns ...func(*sns.Options)) (*sns.PublishOutput, error)
}

// publish runs sns:publish. A Message that is not a string is sent as its
// JSON text.
func (i *Invoker) publish(ctx context.Context, c call, params *jsonval.Object) (jsonval.Value, error) {
	if i.c.SNS == nil {
		return nil, errNoClient
	}
	var in sns.PublishInput
	if err := decodeInto(withJSONText(params, "Message"), &in); err != nil {
		return nil, err
	}
	out, err := i.c.SNS.Publish(ctx, &in, snsOptions(c.creds))
	if err != nil {
		return nil, err
	}
	obj := jsonval.NewObject(4)
	setString(obj, "MessageId", out.MessageId)
	awsresult.AddMetadata(obj, out.ResultMetadata)
	setString(obj, "SequenceNumber", out.SequenceNumber)
	return obj, nil
}
