package extract

import (
	"sort"
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

// pronounSpeaker resolves the pronoun that attributes quotation q. The
// candidates are the person mentions of the sentences before it (and of
// its own, before the quote), outside quotation marks and of a fitting
// gender; the nearest wins, with a bonus for a subject (a mention that
// opens its sentence or stands before a speech verb) and for someone
// already quoted, and a penalty for a mention after a preposition or
// with a possessive (an object or a modifier, not who speaks).
func (d *doc) pronounSpeaker(q qspan, quotes []qspan, quoted map[string]bool) int {
	gender := d.quotePronounGender(q)
	inQuote := func(off int) bool {
		// quotes are in text order and do not overlap
		i := sort.Search(len(quotes), func(i int) bool { return quotes[i].end > off })
		return i < len(quotes) && off >= quotes[i].start
	}
	k := firstTokAt(d.toks, q.open)
	if k >= len(d.toks) {
		k = len(d.toks) - 1
	}
	if k < 0 {
		return -1
	}
	here := d.toks[k].Sent
	from := d.sents[max(0, here-6)].Start
	best, bestScore := -1, 0.0
	for i := sort.Search(len(d.ms), func(i int) bool { return d.ms[i].Start >= from }); i < len(d.ms); i++ {
		m := d.ms[i]
		if m.Start >= q.open {
			break
		}
		if m.Type != news.Person || inQuote(m.Start) {
			continue
		}
		mk := firstTokAt(d.toks, m.Start)
		if mk >= len(d.toks) || here-d.toks[mk].Sent > 6 {
			continue
		}
		if g := d.mentionGender(m); gender != 0 && g != 0 && g != gender {
			continue
		}
		score := -float64(here - d.toks[mk].Sent)
		if d.subjectPosition(mk, m.End) {
			score += 3
		}
		if quoted[m.Entity] {
			score += 1.5
		}
		if mk > 0 && d.toks[mk-1].Kind == tWord && phraseStops[d.toks[mk-1].Fold] {
			score -= 3
		}
		if e := firstTokAt(d.toks, m.End); e < len(d.toks) && d.toks[e].Kind == tPunct && d.toks[e].Start == m.End && (strings.HasPrefix(d.text[d.toks[e].Start:], "'s") || strings.HasPrefix(d.text[d.toks[e].Start:], "’s")) {
			score -= 2
		}
		if best < 0 || score >= bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return d.lastPerson(q.open)
	}
	return best
}

// subjectPosition reports whether the mention at token mk (ending at
// byte end) is a subject: it opens its sentence (after a title or
// determiner), or a speech verb follows it.
func (d *doc) subjectPosition(mk, end int) bool {
	j := mk - 1
	for j >= 0 && d.toks[j].Sent == d.toks[mk].Sent && (titles[d.toks[j].Fold] || determiners[d.toks[j].Fold] || d.toks[j].Kind == tPunct && d.text[d.toks[j].Start] == '.') {
		j--
	}
	if j < 0 || d.toks[j].Sent != d.toks[mk].Sent {
		return true
	}
	e := firstTokAt(d.toks, end)
	for e < len(d.toks) && (auxiliaries[d.toks[e].Fold] || d.toks[e].Fold == "also") {
		e++
	}
	return e < len(d.toks) && d.isSpeechTok(e)
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
