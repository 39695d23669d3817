package servicetask

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// SQSAPI is the part of *sqs.Client the invoker uses.
type SQSAPI interface {
	SendMessage(ctx context.Context, in *sqs.SendMessageInput, optFns ...func(*sqs.Options)) (*sqs.SendMessageOutput, error)
}

// sendMessage runs sqs:sendMessage. A MessageBody that is not a string is
// sent as its JSON text.
func (i *Invoker) sendMessage(ctx context.Context, c call, params *jsonval.Object) (jsonval.Value, error) {
	if i.c.SQS == nil {
		return nil, errNoClient
	}
	var in sqs.SendMessageInput
	if err := decodeInto(withJSONText(params, "MessageBody"), &in); err != nil {
		return nil, err
	}
	out, err := i.c.SQS.SendMessage(ctx, &in, sqsOptions(c.creds))
	if err != nil {
		return nil, err
	}
	obj := jsonval.NewObject(7)
	setString(obj, "MD5OfMessageAttributes", out.MD5OfMessageAttributes)
	setString(obj, "MD5OfMessageBody", out.MD5OfMessageBody)
	setString(obj, "MD5OfMessageSystemAttributes", out.MD5OfMessageSystemAttributes)
	setString(obj, "MessageId", out.MessageId)
	awsresult.AddMetadata(obj, out.ResultMetadata)
	setString(obj, "SequenceNumber", out.SequenceNumber)
	return obj, nil
}
