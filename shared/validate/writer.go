package validate

// The ResultWriter resource and WriterConfig values AWS accepts.
var (
	writerResources       = []string{"arn:aws:states:::s3:putObject"}
	writerTransformations = []string{"NONE", "COMPACT", "FLATTEN"}
	writerOutputTypes     = []string{"JSON", "JSONL"}
)

// resultWriter checks a Map's ResultWriter: a Resource with its
// Parameters (Arguments in JSONata), a WriterConfig, or all three.
func (c *checker) resultWriter(st *state) {
	w, ok := c.subObject(st, "ResultWriter")
	if !ok {
		return
	}
	own := "Parameters"
	if w.jsonata {
		own = "Arguments"
	}
	for _, k := range w.obj.Keys() {
		if k != "Resource" && k != own && k != "WriterConfig" {
			c.schema(w.loc, msgNotSupported(k))
		}
	}
	res, hasRes := w.obj.Get("Resource")
	params, hasParams := w.obj.Get(own)
	_, hasConfig := w.obj.Get("WriterConfig")
	switch {
	case !hasRes && !hasParams && !hasConfig:
		c.schema(w.loc, "The ResultWriter requires at least one of these sets of fields: [WriterConfig], [Resource, "+own+"]")
	case hasRes && !hasParams:
		c.schema(w.loc, msgFieldRequired(own))
	case hasParams && !hasRes:
		c.schema(w.loc, msgFieldRequired("Resource"))
	}
	if s, isStr := asString(res); hasRes && (!isStr || !contains(writerResources, s)) {
		c.schema(join(w.loc, "Resource"), msgOneOf("Resource", writerResources))
	}
	if hasParams {
		c.writerParams(w, own, params)
	}
	c.writerConfig(w)
}

// writerParams checks the Bucket and Prefix fields: an object whose values
// are strings, paths (JSONPath's "Bucket.$") or expressions (JSONata).
func (c *checker) writerParams(w sub, field string, v any) {
	obj, isObj := asObject(v)
	if !isObj {
		if !(w.jsonata && c.exprOK(w.loc, field, v)) {
			c.schema(join(w.loc, field), msgType(field, tObject))
		}
		return
	}
	if w.jsonata {
		c.jsonataValue(join(w.loc, field), field, obj)
		return
	}
	c.templateObject(join(w.loc, field), obj)
}

// writerConfig checks WriterConfig's Transformation and OutputType.
func (c *checker) writerConfig(w sub) {
	v, ok := w.obj.Get("WriterConfig")
	if !ok {
		return
	}
	cfg, isObj := asObject(v)
	if !isObj {
		c.schema(join(w.loc, "WriterConfig"), msgType("WriterConfig", tObject))
		return
	}
	wc := sub{loc: join(w.loc, "WriterConfig"), obj: cfg, jsonata: w.jsonata}
	for _, k := range cfg.Keys() {
		if k != "Transformation" && k != "OutputType" {
			c.schema(wc.loc, msgNotSupported(k))
		}
	}
	c.enum(wc, "Transformation", writerTransformations)
	c.enum(wc, "OutputType", writerOutputTypes)
}
