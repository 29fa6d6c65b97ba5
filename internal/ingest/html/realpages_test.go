package html

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier-news/dossier/internal/ingest/html/testpages"
)

// realPagesDir is the readability module's test pages (see testpages).
func realPagesDir() string { return testpages.Dir() }

type realPage struct {
	name             string
	source, expected []byte
}

func realPages(tb testing.TB) []realPage {
	dir := realPagesDir()
	if dir == "" {
		tb.Skip("readability test pages not found in the module cache (run `go mod download codeberg.org/readeck/go-readability/v2`)")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []realPage
	for _, e := range entries {
		src, err1 := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		exp, err2 := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err1 == nil && err2 == nil {
			out = append(out, realPage{e.Name(), src, exp})
		}
	}
	return out
}

// wordBag counts the words of a text, lower-cased.
func wordBag(s string) map[string]int {
	bag := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		bag[w]++
	}
	return bag
}

// overlap returns precision and recall of got against want, on word bags.
func overlap(got, want map[string]int) (p, r float64) {
	var common, ng, nw int
	for w, c := range got {
		ng += c
		common += min(c, want[w])
	}
	for _, c := range want {
		nw += c
	}
	if ng == 0 || nw == 0 {
		return 0, 0
	}
	return float64(common) / float64(ng), float64(common) / float64(nw)
}

// TestRealPagesAgreement runs Extract over the real pages and compares its
// text with readability.js's on word bags. It is a regression guard for the
// changes made around readability (boilerplate and script stripping, text
// rendering), not an absolute quality measure: the reference is another
// extractor's output.
func TestRealPagesAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("130 pages: skipped in -short mode")
	}
	pages := realPages(t)
	var sumP, sumR, sumF float64
	var n, failed int
	var worst []string
	for _, pg := range pages {
		want := wordBag(Text(mustParse(t, string(pg.expected))))
		if len(want) < 20 {
			continue // reference holds (almost) no article
		}
		a, err := Extract(bytes.NewReader(pg.source), "https://example.org/"+pg.name)
		n++
		if err != nil {
			failed++
			worst = append(worst, pg.name+": "+err.Error())
			continue
		}
		p, r := overlap(wordBag(a.Text), want)
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		sumP, sumR, sumF = sumP+p, sumR+r, sumF+f
		if f < 0.8 {
			worst = append(worst, pg.name)
		}
	}
	sort.Strings(worst)
	t.Logf("%d real pages: mean precision %.3f, recall %.3f, F1 %.3f; %d failed; below F1 0.8: %v",
		n, sumP/float64(n), sumR/float64(n), sumF/float64(n), failed, worst)
	if mean := sumF / float64(n); mean < 0.85 {
		t.Errorf("mean F1 against readability.js = %.3f, want ≥ 0.85", mean)
	}
}

// TestBlockSpaceCut: cutting the white space next to block tags before
// parsing (see squeezeIndent) is only a speed-up: every real page gives
// the same article, or the same error, with and without it.
func TestBlockSpaceCut(t *testing.T) {
	if testing.Short() {
		t.Skip("130 pages: skipped in -short mode")
	}
	pages := realPages(t)
	extract := func(pg realPage) string {
		a, err := Extract(bytes.NewReader(pg.source), "https://example.org/"+pg.name)
		if err != nil {
			return err.Error()
		}
		return fmt.Sprintf("%+v", *a)
	}
	defer func() { cutBlockSpace = true }()
	for _, pg := range pages {
		cutBlockSpace = true
		with := extract(pg)
		cutBlockSpace = false
		if without := extract(pg); with != without {
			t.Errorf("%s: the article differs with the white space cut:\n%.300s\nwithout:\n%.300s", pg.name, with, without)
		}
	}
}

// BenchmarkExtractRealPages measures throughput over the real pages
// (median size about 90 KB, largest some MB).
func BenchmarkExtractRealPages(b *testing.B) {
	pages := realPages(b)
	var total int64
	for _, pg := range pages {
		total += int64(len(pg.source))
	}
	n := 0
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		pg := pages[n%len(pages)]
		Extract(bytes.NewReader(pg.source), "https://example.org/"+pg.name)
		n++
	}
	b.ReportMetric(float64(total)/float64(len(pages))/1024, "avg-KB")
	reportRate(b, n, cpu)
}
