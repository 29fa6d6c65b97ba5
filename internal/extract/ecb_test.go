package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// sharedData finds ../shared/data relative to the directory holding go.mod.
func sharedData(t testing.TB) string {
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
	p := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("labeled data not found at %s: %v", p, err)
	}
	return p
}

// TestECBPlus runs Analyze and Canonicalize over the real ECB+ dev
// articles (no entity gold there): every offset must be valid, canonical
// ids consistent, and most articles must yield people or places and dates
// are left to timex. It logs throughput in CPU time.
func TestECBPlus(t *testing.T) {
	if testing.Short() {
		t.Skip("ECB+ pass skipped in -short mode")
	}
	path := filepath.Join(sharedData(t), "ecbplus", "ecbplus.dev.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("ECB+ not available: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	a := analyzer(t)
	byCluster := map[string][]int{}
	var arts []news.Article
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		var r struct {
			ID, Text, Lang, Cluster string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		byCluster[r.Cluster] = append(byCluster[r.Cluster], len(arts))
		arts = append(arts, news.Article{ID: r.ID, Text: r.Text, Lang: r.Lang, Published: time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	ans := make([]news.Analysis, len(arts))
	before := cpuTime()
	bytes := 0
	for i := range arts {
		ans[i] = a.Analyze(&arts[i])
		bytes += len(arts[i].Text)
	}
	cpu := cpuTime() - before
	withNames, quotes, figures := 0, 0, 0
	for i := range arts {
		if err := validOffsets(&arts[i], &ans[i]); err != nil {
			t.Errorf("%s: %v", arts[i].ID, err)
		}
		for _, e := range ans[i].Entities {
			if e.Type == news.Person || e.Type == news.Place {
				withNames++
				break
			}
		}
		quotes += len(ans[i].Quotes)
		figures += len(ans[i].Figures)
	}
	for _, idx := range byCluster {
		ca := make([]news.Article, len(idx))
		cn := make([]news.Analysis, len(idx))
		for k, i := range idx {
			ca[k], cn[k] = arts[i], ans[i]
		}
		ents := Canonicalize(ca, cn)
		ids := map[string]bool{}
		for _, e := range ents {
			ids[e.ID] = true
		}
		for _, an := range cn {
			for _, m := range an.Mentions {
				if !ids[m.Entity] {
					t.Errorf("%s: mention %q points at %q, not a canonical entity", an.Article, m.Text, m.Entity)
				}
			}
		}
	}
	t.Logf("%d articles (%d KB): %d with a person or place, %d quotes, %d figures; %.0f articles/cpu-s",
		len(arts), bytes/1024, withNames, quotes, figures, float64(len(arts))/cpu.Seconds())
	if withNames < len(arts)*8/10 {
		t.Errorf("only %d of %d articles have a person or place", withNames, len(arts))
	}
}
