package extract

import (
	"os"
	"strings"
	"testing"
)

// TestDebugCase prints the mentions of the case named by EXTRACT_DEBUG;
// a development aid, skipped otherwise.
func TestDebugCase(t *testing.T) {
	name := os.Getenv("EXTRACT_DEBUG")
	if name == "" {
		t.Skip("set EXTRACT_DEBUG=<case file name> to print a case's mentions")
	}
	a := analyzer(t)
	for _, c := range loadCases(t) {
		if !strings.Contains(c.file, name) {
			continue
		}
		art := c.news(t)
		an := a.Analyze(&art)
		for _, m := range an.Mentions {
			t.Logf("mention %q %s %s", m.Text, m.Type, m.Entity)
		}
		for _, q := range an.Quotes {
			t.Logf("quote %q by %q ind=%v", q.Text, q.Speaker, q.Indirect)
		}
	}
}
