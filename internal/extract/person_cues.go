package extract

import (
	"slices"
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
	"fugitive", "passenger", "driver", "clerk", "cashier", "employee", "student", "soldier")

// actsBefore are the verbs after which a name is the person acted on:
// "police arrested Jim Roe", "a warrant to arrest Jim Roe".
var actsBefore = set("arrested", "arrest", "arresting", "charged", "charging", "booked", "indicted", "jailed",
	"convicted", "sentenced", "identified", "identifying", "accused", "killing", "wounding", "injuring", "shot", "killed",
	"wounded")

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
	"rushed", "airlifted", "treated", "struck", "hit", "detained", "released", "survived", "suffered", "found")

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
	case (w1 == "," || w1 == ":") && rolesBefore[w2]:
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
		if ageLead[w(k)] {
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

// ageLead are the words between a name's comma and its age: ", a
// 23-year-old", ", aged 23", ", all 19", ", ages 25 and 26".
var ageLead = set("a", "an", "age", "aged", "all", "ages", "both")

// isAge reports whether s is a whole number a person's age can be.
func isAge(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && n < 110 && len(s) <= 3
}

// run is a run of capitalised words that may be a person's name: tokens
// [s, e) are the name, [e, full) a trailing "of Town"; in holds the
// candidates inside the name.
type run struct {
	s, e, full int
	in         []int
	cued       bool // personCue, or a person's list (listCues)
	placeLike  bool // a candidate inside is a place
	done       bool // already one person candidate
}

// listSeps are the tokens between the names of a list: "A, B and C".
var listSeps = set(",", "and", ";")

// listCues spreads a person's cue along a list of names: in "identified
// as Jane Roe, Jim Roe and Ann Poe" or "Jane Roe, Jim Roe and Ann Poe,
// all 19," every name is a person's. Runs holding a place do not take
// the cue from their neighbours.
func (d *doc) listCues(runs []run) {
	linked := func(a, b run) bool {
		if a.full >= b.s || d.toks[a.full].Sent != d.toks[b.s].Sent || b.s-a.full > 2 {
			return false
		}
		for k := a.full; k < b.s; k++ {
			if !listSeps[d.word(k, k)] {
				return false
			}
		}
		return true
	}
	for changed := true; changed; {
		changed = false
		for i := 0; i+1 < len(runs); i++ {
			a, b := &runs[i], &runs[i+1]
			if a.cued == b.cued || !linked(*a, *b) {
				continue
			}
			if !a.cued && !a.placeLike {
				a.cued, changed = true, true
			} else if !b.cued && !b.placeLike {
				b.cued, changed = true, true
			}
		}
	}
}

// cuedPersons makes a person of every run of capitalised words in a
// person's context (personCue). The candidates inside the run (a town, a
// firm, or the part of it the tagger took for a name: "Joshua" of "Joshua
// Agosto, 25,") give way to one person, and a run the tagger saw no name
// in is added. An age adjective opening the run ("Twenty-five-day-old
// Jane Roe") is no part of the name, and a trailing "of Town" ("Jane Roe
// of Millbrook") is cut off and keeps its own candidates. Runs holding a
// name of the alias table or an abbreviation's long form, runs headed by
// an organisation's or a place's noun ("Police Department", "Street") and
// lone words that are places are left alone. English texts only.
func (a *Analyzer) cuedPersons(d *doc, cands []cand) []cand {
	if d.lang != "en" {
		return cands // the cue words are English
	}
	text, toks := d.text, d.toks
	owner := make([]int, len(toks)) // token → index+1 of the candidate covering it
	for i, c := range cands {
		for k := c.s; k < c.e; k++ {
			owner[k] = i + 1
		}
	}
	drop := map[int]bool{}
	var add []cand
	var runs []run
	for _, sp := range a.spans(text, toks) {
		s, full := sp[0], sp[1]
		if d.onFurniture(toks[s].Start) {
			continue
		}
		for s < full {
			if n := d.ageAt(s); n > s && n <= full {
				s = n
				continue
			}
			if stop[toks[s].Fold] || calendar[toks[s].Fold] || leadNouns[toks[s].Fold] || titleAt(toks, s, full) > 0 {
				s++
				continue
			}
			break
		}
		// "University Student Jane Roe", "Army Soldier Jim Roe": a role
		// noun inside the run ends what qualifies the person.
		for k := full - 2; k > s; k-- {
			if rolesBefore[toks[k].Fold] || leadNouns[toks[k].Fold] {
				s = k + 1
				break
			}
		}
		e := d.cutOf(s, full)
		for e > s && weekdays[toks[e-1].Fold] {
			e-- // "Jane Roe Monday"
		}
		if !a.personShaped(d, s, e) {
			continue
		}
		// The candidates overlapping the name: all must be open to
		// retyping, and none may reach past it other than at the "of".
		var in []int
		ok, done := true, false
		for k := s; k < e && ok; k++ {
			i := owner[k] - 1
			if i < 0 || slices.Contains(in, i) {
				continue
			}
			c := cands[i]
			switch {
			case c.typ == news.Person && c.s == s && c.e == e:
				done = true // already the person: only a cue for its list
			case c.typ == news.Person && c.e-c.s > 1 && c.s != s && toks[s].Initial:
				ok = false // a person a sentence's first word would lengthen
			case c.alias != "" || c.longForm || c.abbrOf > 0 || c.s < sp[0] || c.e > full:
				ok = false
			case e-s == 1 && (c.place != nil || !a.loneName(d, s)):
				ok = false
			}
			in = append(in, i)
		}
		if !ok || (len(in) == 0 && e-s < 2) {
			continue
		}
		r := run{s: s, e: e, full: full, in: in, done: done}
		r.cued = d.personCue(s, e) || (e < full && d.cueAfter(full) && !townsfolk[d.word(full, s)])
		for _, i := range in {
			r.placeLike = r.placeLike || cands[i].typ == news.Place
		}
		runs = append(runs, r)
	}
	d.listCues(runs)
	for _, r := range runs {
		if !r.cued || r.done {
			continue
		}
		s, e, in := r.s, r.e, r.in
		for _, i := range in {
			drop[i] = true
		}
		add = append(add, cand{s: s, e: e, typ: news.Person})
	}
	if len(add) == 0 {
		return cands
	}
	// abbrOf holds a token index here (entities makes it a candidate's
	// after the sort), so dropping candidates moves nothing it points at.
	kept := make([]cand, 0, len(cands)+len(add))
	for i, c := range cands {
		if !drop[i] {
			kept = append(kept, c)
		}
	}
	return append(kept, add...)
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
		if w := text[t.Start:t.End]; allCaps(w) && len(w) > 1 {
			caps++
			if !strings.Contains(w, ".") && !suffixes[t.Fold] {
				return false // "PD", "SWAT": an abbreviation in a name's run
			}
		}
		if personVerbs[t.Fold] || actsBefore[t.Fold] || leadNouns[t.Fold] && k == e-1 {
			return false // "Girl Killed", "Boy Accidentally Shot": a headline's words
		}
	}
	if words > 4 || caps == words {
		return false
	}
	last := toks[e-1].Fold
	return !hasOrgHead(toks, s, e) && !hasPlaceHead(toks, s, e) && !(words == 1 && titles[last]) && !groupHeads[last]
}

// leadNouns are the capitalised nouns that open a run before a name
// without being part of it: a role ("Victims Jane Roe"), a rank
// ("Corporal Jim Roe"), a page's furniture ("Advertisement Jane Roe").
// Ending a run, they make it no name ("Logistics Specialist").
var leadNouns = set("victim", "victims", "suspect", "suspects", "boy", "girl", "man", "woman", "teen", "family",
	"corporal", "cpl", "sergeant", "sgt", "trooper", "officer", "officers", "detective", "det", "agent", "specialist",
	"private", "pvt", "lieutenant", "lt", "captain", "capt", "deputy", "examiner", "examiners", "advertisement",
	"caption", "handout", "photo", "video", "show", "sophomore", "freshman", "junior", "senior")

// weekdays follow a name in "police named Jane Roe Monday".
var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// suffixes are the generational suffixes of a name.
var suffixes = set("ii", "iii", "iv", "jr", "sr")

// groupHeads end the name of a group of people, not of one: "the Westside
// Gang were charged".
var groupHeads = set("gang", "gangs", "crew", "crips", "bloods", "members", "family", "band", "club", "team",
	"group", "posse", "nationals")

// loneName reports whether the lone word at token s may be taken for a
// surname on a cue alone: not at a sentence's start ("Additionally"), not
// a place of the gazetteer, not a nationality ("Texan").
func (a *Analyzer) loneName(d *doc, s int) bool {
	return !d.toks[s].Initial && len(a.gaz.LookupFolded(d.toks[s].Fold)) == 0 && !d.demonym(s)
}
