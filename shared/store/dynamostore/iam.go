package dynamostore

// IAMActions are the DynamoDB actions the store calls: one per method of
// API, and nothing else. The deployment grants the functions exactly
// these, on the table and its indexes (a test keeps the two lists in step).
var IAMActions = []string{
	"dynamodb:GetItem",
	"dynamodb:PutItem",
	"dynamodb:UpdateItem",
	"dynamodb:DeleteItem",
	"dynamodb:Query",
	"dynamodb:BatchWriteItem",
}
