package interp

import "github.com/stepwise/stepwise/shared/jsonval"

// taskCredentials evaluates a Task's Credentials ({"RoleArn": …},
// "RoleArn.$" or JSONata) over the input its Parameters or Arguments see;
// every attempt evaluates it again, to the same value.
func (st *stepper) taskCredentials() (jsonval.Value, error) {
	t, ok := st.n.fields["Credentials"]
	if !ok {
		return nil, nil
	}
	input := st.rec.Input
	if !st.n.jsonata {
		eff, err := st.applySelect(st.n.inputPath, st.rec.Input)
		if err != nil {
			return nil, err
		}
		input = eff
	}
	return t.eval(&st.scope, input)
}
