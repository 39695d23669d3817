package interp

// pass evaluates a Pass state: its result is Result, or Parameters, or the
// effective input.
func (st *stepper) pass() error {
	if st.n.jsonata {
		return st.finish(st.rec.Input, st.rec.Input, st.next())
	}
	eff, err := st.inputStage()
	if err != nil {
		return err
	}
	result := eff
	if st.n.hasResult {
		result = st.n.result
	} else if result, err = st.parametersStage(eff); err != nil {
		return err
	}
	return st.finish(result, nil, st.next())
}
