package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tempevalPath finds ../shared/data/tempeval3-platinum beside the
// directory holding go.mod, or skips.
func tempevalPath(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the package directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", "tempeval3-platinum", "tempeval3.platinum.jsonl.gz")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("TempEval-3 platinum data absent at %s (see ../shared/data/tempeval3-platinum/README.md): %v", p, err)
	}
	return p
}

// TestTempEval scores Annotate on the TempEval-3 platinum documents and
// fails below the marks reached when it was tuned. -v lists the misses.
func TestTempEval(t *testing.T) {
	docs, err := ReadTempEval(tempevalPath(t))
	if err != nil {
		t.Fatal(err)
	}
	s := ScoreTempEval(docs)
	t.Logf("docs %d gold %d system %d", s.Docs, s.Gold, s.System)
	t.Logf("span lenient P %.3f R %.3f F1 %.3f; strict P %.3f R %.3f F1 %.3f", s.LenientP, s.LenientR, s.LenientF1, s.StrictP, s.StrictR, s.StrictF1)
	t.Logf("type accuracy %.3f, value accuracy %.3f; value P %.3f R %.3f F1 %.3f", s.TypeAccuracy, s.ValueAccuracy, s.ValueP, s.ValueR, s.ValueF1)
	if testing.Verbose() {
		t.Log("\n" + strings.Join(s.Misses, "\n"))
	}
	if s.Gold != 138 {
		t.Errorf("gold expressions = %d, want 138", s.Gold)
	}
	const minValueF1 = 0.87
	if s.ValueF1 < minValueF1 {
		t.Errorf("value F1 = %.3f, want >= %.2f", s.ValueF1, minValueF1)
	}
}
