package asl

import (
	"fmt"
	"math"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// ParseError is a structural error at a location such as /States/A/Next.
type ParseError struct {
	Location string
	Message  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s at %s", e.Message, e.Location) }

// Parse decodes a definition document into the model. It checks only what
// the model needs (types of fields); validate.Definition reports the rest.
func Parse(data []byte) (*StateMachine, error) {
	v, err := jsonval.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("parse definition: %w", err)
	}
	return FromValue(v)
}

// FromValue builds the model from a decoded definition.
func FromValue(v jsonval.Value) (*StateMachine, error) {
	p := &parser{}
	sm := p.machine(v, "", JSONPath)
	if p.err != nil {
		return nil, p.err
	}
	return sm, nil
}

type parser struct{ err error }

func (p *parser) fail(loc, format string, args ...any) {
	if p.err == nil {
		if loc == "" {
			loc = "/"
		}
		p.err = &ParseError{Location: loc, Message: fmt.Sprintf(format, args...)}
	}
}

func (p *parser) obj(v jsonval.Value, loc string) *jsonval.Object {
	o, ok := v.(*jsonval.Object)
	if !ok {
		p.fail(loc, "expected an object")
		return jsonval.NewObject(0)
	}
	return o
}

func (p *parser) str(o *jsonval.Object, key, loc string) string {
	v, ok := o.Get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.fail(loc+"/"+key, "expected a string")
	}
	return s
}

func (p *parser) boolean(o *jsonval.Object, key, loc string) bool {
	v, ok := o.Get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		p.fail(loc+"/"+key, "expected a boolean")
	}
	return b
}

func (p *parser) number(o *jsonval.Object, key, loc string, def float64) float64 {
	v, ok := o.Get(key)
	if !ok {
		return def
	}
	f, ok := jsonval.ToFloat(v)
	if !ok {
		p.fail(loc+"/"+key, "expected a number")
		return def
	}
	return f
}

func opt(o *jsonval.Object, key string) Opt {
	v, ok := o.Get(key)
	return Opt{Set: ok, Value: v}
}

func (p *parser) pathField(o *jsonval.Object, key, loc string) PathField {
	v, ok := o.Get(key)
	if !ok {
		return PathField{}
	}
	if v == nil {
		return PathField{Set: true, Null: true}
	}
	s, ok := v.(string)
	if !ok {
		p.fail(loc+"/"+key, "expected a string or null")
	}
	return PathField{Set: true, Path: s}
}

func (p *parser) assign(o *jsonval.Object, loc string) *jsonval.Object {
	v, ok := o.Get("Assign")
	if !ok {
		return nil
	}
	return p.obj(v, loc+"/Assign")
}

func (p *parser) machine(v jsonval.Value, loc, parentQL string) *StateMachine {
	o := p.obj(v, loc)
	sm := &StateMachine{
		Comment:       p.str(o, "Comment", loc),
		StartAt:       p.str(o, "StartAt", loc),
		Version:       p.str(o, "Version", loc),
		QueryLanguage: parentQL,
		States:        map[string]*State{},
	}
	if ql := p.str(o, "QueryLanguage", loc); ql != "" {
		sm.QueryLanguage = ql
	}
	if t := p.number(o, "TimeoutSeconds", loc, 0); t > 0 {
		sm.TimeoutSeconds = int64(math.Min(t, math.MaxInt64))
	}
	if pc, ok := o.Get("ProcessorConfig"); ok {
		pco := p.obj(pc, loc+"/ProcessorConfig")
		sm.ProcessorMode = p.str(pco, "Mode", loc+"/ProcessorConfig")
		sm.ExecutionType = p.str(pco, "ExecutionType", loc+"/ProcessorConfig")
		sm.Raw = o
	}
	statesV, ok := o.Get("States")
	if !ok {
		p.fail(loc, "These fields are required: [States]")
		return sm
	}
	states := p.obj(statesV, loc+"/States")
	states.Range(func(name string, sv jsonval.Value) bool {
		sm.States[name] = p.state(name, sv, loc+"/States/"+name, sm.QueryLanguage)
		sm.Order = append(sm.Order, name)
		return true
	})
	return sm
}
