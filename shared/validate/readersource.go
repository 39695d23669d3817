package validate

import "github.com/stepwise/stepwise/shared/jsonval"

// readerSource checks what ManifestType and Transformation ask of the
// resource and the InputType: a manifest is read with getObject, S3
// inventory data files are CSV (InputType is not given), Athena data
// files are CSV, JSONL or Parquet; LOAD_AND_FLATTEN reads the objects
// listObjectsV2 lists, as InputType says.
func (c *checker) readerSource(rc sub, resource string) {
	manifest, hasManifest := asString(get(rc.obj, "ManifestType"))
	transform, _ := asString(get(rc.obj, "Transformation"))
	input, hasInput := rc.obj.Get("InputType")
	inputType, _ := asString(input)
	switch {
	case hasManifest && resource != readerResources[0]:
		c.schema(rc.loc, msgOnlyWith("ManifestType", "Resource", readerResources[0]))
	case manifest == "S3_INVENTORY" && hasInput && inputType != "MANIFEST":
		c.schema(rc.loc, "The field 'InputType' is not supported when 'ManifestType' is S3_INVENTORY")
	case manifest == "ATHENA_DATA" && hasInput && !contains(athenaTypes, inputType):
		c.schema(join(rc.loc, "InputType"), msgOneOf("InputType", athenaTypes))
	}
	if transform != "LOAD_AND_FLATTEN" {
		return
	}
	switch {
	case resource != readerResources[1]:
		c.schema(join(rc.loc, "Transformation"), msgOnlyWith("Transformation", "Resource", readerResources[1]))
	case !hasInput:
		c.schema(rc.loc, msgFieldRequired("InputType"))
	case !contains(flattenTypes, inputType):
		c.schema(join(rc.loc, "InputType"), msgOneOf("InputType", flattenTypes))
	}
}

// get is an object's field, nil when absent.
func get(o *jsonval.Object, field string) jsonval.Value {
	v, _ := o.Get(field)
	return v
}
