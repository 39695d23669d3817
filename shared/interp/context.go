package interp

import (
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// contextObject builds $$ (JSONPath) / $states.context (JSONata) with the
// members, and member order, that AWS shows.
func (s *scope) contextObject() jsonval.Value {
	if s.ctx != nil {
		return s.ctx
	}
	if s.env.Context != nil {
		s.ctx = s.env.Context
		return s.ctx
	}
	if s.mapItem != nil && s.ctxBase != nil {
		return s.withMapItem(s.ctxBase)
	}
	ex := s.env.Execution
	exec := jsonval.NewObject(6)
	exec.Set("Id", ex.ID)
	exec.Set("Input", ex.Input)
	exec.Set("StartTime", formatTime(ex.StartTime))
	exec.Set("Name", ex.Name)
	if ex.RoleArn != "" {
		exec.Set("RoleArn", ex.RoleArn)
	} else {
		exec.Set("RoleArn", nil) // TestState without a role
	}
	if !ex.Express {
		exec.Set("RedriveCount", jsonval.NumberFromInt(int64(ex.RedriveCount)))
	}

	sm := jsonval.NewObject(2)
	sm.Set("Id", ex.StateMachineID)
	sm.Set("Name", ex.StateMachineName)

	st := jsonval.NewObject(3)
	st.Set("Name", s.rec.State)
	st.Set("EnteredTime", formatTime(s.rec.EnteredTime))
	if s.node != nil && s.node.st.Type == asl.TypeTask {
		st.Set("RetryCount", jsonval.NumberFromInt(int64(s.rec.Attempt)))
	}

	c := jsonval.NewObject(5)
	c.Set("Execution", exec)
	c.Set("StateMachine", sm)
	c.Set("State", st)
	if s.rec.TaskToken != "" {
		task := jsonval.NewObject(1)
		task.Set("Token", s.rec.TaskToken)
		c.Set("Task", task)
	}
	if s.mapItem != nil {
		// A Map evaluates ItemSelector once per item: the rest of the
		// context object is the same for all of them.
		s.ctxBase = c
		return s.withMapItem(c)
	}
	s.ctx = c
	return c
}

// withMapItem is base with the Map member of the current item.
func (s *scope) withMapItem(base *jsonval.Object) jsonval.Value {
	c := jsonval.NewObject(base.Len() + 1)
	base.Range(func(k string, v jsonval.Value) bool {
		c.Set(k, v)
		return true
	})
	item := jsonval.NewObject(2)
	item.Set("Index", jsonval.NumberFromInt(int64(s.mapItem.Index)))
	item.Set("Value", s.mapItem.Value)
	m := jsonval.NewObject(1)
	m.Set("Item", item)
	c.Set("Map", m)
	s.ctx = c
	return c
}

// formatTime renders a timestamp as AWS does in the context object.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
