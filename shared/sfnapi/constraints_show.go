package sfnapi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// structShape names a structure of the model and its members in model
// order, so that a value can be printed as AWS prints it in a
// validation message: the service's toString of the request object,
// e.g. [RoutingConfigurationListItem(stateMachineVersionArn=arn:…:1, weight=50)].
type structShape struct {
	name   string
	fields []string
}

var routingItemShape = &structShape{"RoutingConfigurationListItem", []string{"stateMachineVersionArn", "weight"}}

// show prints a list member's value as AWS does in a message.
func (c constraint) show(items []any) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = showValue(it, c.item)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func showValue(v any, shape *structShape) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return v
	case json.Number:
		return v.String()
	case map[string]any:
		if shape == nil {
			break
		}
		parts := make([]string, len(shape.fields))
		for i, f := range shape.fields {
			parts[i] = f + "=" + showValue(v[f], nil)
		}
		return shape.name + "(" + strings.Join(parts, ", ") + ")"
	case []any:
		return constraint{}.show(v)
	}
	return fmt.Sprint(v)
}
