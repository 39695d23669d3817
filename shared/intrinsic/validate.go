package intrinsic

import "fmt"

// ValidateSyntax checks, at definition time, that s is a well-formed call of
// known functions. Like AWS it does not check argument counts: AWS accepts
// "States.Hash()" in a definition and fails it at run time (see CheckArity).
func ValidateSyntax(s string) error {
	c, err := Parse(s)
	if err != nil {
		return err
	}
	return c.walk(func(c *Call) error {
		if _, ok := registry[c.Name]; !ok {
			return fmt.Errorf("unknown intrinsic function %q", c.Name)
		}
		return nil
	})
}

// CheckArity reports the first call, nested ones included, whose argument
// count no implementation of its function accepts. Evaluation fails such a
// call with "Invalid arguments in <name>".
func CheckArity(c *Call) error {
	return c.walk(func(c *Call) error {
		sp, ok := registry[c.Name]
		if !ok {
			return fmt.Errorf("unknown intrinsic function %q", c.Name)
		}
		n := len(c.Args)
		if n < sp.min || sp.max >= 0 && n > sp.max {
			return fmt.Errorf("%s takes %s, got %d", c.Name, arityText(sp), n)
		}
		return nil
	})
}

func arityText(sp spec) string {
	switch {
	case sp.max < 0:
		return fmt.Sprintf("at least %d argument(s)", sp.min)
	case sp.min == sp.max:
		return fmt.Sprintf("%d argument(s)", sp.min)
	}
	return fmt.Sprintf("%d to %d arguments", sp.min, sp.max)
}

// walk calls f on c and then on every nested call, depth first.
func (c *Call) walk(f func(*Call) error) error {
	if err := f(c); err != nil {
		return err
	}
	for _, a := range c.Args {
		if a.Kind == ArgCall && a.Call != nil {
			if err := a.Call.walk(f); err != nil {
				return err
			}
		}
	}
	return nil
}
