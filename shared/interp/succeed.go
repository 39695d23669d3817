package interp

import (
	"github.com/stepwise/stepwise/shared/history"
)

// succeed ends the frame with the state's output.
func (st *stepper) succeed() error {
	out, err := st.simpleOutput()
	if err != nil {
		return err
	}
	if err := st.checkOutput(out); err != nil {
		return err
	}
	st.record(history.Exited(st.n.exitedType, st.n.st.Name, out))
	st.action = Succeed{Output: out}
	return nil
}

// simpleOutput is the output of a state without a result (Succeed, Wait,
// Choice): InputPath then OutputPath, or JSONata Output.
func (st *stepper) simpleOutput() (any, error) {
	if st.n.jsonata {
		return st.jsonataOutput(st.n.output, st.rec.Input)
	}
	eff, err := st.inputStage()
	if err != nil {
		return nil, err
	}
	return st.outputStage(eff)
}
