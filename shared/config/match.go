package config

// TaskAllowed reports whether resource matches one of the allowed task
// resource patterns, with IAM's wildcard rules: * matches any run of
// characters (including ':' and '/'), ? matches exactly one.
func (c Config) TaskAllowed(resource string) bool {
	for _, p := range c.AllowedTaskResources {
		if MatchPattern(p, resource) {
			return true
		}
	}
	return false
}

// MatchPattern matches s against an IAM-style pattern. It runs in
// O(len(pattern)·len(s)) with no recursion, so hostile input cannot blow up.
func MatchPattern(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			// Checked first: a '*' is always a wildcard, even against a '*'.
			star, mark = p, i
			p++
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case star >= 0:
			// Let the last star swallow one more byte and retry.
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
