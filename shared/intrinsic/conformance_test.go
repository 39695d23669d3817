package intrinsic

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// conformanceDir holds the AWS-recorded cases, beside the repository.
const conformanceDir = "../../../shared/conformance/cases/intrinsic_functions"

// TestConformance_IntrinsicCases evaluates every JSONPath intrinsic in the
// AWS-recorded cases and compares with AWS's recorded output.
func TestConformance_IntrinsicCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(conformanceDir, "*.json"))
	if len(files) == 0 {
		t.Skip("conformance corpus not present")
	}
	ran := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := jsonval.MustDecode(string(data)).(*jsonval.Object)
		params, outputKey := passParameters(c)
		if params == nil {
			continue // a JSONata case: not ours
		}
		ran++
		t.Run(filepath.Base(f), func(t *testing.T) { checkCase(t, c, params, outputKey) })
	}
	if ran < 90 {
		t.Fatalf("ran only %d JSONPath cases", ran)
	}
}

// passParameters returns the single Pass state's Parameters and, when an
// OutputPath selects one field of the result, that field's name.
func passParameters(c *jsonval.Object) (*jsonval.Object, string) {
	def, _ := c.Get("definition")
	states, _ := def.(*jsonval.Object).Get("States")
	so := states.(*jsonval.Object)
	if so.Len() != 1 {
		return nil, ""
	}
	st, _ := so.Get(so.Keys()[0])
	p, ok := st.(*jsonval.Object).Get("Parameters")
	if !ok {
		return nil, ""
	}
	out, _ := st.(*jsonval.Object).Get("OutputPath")
	s, _ := out.(string)
	return p.(*jsonval.Object), s[strings.LastIndexByte(s, '.')+1:]
}

func checkCase(t *testing.T, c *jsonval.Object, params *jsonval.Object, outputKey string) {
	input, _ := c.Get("input")
	expect, _ := c.Get("expect")
	want, _ := expect.(*jsonval.Object).Get("output")
	// The context's names are the placeholders the recorded outputs carry.
	ctx := jsonval.MustDecode(`{"Execution":{"Name":"<ExecArnPart_0idx>"},"StateMachine":{
		"Id":"arn:aws:states:us-east-1:000000000000:stateMachine:<ArnPart_0idx>","Name":"<ArnPart_0idx>"}}`)
	exec, _ := ctx.(*jsonval.Object).Get("Execution")
	exec.(*jsonval.Object).Set("Input", input)
	env := Env{Resolve: testResolver(input, ctx), Random: func() float64 { return 0.25 }}
	got := jsonval.NewObject(params.Len())
	for _, k := range params.Keys() {
		expr, _ := params.Get(k)
		call, err := Parse(expr.(string))
		if err != nil {
			t.Fatalf("Parse(%q): %v", expr, err)
		}
		v, err := call.Eval(env)
		if err != nil {
			t.Fatalf("Eval(%q): %v", expr, err)
		}
		got.Set(strings.TrimSuffix(k, ".$"), v)
	}
	var result jsonval.Value = got
	if outputKey != "" {
		result, _ = got.Get(outputKey)
	}
	if fr, ok := want.(*jsonval.Object).Get("FunctionResult"); ok && fr == "RandomNumberGenerated" {
		checkRandom(t, input, result)
		return
	}
	// Key order counts too: AWS's output text is the reference.
	if jsonval.String(result) != jsonval.String(want) {
		t.Errorf("got %s, want %s", jsonval.String(result), jsonval.String(want))
	}
}

// checkRandom checks a MathRandom result lies in [fst, snd).
func checkRandom(t *testing.T, input, result jsonval.Value) {
	args, _ := input.(*jsonval.Object).Get("FunctionInput")
	lo, _ := args.(*jsonval.Object).Get("fst")
	hi, _ := args.(*jsonval.Object).Get("snd")
	v, _ := result.(*jsonval.Object).Get("FunctionResult")
	n, ok := v.(jsonval.Number)
	if !ok || !n.IsIntegral() || n.Float() < float64(javaInt(lo.(jsonval.Number).Float())) ||
		n.Float() >= float64(javaInt(hi.(jsonval.Number).Float())) {
		t.Errorf("MathRandom gave %v, want an integer in [%v, %v)", v, lo, hi)
	}
}
