package sfnapi

import (
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// epoch is a timestamp on the wire: seconds since the epoch, with
// milliseconds as a fraction, as AWS JSON 1.0 encodes them.
type epoch time.Time

func (e epoch) MarshalJSON() ([]byte, error) {
	ms := time.Time(e).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

// ts converts a time for the wire; zero times become nil (omitted).
func ts(t time.Time) *epoch {
	if t.IsZero() {
		return nil
	}
	e := epoch(t)
	return &e
}

// rawValue embeds a jsonval value (ordered objects, exact numbers) in an
// encoding/json response.
type rawValue struct{ v jsonval.Value }

func (r rawValue) MarshalJSON() ([]byte, error) { return jsonval.Marshal(r.v), nil }

// tag is one resource tag on the wire.
type tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// included is AWS's inputDetails/outputDetails shape.
type included struct {
	Included bool `json:"included"`
}

// rawText is stored JSON text emitted as is.
type rawText string

func (r rawText) MarshalJSON() ([]byte, error) { return []byte(r), nil }
