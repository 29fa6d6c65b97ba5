package extract

import (
	"strings"

	"github.com/dossier-news/dossier/internal/ner"
	"github.com/dossier-news/dossier/internal/news"
)

// nerTags runs the entity tagger of the article's language over every
// sentence and keeps one label per token in d.labels.
func (a *Analyzer) nerTags(d *doc) {
	if a.noTagger || len(d.toks) == 0 {
		return
	}
	tg, err := ner.Load(d.lang)
	if err != nil {
		return // New loaded the models; a failure here cannot happen
	}
	d.tagger = tg
	d.labels = make([]ner.Label, len(d.toks))
	// The whole article is tagged at once: a name that recurs is read
	// with what its other mentions say.
	var sents [][]string
	var starts []int
	for s := 0; s < len(d.toks); {
		e := s + 1
		for e < len(d.toks) && d.toks[e].Sent == d.toks[s].Sent {
			e++
		}
		words := make([]string, 0, e-s)
		for k := s; k < e; k++ {
			words = append(words, d.text[d.toks[k].Start:d.toks[k].End])
		}
		sents = append(sents, words)
		starts = append(starts, s)
		s = e
	}
	dst := make([][]ner.Label, len(sents))
	for k, s := range starts {
		dst[k] = d.labels[s : s+len(sents[k])]
	}
	tg.TagDoc(sents, dst)
}

var nerTypes = [...]news.EntityType{ner.PER: news.Person, ner.ORG: news.Org, ner.LOC: news.Place, ner.MISC: news.Misc}

// nerSpan returns the name the tagger found inside tokens [s, e): the
// longest of its spans there, cut to [s, e), and its type. ok is false
// when the tagger sees no name in the range.
func (d *doc) nerSpan(s, e int) (ns, ne int, typ news.EntityType, ok bool) {
	if d.labels == nil {
		return 0, 0, "", false
	}
	for k := s; k < e; {
		l := d.labels[k]
		if l == ner.O {
			k++
			continue
		}
		// The tagger's span may begin before s; within [s, e) it runs
		// while the type holds.
		j := k + 1
		for j < e && d.labels[j] != ner.O && !d.labels[j].Begin() && d.labels[j].Type() == l.Type() {
			j++
		}
		if !ok || j-k > ne-ns {
			ns, ne, typ, ok = k, j, nerTypes[l.Type()], true
		}
		k = j
	}
	return ns, ne, typ, ok
}

// nerTypeOf returns the tagger's type for tokens [s, e) when its span
// there covers them all.
func (d *doc) nerTypeOf(s, e int) (news.EntityType, bool) {
	ns, ne, typ, ok := d.nerSpan(s, e)
	if !ok || ns != s || ne != e {
		return "", false
	}
	return typ, true
}

// tag settles the candidates whose type is still open: a single word that
// is the surname of a full name of the article is that person; any other
// takes the tagger's type when the tagger marks it as a name.
func (a *Analyzer) tag(d *doc, cands []cand) {
	surnames := map[string]bool{}
	for _, c := range cands {
		if c.e-c.s > 1 && c.typ == news.Person {
			surnames[d.toks[c.e-1].Fold] = true
			surnames[strings.TrimPrefix(d.toks[c.e-1].Fold, "al ")] = true
		}
	}
	for i := range cands {
		c := &cands[i]
		if !c.unsure || c.longForm {
			continue
		}
		if c.e-c.s == 1 && surnames[d.toks[c.s].Fold] {
			c.typ, c.unsure = news.Person, false
			continue
		}
		// A lone capitalised word that opens a sentence is read by the
		// tagger only in a language it was trained on: a model of another
		// language takes "Vamos" for a name.
		if c.strict && d.tagger != nil && d.tagger.Lang() != d.lang {
			continue
		}
		if typ, ok := d.nerTypeOf(c.s, c.e); ok {
			c.typ, c.unsure = typ, false
		}
	}
}

// nerCovers reports whether the tagger marks every token of [s, e) as part
// of one name.
func (d *doc) nerCovers(s, e int) bool {
	_, ok := d.nerTypeOf(s, e)
	return ok
}

// demonym reports whether token k is a nationality adjective or noun of
// the tagger's name lists ("Syrians", "Européens"): a word derived from
// a name, not a name.
func (d *doc) demonym(k int) bool {
	return d.tagger != nil && d.tagger.Demonym(d.text[d.toks[k].Start:d.toks[k].End])
}

// gluedTails are English function words that machine translation runs
// into the name before them ("Berlinwould", "Bamakosaid").
var gluedTails = set("said", "says", "would", "will", "could", "should", "has", "had", "was", "were", "and", "the", "that", "which", "who", "told", "also")

// glued reports whether a folded single word is a place the gazetteer
// knows followed by a function word, with no space between: not a name.
func (a *Analyzer) glued(f string) bool {
	if a.gaz.Has(f) {
		return false
	}
	for k := 4; k+3 <= len(f); k++ {
		if gluedTails[f[k:]] && a.gaz.Has(f[:k]) {
			return true
		}
	}
	return false
}
