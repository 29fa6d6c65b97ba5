package extract

import (
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Person cues: the words right around a name that only a person's name
// takes. "Jane Roe, 23, of Millbrook", "17-year-old Jane Roe", "identified
// the victim as Jane Roe", "arrested Jane Roe", "Jane Roe was charged",
// "Jane Roe's family": whatever the tagger guessed for the run (a town,
// a firm, nothing), it names a person.

// rolesBefore are the nouns (lower case) that put a name in apposition as
// a person: "the victim, Jane Roe", "his brother Jim Roe", "suspect Jim
// Roe".
var rolesBefore = set("victim", "victims", "suspect", "suspects", "shooter", "gunman", "gunmen", "defendant",
	"deceased", "teen", "teenager", "boyfriend", "girlfriend", "husband", "wife", "son", "daughter", "brother",
	"sister", "mother", "father", "stepfather", "stepson", "grandson", "granddaughter", "grandmother",
	"grandfather", "nephew", "niece", "cousin", "uncle", "aunt", "friend", "fiance", "fiancee", "roommate",
	"neighbor", "neighbour", "toddler", "infant", "baby", "boy", "girl", "homeowner", "resident", "inmate",
	"fugitive", "passenger", "driver", "clerk", "cashier", "employee")

// actsBefore are the verbs after which a name is the person acted on:
// "police arrested Jim Roe", "a warrant to arrest Jim Roe".
var actsBefore = set("arrested", "arrest", "arresting", "charged", "charging", "booked", "indicted", "jailed",
	"convicted", "sentenced", "identified", "identifying", "accused", "killing", "wounding", "injuring")

// namedAs are the verbs of "identified (the victim) as Jane Roe".
var namedAs = set("identified", "identifies", "identify", "named", "names")

// ofPerson are the nouns of "the death of Jane Roe".
var ofPerson = set("death", "killing", "murder", "slaying", "homicide", "family", "parents", "mother", "father",
	"funeral", "relatives", "arrest")

// possessed are the nouns of "Jane Roe's family".
var possessed = set("family", "families", "mother", "father", "parents", "brother", "sister", "son", "daughter",
	"wife", "husband", "girlfriend", "boyfriend", "grandmother", "aunt", "uncle", "cousin", "relatives", "friends",
	"body", "death", "killing", "murder", "funeral", "arrest", "bond", "bail", "age")

// linking are the auxiliaries of "Jane Roe was charged".
var linking = set("was", "is", "were", "has", "had", "have", "been", "being", "later", "also", "allegedly",
	"reportedly", "fatally", "critically", "seriously", "then", "previously", "not", "now", "already", "formally")

// personVerbs are the participles and verbs only a person takes after
// the name: "Jane Roe was arrested", "Jane Roe died".
var personVerbs = set("arrested", "charged", "booked", "indicted", "jailed", "convicted", "sentenced", "killed",
	"shot", "wounded", "injured", "pronounced", "hospitalized", "hospitalised", "slain", "murdered", "identified",
	"died", "pleaded", "surrendered", "faces", "facing", "remains", "remained", "accused", "taken", "transported",
	"rushed", "airlifted", "treated", "struck", "hit", "detained", "released", "survived", "suffered")

// roleAfter are the nouns of "Jane Roe, the victim".
var roleAfter = set("victim", "suspect", "shooter", "gunman", "defendant", "mother", "father", "son", "daughter",
	"brother", "sister", "owner", "wife", "husband", "girlfriend", "boyfriend")

// ageAt returns the token index just past an age adjective opening at
// token k ("23-year-old", "23 year-old", "five-month-old", "19-year old"),
// or -1.
func (d *doc) ageAt(k int) int {
	toks := d.toks
	w := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return strings.ToLower(d.text[toks[i].Start:toks[i].End])
	}
	unit := func(s string) bool {
		for _, u := range []string{"year", "month", "week", "day"} {
			if strings.HasPrefix(s, u) || strings.HasSuffix(s, "-"+u) {
				return true
			}
		}
		return false
	}
	for j := k; j < len(toks) && j < k+5; j++ {
		s := w(j)
		if strings.HasSuffix(s, "-old") && unit(strings.TrimSuffix(s, "-old")) {
			return j + 1
		}
		if s == "old" && j > k && (unit(w(j-1)) || (w(j-1) == "-" && unit(w(j-2)))) {
			return j + 1
		}
		if toks[j].Kind == tWord && j > k && !unit(s) && w(j-1) != "-" {
			return -1
		}
	}
	return -1
}

// ageEndsAt reports whether an age adjective ends right before token s.
func (d *doc) ageEndsAt(s int) bool {
	for k := max(0, s-5); k < s; k++ {
		if d.toks[k].Sent == d.toks[s].Sent && d.ageAt(k) == s {
			return true
		}
	}
	return false
}

// personCue reports whether the tokens right around the name [s, e) say
// it is a person's.
func (d *doc) personCue(s, e int) bool {
	if d.headline[d.toks[s].Sent] || !d.nameSlot(s) {
		return false
	}
	return d.cueBefore(s, e) || d.cueAfter(e)
}

// notBeforeName are the words that, right before a run of capitalised
// words, make it a place or a thing: a preposition of place ("in Millbrook
// was shot"), a determiner ("a Volvo was hit", "the Vice Lords were
// charged").
var notBeforeName = set("in", "at", "near", "from", "on", "to", "into", "outside", "inside", "across", "toward",
	"towards", "through", "a", "an", "the", "his", "her", "their", "its", "our", "this", "that", "these", "those")

// nameSlot reports whether token s stands where a person's name can:
// not after notBeforeName, a number ("2111 Tennessee St") or an "of"
// other than ofPerson's ("of the 2300 block of Wildwood Road").
func (d *doc) nameSlot(s int) bool {
	w1 := d.word(s-1, s)
	if notBeforeName[w1] || (s > 0 && d.toks[s-1].Kind == tNum && d.toks[s-1].Sent == d.toks[s].Sent) {
		return false
	}
	return w1 != "of" || ofPerson[d.word(s-2, s)]
}

// townsfolk are the nouns of "a 43-year-old Millbrook woman": after the
// name, they make it a place's.
var townsfolk = set("man", "woman", "men", "women", "boy", "girl", "boys", "girls", "teen", "teenager", "teens",
	"resident", "residents", "native", "youth", "student", "male", "female", "couple", "family", "mother", "father",
	"officer", "deputy", "police", "child", "toddler", "baby", "infant", "soldier", "freshman", "sophomore", "senior",
	"junior", "worker", "employee", "sheriff", "county")

// word returns the lower-case text of token k when it is in the sentence
// of token ref, else "".
func (d *doc) word(k, ref int) string {
	if k < 0 || k >= len(d.toks) || d.toks[k].Sent != d.toks[ref].Sent {
		return ""
	}
	return strings.ToLower(d.text[d.toks[k].Start:d.toks[k].End])
}

func (d *doc) cueBefore(s, e int) bool {
	if townsfolk[d.word(e, s)] {
		return false
	}
	if d.ageEndsAt(s) {
		return true
	}
	w1, w2 := d.word(s-1, s), d.word(s-2, s)
	switch {
	case actsBefore[w1] || rolesBefore[w1]:
		return true
	case w1 == "," && rolesBefore[w2]:
		return true
	case w1 == "of" && ofPerson[w2]:
		return true
	case (w1 == "is" || w1 == "was" || w1 == "were" || w1 == "are") && rolesBefore[w2]:
		return true
	case w1 == "as":
		for k := s - 2; k >= s-6; k-- {
			if namedAs[d.word(k, s)] {
				return true
			}
		}
	}
	return false
}

func (d *doc) cueAfter(e int) bool {
	if e >= len(d.toks) {
		return false
	}
	w := func(k int) string { return d.word(k, e-1) }
	w0 := w(e)
	switch {
	case w0 == "'s" || w0 == "’s":
		return possessed[w(e+1)]
	case w0 == "(":
		return isAge(w(e+1)) && w(e+2) == ")"
	case w0 == ",":
		k := e + 1
		if w(k) == "a" || w(k) == "an" || w(k) == "age" || w(k) == "aged" {
			k++
		}
		if d.ageAt(k) > 0 {
			return true
		}
		if isAge(w(k)) {
			n := w(k + 1)
			return n == "" || n == "," || n == ";" || n == "." || n == ")" || n == "and" || n == "or"
		}
		if w(k) == "the" && roleAfter[w(k+1)] {
			return true
		}
	case linking[w0]:
		// "has been charged", not "has identified": an agency does that.
		if (w0 == "has" || w0 == "had" || w0 == "have") && w(e+1) != "been" && w(e+2) != "been" {
			return false
		}
		k := e
		for linking[w(k)] && k < e+4 {
			k++
		}
		return personVerbs[w(k)]
	case personVerbs[w0] && (w0 == "died" || w0 == "pleaded" || w0 == "surrendered" || w0 == "faces"):
		return true
	}
	return false
}

// isAge reports whether s is a whole number a person's age can be.
func isAge(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && n < 110 && len(s) <= 3
}

// cuedPersons makes a person of every name in a person's context
// (personCue): a candidate of another type is retyped, and a run of
// capitalised words no candidate covers (the tagger saw no name in it)
// is added. A name's trailing "of Town" ("Jane Roe of Millbrook") is cut
// off first. Names headed by an organisation's or a place's noun
// ("Police Department", "Street"), names from the alias table and lone
// words the gazetteer holds as places are left alone.
func (a *Analyzer) cuedPersons(d *doc, cands []cand) []cand {
	text, toks := d.text, d.toks
	covered := make([]bool, len(toks))
	for i := range cands {
		c := &cands[i]
		for k := c.s; k < c.e; k++ {
			covered[k] = true
		}
		if c.typ == news.Person || c.longForm || c.abbrOf > 0 || c.alias != "" {
			continue
		}
		s, e := c.s, d.cutOf(c.s, c.e)
		if !a.personShaped(d, s, e) || (e-s == 1 && (c.place != nil || a.bigPlace(toks[s].Fold))) {
			continue
		}
		if d.personCue(s, e) || (e < c.e && d.cueAfter(c.e) && !townsfolk[d.word(c.e, s)]) {
			c.s, c.e, c.typ, c.unsure, c.place = s, e, news.Person, false, nil
		}
	}
	for _, sp := range a.spans(text, toks) {
		s, e := sp[0], sp[1]
		free := true
		for k := s; k < e; k++ {
			free = free && !covered[k]
		}
		if !free || d.onFurniture(toks[s].Start) {
			continue
		}
		for s < e && (stop[toks[s].Fold] || calendar[toks[s].Fold] || titleAt(toks, s, e) > 0) {
			s++
		}
		full := e
		e = d.cutOf(s, e)
		if e-s < 2 || !a.personShaped(d, s, e) {
			continue
		}
		if d.personCue(s, e) || (e < full && d.cueAfter(full) && !townsfolk[d.word(full, s)]) {
			cands = append(cands, cand{s: s, e: e, typ: news.Person})
		}
	}
	return cands
}

// cutOf returns the end of the name [s, e) without a trailing "of ...":
// "Jane Roe of Millbrook" is Jane Roe.
func (d *doc) cutOf(s, e int) int {
	for k := s + 2; k < e-1; k++ {
		if d.toks[k].Fold == "of" {
			return k
		}
	}
	return e
}

// personShaped reports whether tokens [s, e) can be a person's name: one
// to four capitalised words (middle initials allowed), not all in
// capitals, not headed by an organisation's or a place's noun.
func (a *Analyzer) personShaped(d *doc, s, e int) bool {
	if e-s < 1 || e-s > 5 {
		return false
	}
	text, toks := d.text, d.toks
	words, caps := 0, 0
	for k := s; k < e; k++ {
		t := &toks[k]
		switch {
		case t.Kind == tPunct && text[t.Start] == '.':
			continue
		case !a.isCap(text, t) || t.Fold == "of" || t.Fold == "the" || t.Fold == "for" || t.Fold == "and":
			return false
		}
		words++
		if allCaps(text[t.Start:t.End]) && t.End-t.Start > 1 {
			caps++
		}
	}
	if words > 4 || caps == words {
		return false
	}
	last := toks[e-1].Fold
	return !hasOrgHead(toks, s, e) && !hasPlaceHead(toks, s, e) && !titles[last] && !groupHeads[last]
}

// groupHeads end the name of a group of people, not of one: "the Westside
// Gang were charged".
var groupHeads = set("gang", "gangs", "crew", "crips", "bloods", "members", "family", "band", "club", "team",
	"group", "posse", "nationals")

// bigPlace reports whether the gazetteer holds f as a country, a region
// or a town of 100,000 people: a lone word so named stays a place.
func (a *Analyzer) bigPlace(f string) bool {
	for _, e := range a.gaz.LookupFolded(f) {
		if e.Kind == "country" || e.Kind == "region" || e.Population >= 100000 {
			return true
		}
	}
	return false
}
