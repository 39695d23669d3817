package dynamostore

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// packThreshold is the size from which text and binary fields of an
// execution record are stored deflated. DynamoDB bills writes per KB of
// item and the record is rewritten at every step, so a large input, output
// or runner state costs on every step; JSON deflates several times over.
const packThreshold = 1024

// packedSuffix names the binary attribute holding a deflated field.
const packedSuffix = "Z"

// setPacked stores v under k, or deflated under k+"Z" when it is large and
// deflating makes it smaller.
func (it item) setPacked(k string, v []byte) {
	if len(v) >= packThreshold {
		if z := deflate(v); len(z) < len(v) {
			it[k+packedSuffix] = &types.AttributeValueMemberB{Value: z}
			return
		}
	}
	it.setB(k, v)
}

// setPackedS is setPacked for a string field, stored as S when not deflated.
func (it item) setPackedS(k, v string) {
	if len(v) >= packThreshold {
		if z := deflate([]byte(v)); len(z) < len(v) {
			it[k+packedSuffix] = &types.AttributeValueMemberB{Value: z}
			return
		}
	}
	it.setS(k, v)
}

// packed reads a field written by setPacked.
func (it item) packed(k string) ([]byte, error) {
	z, ok := it[k+packedSuffix].(*types.AttributeValueMemberB)
	if !ok {
		return it.b(k), nil
	}
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(z.Value)))
	if err != nil {
		return nil, fmt.Errorf("inflate %s: %w", k, err)
	}
	return b, nil
}

// packedS reads a field written by setPackedS.
func (it item) packedS(k string) (string, error) {
	if _, ok := it[k+packedSuffix]; !ok {
		return it.s(k), nil
	}
	b, err := it.packed(k)
	return string(b), err
}

func deflate(v []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression) // only fails for a bad level
	_, _ = w.Write(v)                                       // a bytes.Buffer does not fail
	_ = w.Close()
	return buf.Bytes()
}
