package html

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusMin are the marks TestCorpusScores holds the extractor to on the
// hand-written pages of testdata/corpus: mean main-text token F1, and the
// share of pages whose publication day is right.
const (
	corpusMinF1   = 0.97
	corpusMinDate = 1.0
	// pageMinF1 is the least F1 of any one page: below it the page's text
	// has lost a paragraph or gained a comment section.
	pageMinF1 = 0.9
)

// corpusWant is a page's expected result, testdata/corpus/<page>.want.json.
type corpusWant struct {
	Note string `json:"note"` // what the page tests
	Date string `json:"date"` // the publication day, YYYY-MM-DD, in the page's own time zone
	Text string `json:"text"` // the main text, paragraphs separated by blank lines
}

// TestCorpusScores scores Extract on pages written for it (realistic news
// pages with comment sections, related-article lists, product and recipe
// boxes, copyright years, lists of other articles' dates, and times whose
// UTC day is not the page's day), as the common extraction benchmarks
// score: the main text as token-level F1 over white-space tokens against
// the expected text, the date as right when its calendar day equals the
// expected day.
func TestCorpusScores(t *testing.T) {
	pages, err := filepath.Glob("testdata/corpus/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no corpus pages: %v", err)
	}
	var sumF1 float64
	datesRight := 0
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		wantRaw, err := os.ReadFile(strings.TrimSuffix(p, ".html") + ".want.json")
		if err != nil {
			t.Fatal(err)
		}
		var want corpusWant
		if err := json.Unmarshal(wantRaw, &want); err != nil {
			t.Fatalf("%s.want.json: %v", name, err)
		}
		a, err := ExtractString(string(raw), "https://www."+name+".example/news/story", "")
		if err != nil {
			t.Errorf("Extract(%s): %v", name, err)
			continue
		}
		f1, prec, rec := tokenF1(a.Text, want.Text)
		sumF1 += f1
		if f1 < pageMinF1 {
			t.Errorf("%s (%s): text F1 %.3f (P %.3f, R %.3f), want >= %.2f; got:\n%s", name, want.Note, f1, prec, rec, pageMinF1, a.Text)
		}
		day := ""
		if !a.Published.IsZero() {
			day = a.Published.Format("2006-01-02")
		}
		if day == want.Date {
			datesRight++
		} else {
			t.Errorf("%s (%s): published day %q (%v), want %s", name, want.Note, day, a.Published, want.Date)
		}
		t.Logf("%-26s F1 %.3f  P %.3f  R %.3f  date %s", name, f1, prec, rec, day)
	}
	meanF1 := sumF1 / float64(len(pages))
	dateShare := float64(datesRight) / float64(len(pages))
	t.Logf("%d pages: mean text F1 %.3f, date right %d/%d (%.3f)", len(pages), meanF1, datesRight, len(pages), dateShare)
	if meanF1 < corpusMinF1 {
		t.Errorf("mean text F1 %.3f, want >= %.2f", meanF1, corpusMinF1)
	}
	if dateShare < corpusMinDate {
		t.Errorf("date right on %.3f of pages, want >= %.2f", dateShare, corpusMinDate)
	}
}

// tokenF1 scores got against want as bags of white-space separated tokens.
func tokenF1(got, want string) (f1, precision, recall float64) {
	counts := map[string]int{}
	w := strings.Fields(want)
	for _, tok := range w {
		counts[tok]++
	}
	g := strings.Fields(got)
	common := 0
	for _, tok := range g {
		if counts[tok] > 0 {
			counts[tok]--
			common++
		}
	}
	if common == 0 {
		return 0, 0, 0
	}
	precision = float64(common) / float64(len(g))
	recall = float64(common) / float64(len(w))
	return 2 * precision * recall / (precision + recall), precision, recall
}

func TestTokenF1(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
		f1              float64
	}{
		{"same", "a b c", "a  b\nc", 1},
		{"nothing in common", "x y", "a b", 0},
		{"empty", "", "a b", 0},
		{"half kept", "a b", "a b c d", 2 * 1 * 0.5 / 1.5},
		{"repeats counted once each", "a a a", "a b", 2 * (1.0 / 3) * 0.5 / (1.0/3 + 0.5)},
	} {
		if f1, _, _ := tokenF1(tc.got, tc.want); f1 != tc.f1 {
			t.Errorf("%s: tokenF1(%q, %q) = %v, want %v", tc.name, tc.got, tc.want, f1, tc.f1)
		}
	}
}
