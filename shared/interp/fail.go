package interp

import "github.com/stepwise/stepwise/shared/jsonval"

// fail ends the frame with the state's Error and Cause.
func (st *stepper) fail() error {
	errName, err := st.failField("Error", "ErrorPath")
	if err != nil {
		return err
	}
	cause, err := st.failField("Cause", "CausePath")
	if err != nil {
		return err
	}
	st.action = Fail{Error: errName, Cause: cause}
	return nil
}

// failField evaluates Error/ErrorPath or Cause/CausePath to a string.
func (st *stepper) failField(field, pathField string) (string, error) {
	t, ok := st.n.fields[field]
	if !ok {
		if t, ok = st.n.fields[pathField]; !ok {
			return "", nil
		}
		field = pathField
	}
	v, err := t.eval(&st.scope, st.rec.Input)
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		if st.n.jsonata {
			return "", queryFailure("The %s field must evaluate to a string, but was %s", field, jsonval.TypeName(v))
		}
		return "", runtimeFailure("The %s field must reference a string, but was %s", field, jsonval.String(v))
	}
	return s, nil
}
