package asl

import (
	"math"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func (p *parser) state(name string, v jsonval.Value, loc, parentQL string) *State {
	o := p.obj(v, loc)
	s := &State{
		Name:           name,
		Type:           p.str(o, "Type", loc),
		Comment:        p.str(o, "Comment", loc),
		QueryLanguage:  parentQL,
		Next:           p.str(o, "Next", loc),
		End:            p.boolean(o, "End", loc),
		InputPath:      p.pathField(o, "InputPath", loc),
		OutputPath:     p.pathField(o, "OutputPath", loc),
		ResultPath:     p.pathField(o, "ResultPath", loc),
		Parameters:     opt(o, "Parameters"),
		ResultSelector: opt(o, "ResultSelector"),
		Arguments:      opt(o, "Arguments"),
		Output:         opt(o, "Output"),
		Assign:         p.assign(o, loc),
		Result:         opt(o, "Result"),
		Resource:       p.str(o, "Resource", loc),
		TimeoutPath:    p.str(o, "TimeoutSecondsPath", loc),
		HeartbeatPath:  p.str(o, "HeartbeatSecondsPath", loc),
		Default:        p.str(o, "Default", loc),
		SecondsPath:    p.str(o, "SecondsPath", loc),
		TimestampPath:  p.str(o, "TimestampPath", loc),
		ErrorPath:      p.str(o, "ErrorPath", loc),
		CausePath:      p.str(o, "CausePath", loc),
		Label:          p.str(o, "Label", loc),
	}
	if ql := p.str(o, "QueryLanguage", loc); ql != "" {
		s.QueryLanguage = ql
	}
	s.TimeoutSeconds, _ = o.Get("TimeoutSeconds")
	s.HeartbeatSeconds, _ = o.Get("HeartbeatSeconds")
	s.Credentials, _ = o.Get("Credentials")
	s.Seconds, _ = o.Get("Seconds")
	s.Timestamp, _ = o.Get("Timestamp")
	s.Error, _ = o.Get("Error")
	s.Cause, _ = o.Get("Cause")
	p.mapFields(s, o, loc)
	if bv, ok := o.Get("Branches"); ok {
		arr, _ := bv.([]any)
		for i, b := range arr {
			s.Branches = append(s.Branches, p.machine(b, loc+"/Branches/"+itoa(i), s.QueryLanguage))
		}
	}
	if cv, ok := o.Get("Choices"); ok {
		arr, _ := cv.([]any)
		for i, c := range arr {
			s.Choices = append(s.Choices, p.choice(c, loc+"/Choices/"+itoa(i)))
		}
	}
	s.Retry = p.retriers(o, loc)
	s.Catch = p.catchers(o, loc)
	return s
}

func (p *parser) mapFields(s *State, o *jsonval.Object, loc string) {
	s.ItemsPath = p.pathField(o, "ItemsPath", loc)
	s.Items = opt(o, "Items")
	s.ItemSelector = opt(o, "ItemSelector")
	s.MaxConcurrency, _ = o.Get("MaxConcurrency")
	s.MaxConcurrencyPath = p.str(o, "MaxConcurrencyPath", loc)
	s.ToleratedFailurePct, _ = o.Get("ToleratedFailurePercentage")
	s.ToleratedFailurePctPath = p.str(o, "ToleratedFailurePercentagePath", loc)
	s.ToleratedFailureCount, _ = o.Get("ToleratedFailureCount")
	s.ToleratedFailureCountPath = p.str(o, "ToleratedFailureCountPath", loc)
	if v, ok := o.Get("ItemBatcher"); ok {
		s.ItemBatcher = p.obj(v, loc+"/ItemBatcher")
	}
	if v, ok := o.Get("ItemReader"); ok {
		s.ItemReader = p.obj(v, loc+"/ItemReader")
	}
	if v, ok := o.Get("ResultWriter"); ok {
		s.ResultWriter = p.obj(v, loc+"/ResultWriter")
	}
	for _, key := range []string{"ItemProcessor", "Iterator"} {
		if v, ok := o.Get(key); ok {
			s.Processor = p.machine(v, loc+"/"+key, s.QueryLanguage)
			if s.Processor.ProcessorMode == "" {
				s.Processor.ProcessorMode = "INLINE"
			}
		}
	}
}

func (p *parser) retriers(o *jsonval.Object, loc string) []*Retrier {
	v, ok := o.Get("Retry")
	if !ok {
		return nil
	}
	arr, _ := v.([]any)
	var out []*Retrier
	for i, rv := range arr {
		l := loc + "/Retry/" + itoa(i)
		ro := p.obj(rv, l)
		r := &Retrier{
			ErrorEquals:     p.strings(ro, "ErrorEquals", l),
			IntervalSeconds: p.number(ro, "IntervalSeconds", l, 1),
			MaxAttempts:     int(math.Min(p.number(ro, "MaxAttempts", l, 3), math.MaxInt32)),
			BackoffRate:     p.number(ro, "BackoffRate", l, 2),
			MaxDelaySeconds: p.number(ro, "MaxDelaySeconds", l, 0),
			JitterStrategy:  p.str(ro, "JitterStrategy", l),
			Comment:         p.str(ro, "Comment", l),
		}
		out = append(out, r)
	}
	return out
}

func (p *parser) catchers(o *jsonval.Object, loc string) []*Catcher {
	v, ok := o.Get("Catch")
	if !ok {
		return nil
	}
	arr, _ := v.([]any)
	var out []*Catcher
	for i, cv := range arr {
		l := loc + "/Catch/" + itoa(i)
		co := p.obj(cv, l)
		out = append(out, &Catcher{
			ErrorEquals: p.strings(co, "ErrorEquals", l),
			Next:        p.str(co, "Next", l),
			ResultPath:  p.pathField(co, "ResultPath", l),
			Output:      opt(co, "Output"),
			Assign:      p.assign(co, l),
			Comment:     p.str(co, "Comment", l),
		})
	}
	return out
}

func (p *parser) strings(o *jsonval.Object, key, loc string) []string {
	v, ok := o.Get(key)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		p.fail(loc+"/"+key, "expected an array of strings")
		return nil
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			p.fail(loc+"/"+key, "expected an array of strings")
		}
		out = append(out, s)
	}
	return out
}

func itoa(i int) string { return jsonval.String(jsonval.NumberFromInt(int64(i))) }
