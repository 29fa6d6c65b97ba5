package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTableFitsWidth(t *testing.T) {
	tb := newTable("ID", "TITLE~", "N", "SOURCES~")
	tb.row("ev-1", "Regional council approves the long-awaited plan for the river dikes after a night of debate", "12", "a.example, b.example, c.example")
	tb.row("ev-2", "北京市政府宣布新的空气质量措施以减少冬季污染", "3", "d.example")
	tb.row("ev-3", "Short", "10,000,000", "e.example")
	for _, width := range []int{44, 60, 80, 200} {
		var b bytes.Buffer
		if err := tb.write(&b, width); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
		if len(lines) != 4 {
			t.Fatalf("width %d: %d lines, want 4:\n%s", width, len(lines), b.String())
		}
		for _, l := range lines {
			if w := textWidth(l); w > width {
				t.Errorf("width %d: line of %d columns: %q", width, w, l)
			}
		}
		// Fixed columns are never cut.
		for _, keep := range []string{"ev-1", "ev-2", "10,000,000"} {
			if !strings.Contains(b.String(), keep) {
				t.Errorf("width %d: %q was cut:\n%s", width, keep, b.String())
			}
		}
		if width == 200 && strings.Contains(b.String(), "…") {
			t.Errorf("width 200 cut a cell:\n%s", b.String())
		}
	}
	var b bytes.Buffer
	tb.write(&b, 60)
	for _, l := range strings.Split(b.String(), "\n") {
		if i := strings.Index(l, "…"); i > 0 && l[i-1] != ' ' && strings.Contains(l, "ev-1") {
			// The cut falls after a whole word: what precedes "…" ends a word of the title.
			title := "Regional council approves the long-awaited plan for the river dikes after a night of debate"
			cut := strings.TrimSpace(strings.Fields(l[:i])[len(strings.Fields(l[:i]))-1])
			if !strings.Contains(" "+title+" ", " "+cut+" ") {
				t.Errorf("title cut inside a word: %q", l)
			}
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"the river dikes hold", 12, "the river…"},
		{"Unbreakablewordhere", 8, "Unbreak…"},
		{"北京市政府宣布", 7, "北京市…"},
	}
	for _, tc := range tests {
		if got := fit(tc.s, tc.n); got != tc.want || textWidth(got) > tc.n {
			t.Errorf("fit(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

func TestTermWidth(t *testing.T) {
	t.Setenv("COLUMNS", "72")
	if got := termWidth(&bytes.Buffer{}); got != 72 {
		t.Errorf("termWidth with COLUMNS=72 = %d", got)
	}
	t.Setenv("COLUMNS", "")
	if got := termWidth(&bytes.Buffer{}); got != defaultWidth {
		t.Errorf("termWidth of a pipe = %d, want %d", got, defaultWidth)
	}
}

func TestArticleProgressLine(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	clockNow := func() time.Time { return now }
	var b bytes.Buffer
	p := newArticleProgress(&b, 1_000_000, clockNow)
	if got := p.line(); got != "ingesting 0/0 articles" {
		t.Errorf("line at start = %q", got)
	}
	p.bytes(100_000)
	for range 1200 {
		p.articleRead()
	}
	now = now.Add(10 * time.Second)
	p.batchDone(1000)
	if got, want := p.line(), "ingesting 1,000/~12,000 articles · 100 articles/s · 1:50 left"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
	if !strings.HasPrefix(b.String(), "\ringesting 1,000/~12,000 articles") {
		t.Errorf("drawn %q", b.String())
	}
	// Everything read: the total is known.
	p.bytes(900_000)
	for range 10800 {
		p.articleRead()
	}
	if got := p.line(); !strings.HasPrefix(got, "ingesting 1,000/12,000 articles") {
		t.Errorf("line after reading all = %q", got)
	}
	p.finish()
	if !strings.HasSuffix(b.String(), "\r") {
		t.Errorf("finish did not blank the line: %q", b.String())
	}
	// Standard input: no total, no time left.
	q := newArticleProgress(&b, 0, clockNow)
	q.articleRead()
	now = now.Add(time.Second)
	q.batchDone(1)
	if got := q.line(); got != "ingesting 1 articles · 1 articles/s" {
		t.Errorf("line without total = %q", got)
	}
	if got := clock(3*time.Hour + 5*time.Minute + 7*time.Second); got != "3:05:07" {
		t.Errorf("clock = %q", got)
	}
}

// TestBareTextCLI ingests bare text files as a newcomer would: the outlet is what the file
// tells or "unknown outlet", never a hash; tables fit $COLUMNS; no progress reaches a pipe;
// figures print with separators in tables and as plain numbers in JSON.
func TestBareTextCLI(t *testing.T) {
	t.Setenv("COLUMNS", "64")
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "dam.txt"), []byte("Officials said on Tuesday that the reservoir above the valley had been drained after engineers found cracks in the old dam wall, and that some 10,000,000 cubic metres of water were released.\n\nResidents downstream were told to stay away from the river banks until Friday.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "ferry.txt"), []byte("Ferry crossings resume after storm\n\nThe ferry operator restarted its crossings on Wednesday morning after two days of gales.\n\nSource: Harbour Gazette\n"), 0o644))
	db := filepath.Join(t.TempDir(), "t.db")
	code, out, errs := dossier(t, "", "ingest", "--db", db, dir)
	if code != exitOK {
		t.Fatalf("ingest exit %d\n%s\n%s", code, out, errs)
	}
	if strings.Contains(errs, "\r") || strings.Contains(errs, "articles/s") {
		t.Errorf("progress written to a pipe: %q", errs)
	}
	code, out, errs = dossier(t, "", "events", "--db", db)
	if code != exitOK {
		t.Fatalf("events exit %d: %s", code, errs)
	}
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if w := textWidth(l); w > 64 {
			t.Errorf("events line of %d columns with COLUMNS=64: %q", w, l)
		}
	}
	var evs []struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Articles []string `json:"articles"`
		Sources  []string `json:"sources"`
	}
	_, js, _ := dossier(t, "", "events", "--db", db, "--json")
	must(t, json.Unmarshal([]byte(js), &evs))
	if !strings.Contains(js, `"Harbour Gazette"`) {
		t.Errorf("events do not name the outlet of the credit line:\n%s", js)
	}
	for _, ev := range evs {
		if strings.HasSuffix(ev.Title, "…") && !strings.HasSuffix(ev.Title, " …") {
			words := strings.Fields(strings.TrimSuffix(ev.Title, "…"))
			last := strings.TrimRight(words[len(words)-1], ",;:")
			if !strings.Contains(string(mustRead(t, filepath.Join(dir, "dam.txt"))), last+" ") {
				t.Errorf("title %q cut inside a word", ev.Title)
			}
		}
		code, rep, errs := dossier(t, "", "show", "--db", db, ev.ID)
		if code != exitOK {
			t.Fatalf("show %s exit %d: %s", ev.ID, code, errs)
		}
		for _, a := range ev.Articles {
			if strings.Contains(rep, "— "+a) || strings.Contains(rep, ": "+a) || strings.Contains(rep, a+",") {
				t.Errorf("show %s names an outlet by the article id %s:\n%s", ev.ID, a, rep)
			}
		}
		if len(ev.Sources) == 0 && !strings.Contains(rep, "unknown outlet") {
			t.Errorf("show %s of a text without outlet does not say unknown outlet:\n%s", ev.ID, rep)
		}
	}
	code, out, _ = dossier(t, "", "analyse", filepath.Join(dir, "dam.txt"))
	if !strings.Contains(out, "| unknown outlet |") {
		t.Errorf("analyse does not say unknown outlet:\n%s", out)
	}
	if code != exitOK || !strings.Contains(out, "10,000,000") || strings.Contains(out, "e+07") {
		t.Errorf("analyse table: exit %d, want 10,000,000 and no 1e+07:\n%s", code, out)
	}
	_, js, _ = dossier(t, "", "analyse", "--json", filepath.Join(dir, "dam.txt"))
	if !strings.Contains(js, "10000000") || strings.Contains(js, "e+07") {
		t.Errorf("analyse --json: want the plain number 10000000:\n%s", js)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
