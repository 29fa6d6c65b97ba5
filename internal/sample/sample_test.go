package sample

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// corpusArticle is one line of articles.jsonl.
type corpusArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Lang      string `json:"lang"`
}

// readCorpusJSONL parses articles.jsonl strictly: every field known and
// present.
func readCorpusJSONL(t *testing.T) []corpusArticle {
	t.Helper()
	b, err := Corpus.ReadFile("corpus/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusArticle
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var a corpusArticle
		if err := dec.Decode(&a); err != nil {
			t.Fatalf("articles.jsonl: line %d: %v", line, err)
		}
		if a.ID == "" || a.Title == "" || a.Text == "" || a.Source == "" || a.URL == "" || a.Lang == "" {
			t.Errorf("articles.jsonl: line %d: empty field in %+v", line, a)
		}
		if _, err := time.Parse(time.RFC3339, a.Published); err != nil {
			t.Errorf("articles.jsonl: line %d: published: %v", line, err)
		}
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
			t.Errorf("articles.jsonl: line %d: invalid UTF-8", line)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var tagRE = regexp.MustCompile(`(?s)<[^>]*>`)

// fileWords counts the words of a .txt file, or of the <article> element of
// an .html page with its tags removed.
func fileWords(t *testing.T, name string) int {
	t.Helper()
	b, err := Corpus.ReadFile(path.Join(corpusDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(b) {
		t.Errorf("%s: invalid UTF-8", name)
	}
	s := string(b)
	if strings.HasSuffix(name, ".html") {
		i, j := strings.Index(s, "<article"), strings.Index(s, "</article>")
		if i < 0 || j < i {
			t.Fatalf("%s: no <article> element", name)
		}
		s = tagRE.ReplaceAllString(s[i:j], " ")
	}
	return len(strings.Fields(s))
}

func TestCorpusFiles(t *testing.T) {
	names, err := ArticleFiles()
	if err != nil {
		t.Fatal(err)
	}
	var jsonl, txt, html int
	for _, n := range names {
		switch path.Ext(n) {
		case ".jsonl":
			jsonl++
		case ".txt":
			txt++
		case ".html":
			html++
		}
	}
	if jsonl != 1 || txt < 3 || html < 2 || html > 3 {
		t.Errorf("ArticleFiles() = %v: %d jsonl, %d txt, %d html; want 1, ≥3, 2–3", names, jsonl, txt, html)
	}
	if slices.Contains(names, goldFile) || slices.Contains(names, "README.md") {
		t.Errorf("ArticleFiles() = %v, want no gold or README", names)
	}

	arts := readCorpusJSONL(t)
	total := len(arts) + txt + html
	if total < 36 || total > 45 {
		t.Errorf("corpus has %d articles, want 36–45", total)
	}
	for _, a := range arts {
		if n := len(strings.Fields(a.Title + " " + a.Text)); n < 120 || n > 350 {
			t.Errorf("%s: %d words, want 120–350", a.ID, n)
		}
	}
	for _, name := range names {
		if path.Ext(name) == ".jsonl" {
			continue
		}
		if n := fileWords(t, name); n < 120 || n > 400 {
			t.Errorf("%s: %d words, want 120–350 of text (400 with page chrome)", name, n)
		}
	}
}

func TestGoldCoverage(t *testing.T) {
	gold, err := GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	arts := readCorpusJSONL(t)
	names, err := ArticleFiles()
	if err != nil {
		t.Fatal(err)
	}

	byID := map[string]int{}
	byFile := map[string]int{}
	perCluster := map[string]int{}
	for _, g := range gold {
		if g.ID != "" {
			byID[g.ID]++
		} else {
			byFile[g.File]++
		}
		perCluster[g.Cluster]++
	}
	ids := map[string]bool{}
	outlets := map[string]bool{}
	langs := map[string]int{}
	for _, a := range arts {
		if ids[a.ID] {
			t.Errorf("duplicate id %s in articles.jsonl", a.ID)
		}
		ids[a.ID] = true
		outlets[a.Source] = true
		langs[a.Lang]++
		if byID[a.ID] != 1 {
			t.Errorf("article %s has %d gold labels, want 1", a.ID, byID[a.ID])
		}
	}
	for id := range byID {
		if !ids[id] {
			t.Errorf("gold label for unknown article id %s", id)
		}
	}
	files := 0
	for _, n := range names {
		if path.Ext(n) == ".jsonl" {
			continue
		}
		files++
		if byFile[n] != 1 {
			t.Errorf("file %s has %d gold labels, want 1", n, byFile[n])
		}
	}
	if len(byFile) != files {
		t.Errorf("gold names %d files, corpus has %d", len(byFile), files)
	}
	if len(gold) != len(arts)+files {
		t.Errorf("%d gold labels for %d articles", len(gold), len(arts)+files)
	}

	if len(perCluster) < 7 || len(perCluster) > 8 {
		t.Errorf("%d happenings, want 7–8: %v", len(perCluster), perCluster)
	}
	small := 0
	for c, n := range perCluster {
		if n < 3 {
			small++
			t.Logf("happening %s has %d articles", c, n)
		}
	}
	if small > 1 {
		t.Errorf("%d happenings have fewer than 3 articles, want at most 1: %v", small, perCluster)
	}
	if len(outlets) < 8 {
		t.Errorf("%d outlets, want 8 or more", len(outlets))
	}
	if nonEN := len(arts) - langs["en"]; nonEN < 2 {
		t.Errorf("%d non-English articles, want 2 or more: %v", nonEN, langs)
	}
}

// TestCorpusHardCases checks that the hard cases the README promises are
// really in the text, so an edit cannot quietly remove one.
func TestCorpusHardCases(t *testing.T) {
	arts := map[string]corpusArticle{}
	for _, a := range readCorpusJSONL(t) {
		arts[a.ID] = a
	}
	wire, verbatim, cut := arts["e1-nw-001"], arts["e1-hg-001"], arts["e1-mp-001"]
	if verbatim.Text != wire.Text || verbatim.Title != wire.Title || verbatim.Source == wire.Source {
		t.Errorf("e1-hg-001 is not a verbatim copy of e1-nw-001 from another outlet")
	}
	if cut.Title == wire.Title || !strings.Contains(wire.Text, "safety inspection") || strings.Contains(cut.Text, "safety inspection") {
		t.Errorf("e1-mp-001 should have its own headline and lack the safety-inspection sentence")
	}
	if d := len(wire.Text) - len(cut.Text); d < 50 || d > 200 {
		t.Errorf("e1-mp-001 differs from the wire by %d bytes, want one sentence", d)
	}

	contains := []struct{ id, text string }{
		{"e2-eo-001", "Katharina Velander"},
		{"e2-eo-001", "13.12.2024"},
		{"e2-eo-001", "Northern Maritime Council (NMC)"},
		{"e2-eo-001", "40 million"},
		{"e2-nw-002", "Katarina Vellander"},
		{"e1-nw-001", "At least 12 people died"},
		{"e1-ct-001", "risen to 15"},
		{"e3-bl-002", "13 December"},
		{"e5-ad-002", "Izmir"},
		{"e6-rb-001", "16. Dezember 2024"},
		{"e6-lc-002", "16 décembre 2024"},
	}
	for _, c := range contains {
		if !strings.Contains(arts[c.id].Text, c.text) {
			t.Errorf("%s does not contain %q", c.id, c.text)
		}
	}
	for id, a := range arts {
		if strings.Contains(a.Text, "(NMC)") && a.Source != "eastsea-observer.example" {
			t.Errorf("%s uses the abbreviation NMC; only the East Sea Observer should", id)
		}
	}
	html, err := Corpus.ReadFile("corpus/vellander-tallinn.html")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte("December 13, 2024")) {
		t.Error(`vellander-tallinn.html lacks "December 13, 2024"`)
	}
}

func TestWriteTo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if err := WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	names, err := ArticleFiles()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("WriteTo wrote %v, want %v", got, names)
	}
	for _, n := range names {
		want, err := Corpus.ReadFile(path.Join(corpusDir, n))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s: written copy differs from the embedded file", n)
		}
	}
	// Writing again over the same directory is fine (demo reruns).
	if err := WriteTo(dir); err != nil {
		t.Errorf("second WriteTo: %v", err)
	}
}

func TestWriteToError(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteTo(filepath.Join(f, "sub")); err == nil {
		t.Error("WriteTo under a regular file succeeded, want an error")
	}
}

func TestParseGold(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Gold
		errLine  string // substring of the error, "" for success
	}{
		{"ok", "{\"id\":\"a\",\"cluster\":\"x\"}\n\n{\"file\":\"b.txt\",\"cluster\":\"y\"}\n",
			[]Gold{{ID: "a", Cluster: "x"}, {File: "b.txt", Cluster: "y"}}, ""},
		{"no cluster", "{\"id\":\"a\"}\n", nil, `gold.jsonl:1: field "cluster": missing`},
		{"both", "{\"id\":\"a\",\"cluster\":\"x\"}\n{\"id\":\"a\",\"file\":\"f\",\"cluster\":\"x\"}\n", nil, "gold.jsonl:2: field \"id\": want exactly one"},
		{"neither", "{\"cluster\":\"x\"}\n", nil, "gold.jsonl:1: field \"id\": want exactly one"},
		{"bad json", "{\"id\":\"a\",\n", nil, "gold.jsonl:1:"},
		{"unknown field", "{\"id\":\"a\",\"cluster\":\"x\",\"topic\":1}\n", nil, "gold.jsonl:1: json: unknown field"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseGold([]byte(tc.in))
			if tc.errLine != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errLine) {
					t.Fatalf("parseGold(%q) error = %v, want one containing %q", tc.in, err, tc.errLine)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseGold(%q): %v", tc.in, err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("parseGold(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzParseGold(f *testing.F) {
	b, err := Corpus.ReadFile("corpus/gold.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("{\"id\":\"a\"}\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		gold, err := parseGold(in)
		if err != nil {
			return
		}
		for _, g := range gold {
			if g.Cluster == "" || (g.ID == "") == (g.File == "") {
				t.Errorf("parseGold accepted %+v", g)
			}
		}
	})
}

func TestLabel(t *testing.T) {
	gold, err := GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, origin, want string
		ok               bool
	}{
		{"e1-nw-001", "/tmp/demo/articles.jsonl:1", "ferry-bergen", true},
		{"x", "/tmp/demo/ferry_local.txt", "ferry-bergen", true},
		{"x", "crete-quake.html", "quake-crete", true},
		{"x", "/tmp/other.txt", "", false},
	}
	for _, tc := range tests {
		got, ok := Label(gold, tc.id, tc.origin)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Label(%q, %q) = %q, %v, want %q, %v", tc.id, tc.origin, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLabels(t *testing.T) {
	gold, err := GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	arts := []news.Article{
		{ID: "e6-rb-001", Origin: "/x/articles.jsonl:22"},
		{ID: "a1b2", Origin: "/x/rhine-spill.html"},
		{ID: "zz", Origin: "/x/unrelated.txt"},
	}
	got := Labels(gold, arts)
	want := map[string]string{"e6-rb-001": "rhine-spill", "a1b2": "rhine-spill"}
	if len(got) != len(want) || got["e6-rb-001"] != want["e6-rb-001"] || got["a1b2"] != want["a1b2"] {
		t.Errorf("Labels = %v, want %v", got, want)
	}
}

// TestRead reads every corpus file back through the ingester: one article
// per gold label, each labelled.
func TestRead(t *testing.T) {
	arts, err := Read(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	gold, err := GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	if labels := Labels(gold, arts); len(arts) != len(gold) || len(labels) != len(arts) {
		t.Errorf("Read = %d articles, %d labelled, want %d", len(arts), len(labels), len(gold))
	}
}
