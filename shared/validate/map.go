package validate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func (c *checker) mapState(st *state) {
	c.mapProcessor(st)
	if v, ok := st.get("ItemsPath"); ok {
		c.pathField(st.loc, "ItemsPath", v, true)
	}
	if v, ok := st.get("Items"); ok {
		if _, isArr := v.([]any); !isArr && !c.exprOK(st.loc, "Items", v) {
			c.schema(join(st.loc, "Items"), msgType("Items", tArray))
		}
	}
	c.exclusive(st, "Parameters", "ItemSelector")
	c.mapLimits(st)
	if v, ok := st.get("Label"); ok {
		c.label(join(st.loc, "Label"), v)
	}
	c.itemReader(st)
	c.itemBatcher(st)
	c.resultWriter(st)
}

// mapProcessor checks the nested state machine: exactly one of
// ItemProcessor and the legacy Iterator.
func (c *checker) mapProcessor(st *state) {
	var found []string
	for _, f := range []string{"ItemProcessor", "Iterator"} {
		if _, ok := st.get(f); ok {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		c.schema(st.loc, msgExactlyOne("ItemProcessor", "Iterator"))
	}
	for _, f := range found {
		v, _ := st.get(f)
		obj, ok := asObject(v)
		if !ok {
			c.schema(join(st.loc, f), msgType(f, tObject))
			continue
		}
		c.machine(obj, join(st.loc, f), kindProcessor, st.depth+1)
	}
}

// mapLimits checks MaxConcurrency and the tolerated-failure thresholds and
// their Path variants.
func (c *checker) mapLimits(st *state) {
	for _, f := range []string{"MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount"} {
		if c.exclusive(st, f, f+"Path") {
			continue
		}
		if v, ok := st.get(f + "Path"); ok {
			c.pathField(st.loc, f+"Path", v, true)
		}
		v, ok := st.get(f)
		if !ok {
			continue
		}
		if f == "ToleratedFailurePercentage" {
			c.numberInRange(st.loc, f, v, st.jsonata(), 0, 100)
		} else {
			c.nonNegativeInt(st.loc, f, v, st.jsonata())
		}
	}
}

var processorModes = []string{"INLINE", "DISTRIBUTED"}
var executionTypes = []string{"STANDARD", "EXPRESS"}

// processorConfig checks an ItemProcessor's ProcessorConfig.
func (c *checker) processorConfig(loc string, v jsonval.Value) {
	obj, ok := asObject(v)
	if !ok {
		c.schema(loc, msgType("ProcessorConfig", tObject))
		return
	}
	obj.Range(func(k string, fv jsonval.Value) bool {
		s, _ := asString(fv)
		switch k {
		case "Mode":
			if !contains(processorModes, s) {
				c.schema(join(loc, k), msgOneOf(k, processorModes))
			}
		case "ExecutionType":
			if !contains(executionTypes, s) {
				c.schema(join(loc, k), msgOneOf(k, executionTypes))
			}
		default:
			c.schema(loc, msgNotSupported(k))
		}
		return true
	})
}

// labelForbidden are the characters AWS does not allow in Map labels (the
// same set as in execution names), besides whitespace and control characters.
const labelForbidden = "?*<>{}[]:;,\\|^~$#%&`\""

// label checks a Map Label: 1..40 characters, none of them forbidden. AWS
// rejects a bad label with a ValueError before validating the rest.
func (c *checker) label(loc string, v jsonval.Value) {
	s, ok := asString(v)
	if !ok {
		c.schema(loc, msgType("Label", tString))
		return
	}
	switch {
	case s == "":
		c.raise(excValue, loc, msgLabelEmpty)
		return
	case utf8.RuneCountInString(s) > 40:
		c.raise(excValue, loc, msgLabelTooLong)
		return
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r <= 0x1f || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune(labelForbidden, r) {
			c.raise(excValue, loc, msgLabelChar(r))
			return
		}
	}
}
