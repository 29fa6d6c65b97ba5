package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"github.com/dossier-news/dossier/internal/news"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestTmpECB(t *testing.T) {
	f, _ := os.Open(filepath.Join(sharedData(t), "ecbplus", "ecbplus.dev.jsonl.gz"))
	zr, _ := gzip.NewReader(f)
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	a := analyzer(t)
	n := 0
	for sc.Scan() {
		n++
		if n%61 != 5 {
			continue
		}
		var r struct{ ID, Text, Lang string }
		json.Unmarshal(sc.Bytes(), &r)
		art := news.Article{ID: r.ID, Text: r.Text, Lang: r.Lang, Published: time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)}
		an := a.Analyze(&art)
		t.Logf("=== %s", r.ID)
		for _, e := range an.Entities {
			t.Logf("E %s %q %v", e.Type, e.Name, e.Aliases)
		}
		for _, fg := range an.Figures {
			t.Logf("F %v %v %q %q (%q)", fg.Value, fg.Max, fg.Counts, fg.Where, fg.Text)
		}
		for _, q := range an.Quotes {
			if len(q.Text) > 80 {
				q.Text = q.Text[:80]
			}
			t.Logf("Q %q by %q ind=%v", q.Text, q.Speaker, q.Indirect)
		}
	}
}
