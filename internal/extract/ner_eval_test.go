package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/ner"
	"github.com/dossier-news/dossier/internal/news"
)

// TestEntityTypesOnCorpora runs the whole entity extraction (Analyze) over
// the held-back documents of the labeled corpora of ../shared/data, one
// article per document with a sentence per line, and scores the mentions
// it returns against the corpus spans: exact span, typed. This is what an
// article's reader gets, so it measures more than the tagger alone: the
// candidate spans, titles, the alias table and the gazetteer too.
func TestEntityTypesOnCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus pass skipped in -short mode")
	}
	corpora, err := ner.LoadCorpora(sharedData(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(corpora) == 0 {
		t.Skip("no labeled corpora under ../shared/data")
	}
	a := analyzer(t)
	// Floors a little under what the code measures.
	floors := map[string]float64{"uner-en": 0.63, "redocred-ner": 0.57, "germeval2014": 0.54}
	for _, c := range corpora {
		var s ner.Score
		for _, d := range c.Held {
			s.Merge(scoreDoc(a, c, d))
		}
		t.Logf("%-3s %-14s %s", c.Lang, c.Name, s)
		if f, ok := floors[c.Name]; ok && s.All.F1() < f {
			t.Errorf("%s: F1 %.3f under %.2f", c.Name, s.All.F1(), f)
		}
	}
}

func scoreDoc(a *Analyzer, c ner.Corpus, d ner.Doc) ner.Score {
	var b strings.Builder
	type off struct{ s, e int }
	var offs [][]off
	for _, sent := range d.Sentences {
		o := make([]off, len(sent.Words))
		for i, w := range sent.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			o[i] = off{b.Len(), b.Len() + len(w)}
			b.WriteString(w)
		}
		b.WriteByte('\n')
		offs = append(offs, o)
	}
	art := news.Article{ID: d.ID, Lang: c.Lang, Text: b.String()}
	an := a.Analyze(&art)
	var s ner.Score
	mi := 0
	for k, sent := range d.Sentences {
		o := offs[k]
		pred := make([]ner.Label, len(sent.Words))
		for ; mi < len(an.Mentions) && an.Mentions[mi].Start < o[len(o)-1].e; mi++ {
			m := an.Mentions[mi]
			first, last := -1, -1
			for i, x := range o {
				if x.e > m.Start && x.s < m.End {
					if first < 0 {
						first = i
					}
					last = i
				}
			}
			if first < 0 {
				continue
			}
			typ := map[news.EntityType]string{news.Person: "PER", news.Org: "ORG", news.Place: "LOC", news.Misc: "MISC"}[m.Type]
			for i := first; i <= last; i++ {
				pred[i] = labelFor(typ, i == first)
			}
		}
		s.Add(sent.Labels, pred, c.HasMisc)
	}
	return s
}

func labelFor(typ string, begin bool) ner.Label {
	for l := ner.Label(1); l < 9; l++ {
		if l.Type().String() == typ && l.Begin() == begin {
			return l
		}
	}
	panic(fmt.Sprintf("no label for %s", typ))
}
