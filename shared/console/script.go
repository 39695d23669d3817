package console

import "fmt"

// Script returns the text of one embedded asset, so that `stepwise graph`
// can run the page's own layout code rather than a copy of it.
func Script(name string) ([]byte, error) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		return nil, fmt.Errorf("console asset %s: %w", name, err)
	}
	return b, nil
}
