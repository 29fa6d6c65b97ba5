package ner

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// sharedData finds ../shared/data next to the repository root, or skips.
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
		t.Skipf("labeled corpora not found at %s (they are not part of the repository): %v", p, err)
	}
	return p
}

var (
	corporaOnce sync.Once
	corpora     []Corpus
	corporaErr  error
)

func loadCorpora(t testing.TB) []Corpus {
	dir := sharedData(t)
	corporaOnce.Do(func() { corpora, corporaErr = LoadCorpora(dir) })
	if corporaErr != nil {
		t.Fatal(corporaErr)
	}
	return corpora
}

// TestHeldBack scores the embedded models on the held-back part of each
// corpus (exact span, typed), with the corpus's own domain where the
// model has one (its annotation conventions; see TrainSentence.Domain),
// and also with the default tagger that Load gives. The marks are a
// little under what the model reaches with the corpus's domain; corpora
// without a mark are reported only.
func TestHeldBack(t *testing.T) {
	marks := map[string]float64{
		"uner-en":      0.74,
		"redocred-ner": 0.73,
		"germeval2014": 0.65,
		"norne":        0.82,
		"europeana-fr": 0.70,
	}
	// defMarks are the marks of the default tagger (extract's).
	defMarks := map[string]float64{
		"uner-en":      0.71,
		"redocred-ner": 0.71,
		"germeval2014": 0.64,
	}
	byLang := map[string]*Score{}
	for _, c := range loadCorpora(t) {
		def, err := Load(c.Lang)
		if err != nil {
			t.Fatal(err)
		}
		if def.Lang() != c.Lang {
			t.Errorf("Load(%q) gave the %q model", c.Lang, def.Lang())
		}
		tg := def
		if slices.Contains(def.m.Domains, c.Name) {
			if tg, err = LoadDomain(c.Lang, c.Name); err != nil {
				t.Fatal(err)
			}
		}
		s := Evaluate(tg, c.Held, c.HasMisc)
		t.Logf("%-3s %-14s %s", c.Lang, c.Name, s)
		if tg != def {
			d := Evaluate(def, c.Held, c.HasMisc)
			t.Logf("%-3s %-14s default tagger (domain %q): %s", c.Lang, c.Name, def.Domain(), d)
			if m, ok := defMarks[c.Name]; ok && d.All.F1() < m {
				t.Errorf("%s: held-back F1 of the default tagger %.3f under %.2f", c.Name, d.All.F1(), m)
			}
		}
		if byLang[c.Lang] == nil {
			byLang[c.Lang] = &Score{}
		}
		byLang[c.Lang].Merge(s)
		if m, ok := marks[c.Name]; ok && s.All.F1() < m {
			t.Errorf("%s: held-back F1 %.3f under %.2f", c.Name, s.All.F1(), m)
		}
	}
	for _, l := range []string{"en", "de", "nl", "fr", "no"} {
		if s := byLang[l]; s != nil {
			t.Logf("%-3s all            %s", l, s)
		}
	}
}

// TestSplitDisjoint checks that no document is both trained on and held back.
func TestSplitDisjoint(t *testing.T) {
	for _, c := range loadCorpora(t) {
		if len(c.Train) == 0 || len(c.Held) == 0 {
			t.Errorf("%s: %d training and %d held-back documents", c.Name, len(c.Train), len(c.Held))
			continue
		}
		seen := map[string]bool{}
		for _, d := range c.Train {
			seen[d.ID] = true
		}
		for _, d := range c.Held {
			if seen[d.ID] {
				t.Errorf("%s: document %q in both parts", c.Name, d.ID)
			}
		}
	}
}

func TestBIO(t *testing.T) {
	got := bioLabels(strings.Fields("I-PER I-PER B-PER O I-LOC I-ORG I-ORG"), true)
	want := []string{"B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "I-ORG"}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("label %d = %s, want %s", i, got[i], want[i])
		}
	}
	sp := Spans(got)
	if len(sp) != 4 || sp[0] != (Span{0, 2, PER}) || sp[3] != (Span{5, 7, ORG}) {
		t.Errorf("Spans = %v", sp)
	}
	if germevalTag("B-LOCderiv") != "O" || germevalTag("I-OTH") != "I-MISC" || norneTag("B-GPE_LOC") != "B-LOC" || norneTag("I-DRV") != "O" {
		t.Error("label mapping")
	}
}

func TestEncodeDecode(t *testing.T) {
	g := NewGazetteer()
	g.Add(GazCity, "Nowhere Springs")
	g.Add(GazFirst, "Ottilie")
	m := &Model{Lang: "xx", bits: 4, scale: 0.5, gaz: g, w: make([]int16, 16*numLabels)}
	m.w[3*numLabels+2] = -7
	m.w[9*numLabels+8] = 300
	m.trans[numLabels][1] = 1.25
	var buf bytes.Buffer
	if err := (&Bundle{Gaz: g, Models: []*Model{m}}).Encode(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := b.Models[0]
	if got.w != nil || len(got.rows) != 2 {
		t.Errorf("decoded model: %d dense weights, %d sparse rows; want 0 and 2", len(got.w), len(got.rows))
	}
	got.dense()
	if got.Lang != "xx" || got.bits != 4 || got.scale != 0.5 || got.trans[numLabels][1] != 1.25 {
		t.Errorf("header %+v", got)
	}
	for i := range m.w {
		if m.w[i] != got.w[i] {
			t.Fatalf("weight %d = %d, want %d", i, got.w[i], m.w[i])
		}
	}
	var marks [3]uint16
	b.Gaz.mark([]uint64{lowerHash("nowhere"), lowerHash("SPRINGS"), lowerHash("ottilie")}, marks[:])
	if marks[0] != 1<<(2*GazCity) || marks[1] != 1<<(2*GazCity+1) || marks[2] != 1<<(2*GazFirst) {
		t.Errorf("gazetteer marks %b", marks)
	}
}

// benchWords is text of our own, tokenised.
var benchWords = strings.Fields(`The mayor of Port Elspeth , Maren Oduya , said on Tuesday that the city council would vote on the new harbour plan next week .
Officials at the Northern Grain Cooperative told reporters in Valdoria that exports had fallen by a third since the storm .
" We are not going to wait for Brussels , " Oduya said , adding that the port authority had asked the World Bank for a loan .
Shares of Keltro Systems rose 4 percent in New York after the company said it had won a contract from the Canadian navy .`)

// BenchmarkTag measures tagging speed (run with -cpu 1 for one core).
func BenchmarkTag(b *testing.B) {
	tg, err := Load("en")
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	var cur []string
	for _, w := range benchWords {
		cur = append(cur, w)
		if w == "." {
			sents = append(sents, cur)
			cur = nil
		}
	}
	var buf []Label
	tokens := 0
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			buf = tg.Tag(s, buf)
			tokens += len(s)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTagDoc measures TagDoc over the same text as one document:
// two passes, the second with the document votes.
func BenchmarkTagDoc(b *testing.B) {
	benchDoc(b, "")
}

// BenchmarkTagDocDomain is BenchmarkTagDoc with a domain's feature
// copies added (twice the weight lookups).
func BenchmarkTagDocDomain(b *testing.B) {
	benchDoc(b, "redocred-ner")
}

func benchDoc(b *testing.B, domain string) {
	tg, err := LoadDomain("en", domain)
	if err != nil {
		b.Skip(err)
	}
	var sents [][]string
	var cur []string
	tokens := 0
	for _, w := range benchWords {
		cur = append(cur, w)
		if w == "." {
			sents = append(sents, cur)
			tokens += len(cur)
			cur = nil
		}
	}
	var buf [][]Label
	n := 0
	b.ResetTimer()
	for b.Loop() {
		buf = tg.TagDoc(sents, buf)
		n += tokens
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}
