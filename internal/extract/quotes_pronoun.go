package extract

import (
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Pronoun speakers: `"...," he said` names the person the passage is
// about, which is the subject of the nearest sentence before that has a
// person in it, not simply the last name written (often an object: "he
// praised Smith"). A title before a name ("Mr.", "Mrs.") gives its
// gender, and a pronoun skips people of the other one.

// pronounGender is +1 for a feminine subject pronoun, -1 for a
// masculine one, 0 when unknown.
var pronounGender = map[string]int{"she": 1, "he": -1, "sie": 1, "er": -1, "elle": 1, "il": -1, "ella": 1, "el": -1}

// titleGender reads the gender a courtesy title gives.
var titleGender = map[string]int{"mrs": 1, "ms": 1, "miss": 1, "madame": 1, "mme": 1, "frau": 1, "senora": 1, "sra": 1, "mr": -1, "sir": -1, "monsieur": -1, "herr": -1, "senor": -1, "sr": -1}

// pronounSpeaker resolves the pronoun that attributes quotation q.
func (d *doc) pronounSpeaker(q qspan, quotes []qspan) int {
	gender := d.quotePronounGender(q)
	inQuote := func(off int) bool {
		for _, x := range quotes {
			if off >= x.start && off < x.end {
				return true
			}
		}
		return false
	}
	// Sentences from the one holding the quote back: the first person
	// mention outside quotation marks in each.
	k := firstTokAt(d.toks, q.open)
	if k >= len(d.toks) {
		k = len(d.toks) - 1
	}
	if k < 0 {
		return -1
	}
	first := d.toks[k].Sent
	for sent := first; sent >= 0 && sent > first-8; sent-- {
		sp := d.sents[sent]
		for i, m := range d.ms {
			if m.Start < sp.Start {
				continue
			}
			if m.Start >= sp.End || m.Start >= q.open {
				break
			}
			if m.Type != news.Person || inQuote(m.Start) {
				continue
			}
			if g := d.mentionGender(m); gender != 0 && g != 0 && g != gender {
				continue
			}
			return i
		}
	}
	return d.lastPerson(q.open)
}

// quotePronounGender finds the pronoun near q (after its closing mark,
// else before its opening) and reads its gender.
func (d *doc) quotePronounGender(q qspan) int {
	k := firstTokAt(d.toks, q.close)
	for j := k; j < len(d.toks) && j < k+8; j++ {
		if g, ok := pronounGender[d.toks[j].Fold]; ok && d.toks[j].Kind == tWord {
			return g
		}
	}
	k = firstTokAt(d.toks, q.open) - 1
	for j := k; j >= 0 && j > k-10; j-- {
		if g, ok := pronounGender[d.toks[j].Fold]; ok && d.toks[j].Kind == tWord {
			return g
		}
	}
	return 0
}

// mentionGender reads the gender of a person mention from a courtesy
// title just before or in it.
func (d *doc) mentionGender(m news.Mention) int {
	k := firstTokAt(d.toks, m.Start)
	for j := k; j >= 0 && j >= k-2; j-- {
		if j < len(d.toks) && d.toks[j].Start < m.End {
			if g, ok := titleGender[strings.TrimSuffix(d.toks[j].Fold, ".")]; ok {
				return g
			}
		}
	}
	return 0
}
