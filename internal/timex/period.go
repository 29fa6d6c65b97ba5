package timex

import (
	"fmt"
	"time"
)

// Periods with TIMEX3 values that name no single calendar day, month or
// year: seasons ("2012-SU"), quarters ("1998-Q3"), halves ("2013-H1"),
// decades ("199X"), centuries ("19") and the vague references to the
// present, past and future.

// seasons maps season words to their TimeML codes.
var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "AU", "fall": "FA", "winter": "WI",
	"frühling": "SP", "frühjahr": "SP", "sommer": "SU", "herbst": "FA",
	"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI",
	"primavera": "SP", "verano": "SU", "otoño": "FA", "invierno": "WI",
	"весна": "SP", "весной": "SP", "лето": "SU", "летом": "SU", "осень": "FA", "осенью": "FA", "зима": "WI", "зимой": "WI",
}

// seasonIndex orders the seasons within a year (winter last: the winter
// of a year begins in its December).
var seasonIndex = map[string]int{"SP": 0, "SU": 1, "FA": 2, "AU": 2, "WI": 3}

// seasonOf is the season index and season year of t (January and
// February belong to the winter of the previous year).
func seasonOf(t time.Time) (year, idx int) {
	m := int(t.Month())
	switch {
	case m <= 2:
		return t.Year() - 1, 3
	case m == 12:
		return t.Year(), 3
	}
	return t.Year(), (m - 3) / 3
}

// refWords name the present, past or future without a date.
var refWords = map[string]string{
	"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "presently": "PRESENT_REF",
	"jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "zurzeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF",
	"maintenant": "PRESENT_REF", "actuellement": "PRESENT_REF", "ahora": "PRESENT_REF", "actualmente": "PRESENT_REF",
	"сейчас": "PRESENT_REF", "теперь": "PRESENT_REF",
	"recently": "PAST_REF", "formerly": "PAST_REF", "kürzlich": "PAST_REF", "neulich": "PAST_REF",
	"récemment": "PAST_REF", "recientemente": "PAST_REF", "недавно": "PAST_REF",
	"soon": "FUTURE_REF", "bald": "FUTURE_REF", "bientôt": "FUTURE_REF", "pronto": "FUTURE_REF", "скоро": "FUTURE_REF",
}

// refPhrases are the multi-word references: "the past", "the future",
// "at the time", "at present".
var refPhrases = []struct {
	words []string
	value string
	skip  int // leading words left out of the mention
}{
	{[]string{"at", "present"}, "PRESENT_REF", 0},
	{[]string{"the", "present"}, "PRESENT_REF", 0},
	{[]string{"the", "past"}, "PAST_REF", 0},
	{[]string{"the", "future"}, "FUTURE_REF", 0},
	{[]string{"at", "the", "time"}, "PAST_REF", 1},
	{[]string{"at", "that", "time"}, "PAST_REF", 1},
	{[]string{"in", "the", "past"}, "PAST_REF", 1},
	{[]string{"in", "the", "future"}, "FUTURE_REF", 1},
}

// ordinalWords are the ordinals of quarters and halves.
var ordinalWords = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

// reference matches "now", "recently", "the past", "at the time".
func (f *finder) reference(i int) (hit, bool) {
	for _, p := range refPhrases {
		if f.phrase(i, p.words) {
			n := len(p.words)
			// "the past two years", "the present crisis" are not references.
			if nx := f.tok(i + n); nx.kind == tNum || (nx.kind == tWord && (numWords[nx.low] > 0 || units[nx.low] != 0 || quantWords[nx.low] || nx.low == "few")) {
				return hit{}, false
			}
			return hit{first: i + p.skip, last: i + n - 1, next: i + n, value: p.value, nodate: true}, true
		}
	}
	t := f.tok(i)
	if v, ok := refWords[t.low]; ok && t.kind == tWord {
		return hit{first: i, last: i, next: i + 1, value: v, nodate: true}, true
	}
	return hit{}, false
}

// periodMod resolves a season or quarter after a modifier: "last
// summer", "this winter", "next spring", "last quarter".
func (f *finder) periodMod(i, dir int) (hit, bool) {
	t := f.tok(i)
	if code, ok := seasons[t.low]; ok {
		y, idx := seasonOf(f.ref)
		want := seasonIndex[code]
		switch {
		case dir < 0 && want >= idx:
			y--
		case dir > 0 && want <= idx:
			y++
		}
		return hit{first: i, last: i, next: i + 1, value: fmt.Sprintf("%04d-%s", y, code), nodate: true, rel: true}, true
	}
	if units[t.low] == quarter && t.low == "quarter" {
		q := (int(f.ref.Month())-1)/3 + dir
		y := f.ref.Year()
		for q < 0 {
			q, y = q+4, y-1
		}
		for q > 3 {
			q, y = q-4, y+1
		}
		return hit{first: i, last: i, next: i + 1, value: fmt.Sprintf("%04d-Q%d", y, q+1), nodate: true, rel: true}, true
	}
	return hit{}, false
}

// season matches a season with a year ("summer 2012", "the summer of
// 2012") or after a preposition ("in the spring", "im Sommer"), placed in
// the nearest year by tense.
func (f *finder) season(i int) (hit, bool) {
	first, j := i, i
	if monthPreps[f.tok(i).low] {
		j++
		first = j
		if f.isWord(j, "the") {
			j++
		}
	}
	code, ok := seasons[f.tok(j).low]
	if !ok || f.tok(j).kind != tWord {
		return hit{}, false
	}
	k := j + 1
	if f.isWord(k, "of") {
		k++
	}
	if y, ok := f.year(k); ok {
		return hit{first: first, last: k, next: k + 1, value: fmt.Sprintf("%04d-%s", y, code), nodate: true}, true
	}
	if first == i || !f.hasRef {
		return hit{}, false // a bare "fall" or "spring" is too often a verb
	}
	ry, idx := seasonOf(f.ref)
	want := seasonIndex[code]
	best, bestCost := 0, -1
	for y := ry - 1; y <= ry+1; y++ {
		if c := lean((y*4+want)-(ry*4+idx), f.tense(first)); bestCost < 0 || c < bestCost {
			best, bestCost = y, c
		}
	}
	return hit{first: first, last: j, next: j + 1, value: fmt.Sprintf("%04d-%s", best, code), nodate: true, rel: true}, true
}

// quarterHalf matches "the third quarter (of 2013)", "Q3 2013",
// "third-quarter", "the first half of 2013".
func (f *finder) quarterHalf(i int) (hit, bool) {
	t := f.tok(i)
	var n, j int
	var kind string
	switch {
	case ordinalWords[t.low] > 0:
		n, j = ordinalWords[t.low], i+1
		if f.isPunct(j, "-") {
			j++
		}
		switch f.tok(j).low {
		case "quarter":
			kind = "Q"
		case "half":
			kind = "H"
			if n > 2 {
				return hit{}, false
			}
		default:
			return hit{}, false
		}
	default:
		return hit{}, false
	}
	first := i
	if f.isWord(i-1, "the") {
		first = i - 1
	}
	k := j + 1
	if f.isWord(k, "of") {
		k++
	}
	if f.isWord(k, "fiscal") {
		k++
	}
	if y, ok := f.year(k); ok {
		return hit{first: first, last: k, next: k + 1, value: fmt.Sprintf("%04d-%s%d", y, kind, n), nodate: true}, true
	}
	if !f.hasRef {
		return hit{}, false
	}
	// "the third quarter" alone: this year's, or last year's when it
	// has not come yet and the clause is past.
	y := f.ref.Year()
	per := 3
	if kind == "H" {
		per = 6
	}
	cur := (int(f.ref.Month())-1)/per + 1
	if n > cur && f.tense(i) < 0 {
		y--
	}
	return hit{first: first, last: j, next: j + 1, value: fmt.Sprintf("%04d-%s%d", y, kind, n), nodate: true, rel: true}, true
}

// decade matches "the 1990s", "the '90s", "1990s" (199X), and
// centuries: "the 20th century" (19), "the 1800s" (18).
func (f *finder) decade(i int) (hit, bool) {
	t := f.tok(i)
	first := i
	if f.isWord(i-1, "the") || f.isWord(i-1, "early", "late", "mid") {
		first = i - 1
	}
	if t.kind == tPunct && (t.low == "'" || t.low == "’") && f.adjacent(i) {
		n := f.tok(i + 1)
		if n.kind == tNum && n.ndig == 2 && n.val%10 == 0 && f.isWord(i+2, "s") && f.adjacent(i+1) {
			c := 19
			if n.val < 30 {
				c = 20
			}
			return hit{first: first, last: i + 2, next: i + 3, value: fmt.Sprintf("%02d%dX", c, n.val/10), nodate: true}, true
		}
		return hit{}, false
	}
	if t.kind != tNum {
		return hit{}, false
	}
	if t.ndig == 4 && t.val%10 == 0 && f.isWord(i+1, "s") && f.adjacent(i) {
		if t.val%100 == 0 && t.val != 2000 {
			return hit{first: first, last: i + 1, next: i + 2, value: fmt.Sprintf("%02d", t.val/100), nodate: true}, true
		}
		return hit{first: first, last: i + 1, next: i + 2, value: fmt.Sprintf("%03dX", t.val/10), nodate: true}, true
	}
	if t.ord && t.val >= 1 && t.val <= 21 && f.isWord(i+1, "century", "jahrhundert", "siècle", "siglo") {
		return hit{first: first, last: i + 1, next: i + 2, value: fmt.Sprintf("%02d", t.val-1), nodate: true}, true
	}
	return hit{}, false
}

// edgeMods are the words that narrow a period to its start, middle or
// end: "early December", "late last year", "mid-2012".
var edgeMods = map[string]string{"early": "START", "late": "END", "mid": "MID", "anfang": "START", "ende": "END", "mitte": "MID", "début": "START", "fin": "END", "mi": "MID", "principios": "START", "finales": "END", "mediados": "MID"}

// edge matches an edge modifier before another expression, which keeps
// its value and gains the mod: "early December" is 2012-12 START.
func (f *finder) edge(i int) (hit, bool) {
	t := f.tok(i)
	if f.inEdge || t.kind != tWord {
		return hit{}, false // one edge only: "early early early" must not recurse
	}
	mod, ok := edgeMods[t.low]
	j := i + 1
	if !ok && t.low == "the" && f.isWord(i+2, "of") {
		// "the end of the year", "the beginning of next month".
		mod, ok = edgeNouns[f.tok(i+1).low]
		j = i + 3
		if ok {
			// "the end of the year", and headline style "the end of year".
			k := j
			if f.isWord(k, "the") {
				k++
			}
			if u, plural, isUnit := f.unitAt(k); isUnit && !plural && (k > j || f.endsClause(k+1)) {
				return f.edgeOfUnit(i, k, u, mod)
			}
		}
	} else if f.isPunct(j, "-") || f.isWord(j, "of", "de") {
		j++
	}
	if !ok || j >= len(f.toks) {
		return hit{}, false
	}
	f.inEdge = true
	h, ok := f.match(j)
	f.inEdge = false
	if !ok {
		// A month alone: "early December" is read as "in December" is.
		m, isMonth := f.month(j)
		if !isMonth || !f.hasRef || len(f.tok(j).low) < 3 {
			return hit{}, false
		}
		h, ok = hit{first: j, last: j, next: j + 1, date: f.nearestMonth(m, f.tense(i)), gran: Month, rel: true}, true
	}
	if h.typ == Duration || h.typ == Set || h.first != j {
		return hit{}, false
	}
	h.first, h.mod = i, mod
	if h.loose {
		h.loose = false // "early 2011": the modifier makes the number a year
	}
	return h, true
}

// edgeNouns narrow what follows "the ... of": "the end of the year".
var edgeNouns = map[string]string{"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}

// edgeOfUnit reads "the end of the year", "the start of the month": the
// period of the last date mentioned (the publication day before any), so
// that a story about last year reads its own year. "The end of the day"
// is an idiom and is left alone.
func (f *finder) edgeOfUnit(first, last int, u unit, mod string) (hit, bool) {
	if !f.hasRef {
		return hit{}, false
	}
	a := f.anchor
	var h hit
	switch u {
	case quarter:
		h = hit{first: first, last: last, next: last + 1, rel: true, nodate: true, value: fmt.Sprintf("%04d-Q%d", a.Year(), (int(a.Month())-1)/3+1)}
	case decade:
		h = hit{first: first, last: last, next: last + 1, rel: true, nodate: true, value: fmt.Sprintf("%03dX", a.Year()/10)}
	case week, month, year:
		var ok bool
		if h, ok = f.anchorUnit(first, last, u, 0); !ok {
			return hit{}, false
		}
	default:
		return hit{}, false
	}
	h.mod = mod
	return h, true
}
