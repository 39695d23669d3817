package runner

import (
	"context"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// A .sync child reports its end to the token its parent's frame parks on.
// The parent commits the park after its step, and the child may end
// before that (a batch runs its tasks together; a killed step comes back
// later). So the child does not wait for the park (see notifyParent):
// once the park has committed, the parent looks at its child once and
// reports an ended one itself. Either the child's report finds the park,
// or the parent's look, which follows the park, finds the child ended (a
// report made twice is a harmless duplicate).

// waitedChild is the execution a .sync nested start parks its frame on
// ("" for any other task).
func waitedChild(tk interp.Task, res task.Result) string {
	if !strings.HasPrefix(tk.Resource, NestedResource+".sync") {
		return ""
	}
	out, _ := res.Output.(*jsonval.Object)
	if out == nil {
		return ""
	}
	arn, _ := get(out, "ExecutionArn").(string)
	return arn
}

// framesOnChildren are the frames parked on .sync children, for a
// redelivered step whose commit may have died before checkChildren.
func (t *tx) framesOnChildren() []*frame {
	var fs []*frame
	for _, f := range t.st.Frames {
		if f.Child != "" && f.Token != "" {
			fs = append(fs, f)
		}
	}
	return fs
}

// checkChildren reports the children of parked frames that have ended.
func (r *Runner) checkChildren(ctx context.Context, frames []*frame) error {
	for _, f := range frames {
		child, err := r.opts.Store.GetExecution(ctx, f.Child)
		if err != nil {
			return fmt.Errorf("load child execution %s: %w", f.Child, err)
		}
		if child.Status == StatusRunning || len(child.State) == 0 {
			continue
		}
		st, err := decodeState(child.State)
		if err != nil {
			return fmt.Errorf("load child execution %s: %w", f.Child, err)
		}
		if st.ParentToken != f.Token {
			continue
		}
		if err := r.notifyParent(ctx, child, st, 0); err != nil {
			return err
		}
	}
	return nil
}
