package itemreader

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Page is a paged read's request, "Page": {"Size": n, "Cursor": {…}} in a
// reader's input (see task/s3reader): at most Size items, from Cursor on.
type Page struct {
	Size   int
	Cursor Cursor
}

// Cursor is where a paged read resumes; its wire form is an object the
// caller hands back unchanged.
type Cursor struct {
	Read       int      // items the earlier pages read (MaxItems counts them)
	Offset     int64    // getObject: bytes into the object
	Headers    []string // getObject CSV with FIRST_ROW: the header read first
	File, Skip int      // MANIFEST: the data file, and its records already read
	StartAfter string   // listObjectsV2: the last key read
	// Key is the object LOAD_AND_FLATTEN is part way through (after
	// StartAfter), where Offset, Headers or Skip apply.
	Key string
}

// ParsePage reads a reader input's Page.
func ParsePage(v jsonval.Value) (*Page, error) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return nil, fmt.Errorf("the reader's Page must be an object, but was %s", jsonval.String(v))
	}
	size, _ := num(o, "Size")
	if size < 1 {
		return nil, fmt.Errorf("the reader's Page needs a positive Size")
	}
	p := &Page{Size: int(size)}
	c, ok := o.Get("Cursor")
	if !ok {
		return p, nil
	}
	co, isObj := c.(*jsonval.Object)
	if !isObj {
		return nil, fmt.Errorf("the reader's Cursor must be an object, but was %s", jsonval.String(c))
	}
	return p, p.Cursor.parse(co)
}

func (c *Cursor) parse(o *jsonval.Object) error {
	read, _ := num(o, "Read")
	off, _ := num(o, "Offset")
	file, _ := num(o, "File")
	skip, _ := num(o, "Skip")
	c.Read, c.Offset, c.File, c.Skip = int(read), off, int(file), int(skip)
	if s, ok := o.Get("StartAfter"); ok {
		c.StartAfter, _ = s.(string)
	}
	if s, ok := o.Get("Key"); ok {
		c.Key, _ = s.(string)
	}
	if h, ok := o.Get("Headers"); ok {
		list, _ := h.([]any)
		for _, x := range list {
			s, isStr := x.(string)
			if !isStr {
				return fmt.Errorf("the reader's Cursor has a header that is not a string: %s", jsonval.String(x))
			}
			c.Headers = append(c.Headers, s)
		}
	}
	if c.Read < 0 || c.Offset < 0 || c.File < 0 || c.Skip < 0 {
		return fmt.Errorf("the reader's Cursor is not valid")
	}
	return nil
}

// Value is the cursor's wire form, with only the fields in use.
func (c Cursor) Value() *jsonval.Object {
	o := jsonval.NewObject(7)
	o.Set("Read", jsonval.NumberFromInt(int64(c.Read)))
	if c.Offset > 0 {
		o.Set("Offset", jsonval.NumberFromInt(c.Offset))
	}
	if c.Headers != nil {
		hs := make([]any, len(c.Headers))
		for i, h := range c.Headers {
			hs[i] = h
		}
		o.Set("Headers", hs)
	}
	if c.File > 0 || c.Skip > 0 {
		o.Set("File", jsonval.NumberFromInt(int64(c.File)))
		o.Set("Skip", jsonval.NumberFromInt(int64(c.Skip)))
	}
	if c.StartAfter != "" {
		o.Set("StartAfter", c.StartAfter)
	}
	if c.Key != "" {
		o.Set("Key", c.Key)
	}
	return o
}

// num reads an integer field.
func num(o *jsonval.Object, k string) (int64, bool) {
	v, _ := o.Get(k)
	n, ok := v.(jsonval.Number)
	if !ok {
		return 0, false
	}
	return n.Int()
}
