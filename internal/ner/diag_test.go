package ner

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestDiagnose prints, for a model file named by NER_MODEL, per-type
// precision and recall and the kinds of errors on each held-back part:
// wrong type on the right span, wrong boundaries, missed and spurious
// names. It is skipped without NER_MODEL. With NER_DEV=1 it scores the
// dev fold of the training parts (what cmd/train -dev holds out) instead.
func TestDiagnose(t *testing.T) {
	path := os.Getenv("NER_MODEL")
	if path == "" {
		t.Skip("NER_MODEL not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	only := os.Getenv("NER_CORPUS")
	for _, c := range loadCorpora(t) {
		if only != "" && c.Name != only {
			continue
		}
		if os.Getenv("NER_DEV") == "1" {
			c = c.DevFold()
		}
		var m *Model
		for _, x := range b.Models {
			if x.Lang == c.Lang {
				m = x
			}
		}
		if m == nil {
			continue
		}
		dom := os.Getenv("NER_DOMAIN")
		if dom == "all" {
			for _, d := range append([]string{""}, m.Domains...) {
				t.Logf("%-14s with %-14q %s", c.Name, d, Evaluate(NewTagger(m, d), c.Held, c.HasMisc))
			}
			continue
		}
		if dom == "own" {
			dom = c.Name
		}
		tg := NewTagger(m, dom)

		var s Score
		kinds := map[string]int{}
		examples := map[string][]string{}
		var buf []Label
		for _, d := range c.Held {
			var ws [][]string
			for _, sent := range d.Sentences {
				ws = append(ws, sent.Words)
			}
			doc := tg.TagDoc(ws, nil)
			for k, sent := range d.Sentences {
				buf = doc[k]
				s.Add(sent.Labels, buf, c.HasMisc)
				gs, ps := Spans(sent.Labels), Spans(buf)
				text := func(sp Span) string { return strings.Join(sent.Words[sp.Start:sp.End], " ") }
				for _, g := range gs {
					kind := "missed " + g.Type.String()
					for _, p := range ps {
						if p == g {
							kind = ""
							break
						}
						if p.Start == g.Start && p.End == g.End {
							kind = fmt.Sprintf("type %s->%s", g.Type, p.Type)
							break
						}
						if p.Start < g.End && g.Start < p.End {
							kind = "bounds " + g.Type.String()
						}
					}
					if kind != "" {
						kinds[kind]++
						examples[kind] = append(examples[kind], text(g))
					}
				}
				for _, p := range ps {
					if p.Type == MISC && !c.HasMisc {
						continue
					}
					hit := false
					for _, g := range gs {
						if p.Start < g.End && g.Start < p.End {
							hit = true
						}
					}
					if !hit {
						k := "spurious " + p.Type.String()
						kinds[k]++
						examples[k] = append(examples[k], text(p))
					}
				}
			}
		}
		t.Logf("%s: %s", c.Name, s)
		for _, ty := range []Type{PER, ORG, LOC, MISC} {
			x := s.ByType[ty]
			t.Logf("  %-4s P %.3f R %.3f F1 %.3f (gold %d pred %d)", ty, x.P(), x.R(), x.F1(), x.Gold, x.Pred)
		}
		var ks []string
		for k := range kinds {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(i, j int) bool { return kinds[ks[i]] > kinds[ks[j]] })
		for _, k := range ks {
			ex := examples[k]
			if len(ex) > 12 {
				ex = ex[:12]
			}
			t.Logf("  %5d %-16s %s", kinds[k], k, strings.Join(ex, " | "))
		}
	}
}
