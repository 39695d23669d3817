package dynamostore

import (
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// item is one DynamoDB item. Setters skip empty values, since absent and
// empty read back the same and older DynamoDB versions reject empty
// strings and binaries.
type item map[string]types.AttributeValue

// timeLayout has fixed width so that times sort as strings.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func (it item) setS(k, v string) {
	if v != "" {
		it[k] = &types.AttributeValueMemberS{Value: v}
	}
}

func (it item) setN(k string, v int64) {
	if v != 0 {
		it[k] = &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
	}
}

// setB stores a copy of v, so later changes by the caller change nothing.
func (it item) setB(k string, v []byte) {
	if len(v) > 0 {
		it[k] = &types.AttributeValueMemberB{Value: append([]byte(nil), v...)}
	}
}

func (it item) setT(k string, v time.Time) {
	if !v.IsZero() {
		it[k] = &types.AttributeValueMemberS{Value: formatTime(v)}
	}
}

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func (it item) s(k string) string {
	if v, ok := it[k].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func (it item) n(k string) int64 {
	if v, ok := it[k].(*types.AttributeValueMemberN); ok {
		n, _ := strconv.ParseInt(v.Value, 10, 64)
		return n
	}
	return 0
}

func (it item) b(k string) []byte {
	if v, ok := it[k].(*types.AttributeValueMemberB); ok {
		return append([]byte(nil), v.Value...)
	}
	return nil
}

func (it item) t(k string) time.Time {
	t, err := time.Parse(timeLayout, it.s(k))
	if err != nil {
		return time.Time{}
	}
	return t
}

func strAttr(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

func numAttr(v int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
}
