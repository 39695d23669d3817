package interp

import (
	"errors"

	"github.com/stepwise/stepwise/shared/intrinsic"
	"github.com/stepwise/stepwise/shared/jsonata"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// scope is what expressions of one state see: the record, the environment
// and the $states bindings of JSONata.
type scope struct {
	rec   *Record
	env   *Env
	node  *node
	input jsonval.Value // raw state input ($states.input)
	// result and errorOutput are bound while evaluating Output/Assign.
	result, errorOutput jsonval.Value
	hasResult, hasError bool
	ctx                 jsonval.Value   // cached context object
	mapItem             *MapItem        // $$.Map.Item while evaluating ItemSelector
	ctxBase             *jsonval.Object // the context object without Map, shared by a Map's items
	// icall and iinput are the intrinsic call being evaluated and its input.
	icall  *tIntrinsic
	iinput jsonval.Value
}

// rootFor returns the value a path starts from.
func (s *scope) rootFor(p *jsonpath.Path, input jsonval.Value) (jsonval.Value, error) {
	switch p.Root() {
	case jsonpath.RootContext:
		return s.contextObject(), nil
	case jsonpath.RootVariable:
		v, ok := s.rec.Vars.Get(p.Name())
		if !ok {
			return nil, runtimeFailure("Invalid path '%s': The variable '$%s' could not be found", p.String(), p.Name())
		}
		return v, nil
	}
	return input, nil
}

// getPath evaluates a path for a ".$" field or a *Path field.
func (s *scope) getPath(p *jsonpath.Path, input jsonval.Value, field string) (jsonval.Value, error) {
	root, err := s.rootFor(p, input)
	if err != nil {
		return nil, err
	}
	v, err := p.Get(root)
	if err != nil {
		if errors.Is(err, jsonpath.ErrNotFound) {
			return nil, runtimeFailure("The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'", p.String(), field, jsonval.String(root))
		}
		return nil, runtimeFailure("Invalid path '%s': %v", p.String(), err)
	}
	return v, nil
}

// selectPath applies InputPath or OutputPath.
func (s *scope) selectPath(p *jsonpath.Path, input jsonval.Value) (jsonval.Value, error) {
	root, err := s.rootFor(p, input)
	if err != nil {
		return nil, err
	}
	v, err := p.Get(root)
	if errors.Is(err, jsonpath.ErrTooComplex) {
		return nil, runtimeFailure("Invalid path '%s': %v", p.String(), err)
	}
	if err != nil {
		// jsonpath renders Jayway's message, which AWS shows verbatim.
		return nil, runtimeFailure("%s", err.Error())
	}
	return v, nil
}

func (s *scope) callIntrinsic(t *tIntrinsic, input jsonval.Value) (jsonval.Value, error) {
	// The scope resolves the call's paths itself (ResolvePath), which saves
	// a closure per call; nested templates restore the outer call.
	prevCall, prevInput := s.icall, s.iinput
	s.icall, s.iinput = t, input
	defer func() { s.icall, s.iinput = prevCall, prevInput }()
	v, err := t.call.Eval(intrinsic.Env{Resolver: s, Random: s.env.Random, UUID: s.env.NewUUID})
	if err != nil {
		var f *Failure
		if errors.As(err, &f) {
			return nil, f
		}
		var ie *intrinsic.Error
		if errors.As(err, &ie) {
			return nil, &Failure{Name: ie.Name, Cause: ie.Message, InState: true}
		}
		return nil, runtimeFailure("%v", err)
	}
	return v, nil
}

// ResolvePath evaluates a path argument of the intrinsic call in progress.
func (s *scope) ResolvePath(path string) (jsonval.Value, error) {
	t := s.icall
	p := t.path(path)
	if p == nil {
		return nil, runtimeFailure("Invalid path '%s' in the intrinsic function call for the field '%s'", path, t.field)
	}
	return s.getPath(p, s.iinput, t.field)
}

func (s *scope) evalJSONata(e *jsonata.Expr, src, field string) (jsonval.Value, error) {
	v, defined, err := e.Eval(s.input, s.bindings(), jsonata.Env{Random: s.env.Random, UUID: s.env.NewUUID, Limits: s.env.Limits})
	if err != nil {
		if errors.Is(err, jsonata.ErrUnsupportedResult) {
			return nil, queryFailure("The JSONata expression '%s' specified for the field '%s' returned an unsupported result type.", src, field)
		}
		var je *jsonata.Error
		msg := err.Error()
		if errors.As(err, &je) {
			msg = je.Message
		}
		return nil, queryFailure("The JSONata expression '%s' specified for the field '%s' threw an error during evaluation. %s", src, field, msg)
	}
	if !defined {
		return nil, queryFailure("The JSONata expression '%s' specified for the field '%s' returned nothing (undefined).", src, field)
	}
	return v, nil
}

// bindings are the JSONata variables: every ASL variable plus $states.
func (s *scope) bindings() map[string]jsonval.Value {
	vars := s.rec.Vars.Flatten()
	st := jsonval.NewObject(4)
	st.Set("input", s.input)
	st.Set("context", s.contextObject())
	if s.hasResult {
		st.Set("result", s.result)
	}
	if s.hasError {
		st.Set("errorOutput", s.errorOutput)
	}
	vars["states"] = st
	return vars
}
