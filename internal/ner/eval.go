package ner

import (
	"fmt"
	"strings"
)

// Counts are the true positives, predictions and gold spans of one type.
type Counts struct{ TP, Pred, Gold int }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	if c.Pred == 0 || c.Gold == 0 || c.TP == 0 {
		return 0
	}
	p, r := float64(c.TP)/float64(c.Pred), float64(c.TP)/float64(c.Gold)
	return 2 * p * r / (p + r)
}

// P is the precision.
func (c Counts) P() float64 {
	if c.Pred == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.Pred)
}

// R is the recall.
func (c Counts) R() float64 {
	if c.Gold == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.Gold)
}

// Score holds exact-span, typed counts per type and over all types.
type Score struct {
	ByType [MISC + 1]Counts
	All    Counts
}

// Add counts one sentence: a predicted span is right when its tokens and
// type equal a gold span's. When the corpus does not annotate MISC
// (hasMisc false), predicted MISC spans are not counted.
func (s *Score) Add(gold, pred []Label, hasMisc bool) {
	gs := Spans(gold)
	ps := Spans(pred)
	set := map[Span]bool{}
	for _, g := range gs {
		set[g] = true
		s.ByType[g.Type].Gold++
		s.All.Gold++
	}
	for _, p := range ps {
		if p.Type == MISC && !hasMisc {
			continue
		}
		s.ByType[p.Type].Pred++
		s.All.Pred++
		if set[p] {
			s.ByType[p.Type].TP++
			s.All.TP++
		}
	}
}

// Merge adds the counts of o.
func (s *Score) Merge(o Score) {
	for t := range s.ByType {
		s.ByType[t].TP += o.ByType[t].TP
		s.ByType[t].Pred += o.ByType[t].Pred
		s.ByType[t].Gold += o.ByType[t].Gold
	}
	s.All.TP += o.All.TP
	s.All.Pred += o.All.Pred
	s.All.Gold += o.All.Gold
}

func (s Score) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "F1 %.3f (P %.3f R %.3f, %d gold)", s.All.F1(), s.All.P(), s.All.R(), s.All.Gold)
	for _, t := range []Type{PER, ORG, LOC, MISC} {
		c := s.ByType[t]
		if c.Gold == 0 && c.Pred == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s %.3f", t, c.F1())
	}
	return b.String()
}

// Evaluate tags the held-back documents of a corpus.
func Evaluate(t *Tagger, docs []Doc, hasMisc bool) Score {
	var s Score
	var words [][]string
	var buf [][]Label
	for _, d := range docs {
		words = words[:0]
		for _, sent := range d.Sentences {
			words = append(words, sent.Words)
		}
		buf = t.TagDoc(words, buf)
		for k, sent := range d.Sentences {
			s.Add(sent.Labels, buf[k], hasMisc)
		}
	}
	return s
}
