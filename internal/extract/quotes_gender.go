package extract

import (
	"sort"

	"github.com/dossier-news/dossier/internal/news"
)

// Gender from the article itself: the given-name table knows few names
// and a surname alone knows none, but a sentence about one person only
// ("Smith said his plan ...", "Smith visited the plant. She toured ...")
// refers to that person with its pronouns. pronounEvidence counts, per
// person entity, the gendered pronouns outside quotation marks of the
// sentences where it is the only person named, and of a next sentence
// that names no one and opens with a pronoun (all of that sentence's).

// genderedPronouns are English third-person singular pronouns and the
// gender they give.
var genderedPronouns = map[string]int{
	"he": -1, "his": -1, "him": -1, "himself": -1,
	"she": 1, "her": 1, "hers": 1, "herself": 1,
}

// pronounEvidence returns the gender the article's pronouns give each
// person entity: the sign of the count when one side has at least two
// and outnumbers the other three to one.
func (d *doc) pronounEvidence() map[string]int {
	out := map[string]int{}
	if d.lang != "en" || len(d.sents) == 0 {
		return out
	}
	qs := findQuotes(d.text)
	inQuote := func(off int) bool {
		i := sort.Search(len(qs), func(i int) bool { return qs[i].end > off })
		return i < len(qs) && off >= qs[i].start
	}
	// the single person entity of each sentence, "" when none, "-" when
	// several
	one := make([]string, len(d.sents))
	for _, m := range d.ms {
		if m.Type != news.Person || inQuote(m.Start) {
			continue
		}
		k := firstTokAt(d.toks, m.Start)
		if k >= len(d.toks) {
			continue
		}
		s := d.toks[k].Sent
		switch one[s] {
		case "", m.Entity:
			one[s] = m.Entity
		default:
			one[s] = "-"
		}
	}
	counts := map[string][2]int{} // entity → [feminine, masculine]
	opensWithPronoun := func(s int) bool {
		k := firstTokAt(d.toks, d.sents[s].Start)
		return k < len(d.toks) && d.toks[k].Sent == s && genderedPronouns[d.toks[k].Fold] != 0 && d.toks[k].Kind == tWord
	}
	for _, t := range d.toks {
		g := genderedPronouns[t.Fold]
		if g == 0 || t.Kind != tWord || inQuote(t.Start) {
			continue
		}
		s := t.Sent
		who := one[s]
		if who == "" && s > 0 && opensWithPronoun(s) {
			who = one[s-1]
		}
		if who == "" || who == "-" {
			continue
		}
		c := counts[who]
		if g > 0 {
			c[0]++
		} else {
			c[1]++
		}
		counts[who] = c
	}
	for id, c := range counts {
		f, m := c[0], c[1]
		switch {
		case f >= 2 && f >= 3*m:
			out[id] = 1
		case m >= 2 && m >= 3*f:
			out[id] = -1
		}
	}
	return out
}
