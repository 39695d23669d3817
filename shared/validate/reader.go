package validate

import (
	"github.com/stepwise/stepwise/shared/itemreader"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// The ItemReader resources and ReaderConfig values AWS accepts.
var (
	readerResources = []string{"arn:aws:states:::s3:getObject", "arn:aws:states:::s3:listObjectsV2"}
	inputTypes      = []string{"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"}
	headerLocations = []string{"FIRST_ROW", "GIVEN"}
	csvDelimiters   = []string{"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"}
	manifestTypes   = []string{"ATHENA_DATA", "S3_INVENTORY"}
	transformations = []string{"NONE", "LOAD_AND_FLATTEN"}
	// The data files an Athena manifest lists, and the objects
	// LOAD_AND_FLATTEN reads, are of these types.
	athenaTypes  = []string{"CSV", "JSONL", "PARQUET"}
	flattenTypes = []string{"CSV", "JSON", "JSONL", "PARQUET"}
)

// sub is a field object inside a state (ItemReader, ItemBatcher, …).
type sub struct {
	loc     string
	obj     *jsonval.Object
	jsonata bool
}

func (c *checker) subObject(st *state, field string) (sub, bool) {
	v, ok := st.get(field)
	if !ok {
		return sub{}, false
	}
	o, isObj := asObject(v)
	if !isObj {
		c.schema(join(st.loc, field), msgType(field, tObject))
		return sub{}, false
	}
	return sub{loc: join(st.loc, field), obj: o, jsonata: st.jsonata()}, true
}

// itemReader checks a Map's ItemReader: a known resource, the query
// language's parameter field, and its ReaderConfig.
func (c *checker) itemReader(st *state) {
	r, ok := c.subObject(st, "ItemReader")
	if !ok {
		return
	}
	res, hasRes := r.obj.Get("Resource")
	s, isStr := asString(res)
	switch {
	case !hasRes:
		c.schema(r.loc, msgFieldRequired("Resource"))
	case !isStr || !contains(readerResources, s):
		c.schema(join(r.loc, "Resource"), msgOneOf("Resource", readerResources))
	}
	own, other := "Parameters", "Arguments"
	if r.jsonata {
		own, other = other, own
	}
	if _, ok := r.obj.Get(other); ok {
		c.schema(r.loc, msgNotSupported(other))
	}
	if v, ok := r.obj.Get(own); ok {
		if _, isObj := asObject(v); !isObj && !(r.jsonata && c.exprOK(r.loc, own, v)) {
			c.schema(join(r.loc, own), msgType(own, tObject))
		}
	}
	c.readerConfig(r, s)
}

func (c *checker) readerConfig(r sub, resource string) {
	v, ok := r.obj.Get("ReaderConfig")
	if !ok {
		if resource == readerResources[0] {
			c.schema(r.loc, msgFieldRequired("ReaderConfig"))
		}
		return
	}
	cfg, isObj := asObject(v)
	if !isObj {
		c.schema(join(r.loc, "ReaderConfig"), msgType("ReaderConfig", tObject))
		return
	}
	rc := sub{loc: join(r.loc, "ReaderConfig"), obj: cfg, jsonata: r.jsonata}
	manifest, _ := asString(get(cfg, "ManifestType"))
	if _, ok := cfg.Get("InputType"); !ok && resource == readerResources[0] && manifest != "S3_INVENTORY" {
		c.schema(rc.loc, msgFieldRequired("InputType"))
	}
	c.enum(rc, "InputType", inputTypes)
	c.enum(rc, "CSVHeaderLocation", headerLocations)
	c.enum(rc, "CSVDelimiter", csvDelimiters)
	c.enum(rc, "ManifestType", manifestTypes)
	c.enum(rc, "Transformation", transformations)
	c.subCount(rc, "MaxItems", false)
	c.itemsPointer(rc)
	c.readerSource(rc, resource)
}

// itemsPointer checks ReaderConfig.ItemsPointer before a run can fail on
// it: a JSON Pointer (a literal, never an expression: the reader applies
// it as written), only for InputType JSON, the one input it selects in.
func (c *checker) itemsPointer(rc sub) {
	v, ok := rc.obj.Get("ItemsPointer")
	if !ok {
		return
	}
	loc := join(rc.loc, "ItemsPointer")
	p, isStr := asString(v)
	switch {
	case !isStr:
		c.schema(loc, msgType("ItemsPointer", tString))
	case !itemreader.ValidPointer(p):
		c.schema(loc, msgJSONPointer("ItemsPointer"))
	}
	if it, _ := rc.obj.Get("InputType"); it != "JSON" {
		c.schema(loc, msgOnlyWith("ItemsPointer", "InputType", "JSON"))
	}
}

// itemBatcher checks a Map's ItemBatcher limits.
func (c *checker) itemBatcher(st *state) {
	b, ok := c.subObject(st, "ItemBatcher")
	if !ok {
		return
	}
	c.subCount(b, "MaxItemsPerBatch", true)
	c.subCount(b, "MaxInputBytesPerBatch", true)
	if v, ok := b.obj.Get("BatchInput"); ok {
		if _, isObj := asObject(v); !isObj && !(b.jsonata && c.exprOK(b.loc, "BatchInput", v)) {
			c.schema(join(b.loc, "BatchInput"), msgType("BatchInput", tObject))
		}
	}
}

// subCount checks an integer field of a sub-object and its Path form
// (JSONPath only): mutually exclusive, the number positive (or
// non-negative), the path a reference path.
func (c *checker) subCount(s sub, field string, positive bool) {
	v, hasV := s.obj.Get(field)
	p, hasP := s.obj.Get(field + "Path")
	switch {
	case hasV && hasP:
		c.schema(s.loc, msgMutuallyExclusive(field, field+"Path"))
		return
	case hasP && s.jsonata:
		c.schema(s.loc, msgNotSupported(field+"Path"))
	case hasP:
		c.pathField(s.loc, field+"Path", p, true)
	case hasV && positive:
		c.positiveInt(s.loc, field, v, s.jsonata)
	case hasV:
		c.nonNegativeInt(s.loc, field, v, s.jsonata)
	}
}

func (c *checker) enum(s sub, field string, values []string) {
	v, ok := s.obj.Get(field)
	if !ok {
		return
	}
	if str, isStr := asString(v); !isStr || !contains(values, str) {
		c.schema(join(s.loc, field), msgOneOf(field, values))
	}
}
