package timex

import (
	"strings"
	"testing"
)

// TestLinear checks that matching stays linear in the number of tokens
// on inputs built to chain grammars ("early early early", a modifier
// that matches what follows it): at most two match calls per token.
func TestLinear(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("early ", 2000), strings.Repeat("mid-", 2000), strings.Repeat("late last ", 1000),
		strings.Repeat("the day before ", 1000), strings.Repeat("every ", 2000), strings.Repeat("1:", 2000),
		strings.Repeat("early December ", 1000),
	} {
		f := newFinder(s, ref, "en")
		f.run(func(*finder, hit) {})
		if f.matches > 2*len(f.toks) {
			t.Errorf("%q...: %d match calls for %d tokens", s[:20], f.matches, len(f.toks))
		}
	}
}
