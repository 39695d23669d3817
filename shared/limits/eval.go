package limits

// Fixed evaluation bounds: they protect the process from one expression,
// sit far above anything a legitimate workflow needs, and are not
// configurable (a deployment has no reason to raise them).
const (
	// PathVisits caps the nodes one JSONPath evaluation may visit, which
	// also caps its matches: chained deep scans ($..a..a..a) otherwise grow
	// combinatorially with the input.
	PathVisits = 1_000_000
	// JSONataNesting caps the bracket and operator nesting of a JSONata
	// expression's source, checked before the (recursive) parser runs.
	JSONataNesting = 256
)
