package validate

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

const errorAll = "States.ALL"

var jitterStrategies = []string{"FULL", "NONE"}

// retriers checks a Retry array.
func (c *checker) retriers(st *state, loc string, v jsonval.Value) {
	list, ok := v.([]any)
	if !ok {
		c.schema(loc, msgType("Retry", tArray))
		return
	}
	for i, r := range list {
		rl := loc + index(i)
		obj, ok := asObject(r)
		if !ok {
			c.schema(rl, msgType("Retry", tObject))
			continue
		}
		c.errorEquals(rl, obj, i == len(list)-1)
		obj.Range(func(k string, fv jsonval.Value) bool {
			c.retrierField(rl, k, fv)
			return true
		})
	}
}

func (c *checker) retrierField(loc, k string, v jsonval.Value) {
	switch k {
	case "ErrorEquals":
	case "Comment":
		c.wantString(loc, k, v)
	case "IntervalSeconds", "MaxDelaySeconds":
		c.positiveInt(loc, k, v, false)
	case "MaxAttempts":
		c.nonNegativeInt(loc, k, v, false)
	case "BackoffRate":
		if f, ok := asFloat(v); !ok || f < 1 {
			c.schema(join(loc, k), "The value for the field 'BackoffRate' must be a number greater than or equal to 1.0")
		}
	case "JitterStrategy":
		if s, _ := asString(v); !contains(jitterStrategies, s) {
			c.schema(join(loc, k), msgOneOf(k, jitterStrategies))
		}
	default:
		c.schema(loc, msgNotSupported(k))
	}
}

// catchers checks a Catch array.
func (c *checker) catchers(st *state, loc string, v jsonval.Value) {
	list, ok := v.([]any)
	if !ok {
		c.schema(loc, msgType("Catch", tArray))
		return
	}
	for i, r := range list {
		cl := loc + index(i)
		obj, ok := asObject(r)
		if !ok {
			c.schema(cl, msgType("Catch", tObject))
			continue
		}
		c.errorEquals(cl, obj, i == len(list)-1)
		if !obj.Has("Next") {
			c.schema(cl, msgRequired("Next"))
		}
		obj.Range(func(k string, fv jsonval.Value) bool {
			c.catcherField(st, cl, k, fv)
			return true
		})
	}
}

func (c *checker) catcherField(st *state, loc, k string, v jsonval.Value) {
	switch {
	case k == "ErrorEquals":
	case k == "Comment" || k == "Next":
		c.wantString(loc, k, v)
	case k == "Assign":
		c.assign(st, join(loc, k), v)
	case k == "ResultPath" && !st.jsonata():
		c.pathField(loc, k, v, true)
	case k == "Output" && st.jsonata():
		c.jsonataValue(join(loc, k), k, v)
	default:
		c.schema(loc, msgNotSupported(k))
	}
}

// errorEquals checks a retrier's or catcher's ErrorEquals: a non-empty list
// of strings where States.ALL appears alone, in the last entry only.
func (c *checker) errorEquals(loc string, obj *jsonval.Object, last bool) {
	v, ok := obj.Get("ErrorEquals")
	if !ok {
		c.schema(loc, msgRequired("ErrorEquals"))
		return
	}
	el := join(loc, "ErrorEquals")
	list, ok := v.([]any)
	if !ok {
		c.schema(el, msgType("ErrorEquals", tArray))
		return
	}
	if len(list) == 0 {
		c.schema(el, msgNonEmpty("ErrorEquals"))
		return
	}
	for i, e := range list {
		s, ok := asString(e)
		if !ok {
			c.schema(el+index(i), msgType("ErrorEquals", tString))
			continue
		}
		if s != errorAll {
			continue
		}
		if len(list) > 1 {
			c.schema(el, "States.ALL must appear alone in ErrorEquals")
		} else if !last {
			c.schema(el, "States.ALL must appear in the last entry")
		}
	}
}
