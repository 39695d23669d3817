package conformance

import (
	"fmt"
	"strconv"
)

func itoa(i int) string { return strconv.Itoa(i) }

func sprint(v any) string { return fmt.Sprint(v) }
