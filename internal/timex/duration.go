package timex

import (
	"fmt"
	"strconv"
)

// Durations: "three weeks", "a decade", "90 days", "four-week", "the
// past two years", "several months" (PXM), "for years" (PXY), "almost
// seven years" (LESS_THAN). A counted span followed by "later" or
// "earlier" is a date anchored to the last one mentioned ("two days
// later").

// quantWords stand for an unknown count: "several days" is PXD.
var quantWords = map[string]bool{"several": true, "few": true, "many": true, "some": true, "recent": true, "mehrere": true, "einige": true, "plusieurs": true, "quelques": true, "varios": true, "varias": true, "unos": true, "unas": true, "несколько": true}

// spanLeads come before a count and keep it a span: "the past two
// years", "the next few months", "the first 100 days", "over three
// weeks".
var spanLeads = map[string]bool{"past": true, "last": true, "next": true, "coming": true, "following": true, "previous": true, "first": true, "final": true, "recent": true}

// approxMods qualify a count: "almost seven years" is P7Y LESS_THAN.
var approxMods = map[string]string{"almost": "LESS_THAN", "nearly": "LESS_THAN", "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX", "over": "MORE_THAN", "fast": "LESS_THAN", "knapp": "LESS_THAN", "etwa": "APPROX", "rund": "APPROX", "presque": "LESS_THAN", "environ": "APPROX", "casi": "LESS_THAN", "unos": "APPROX", "почти": "LESS_THAN", "около": "APPROX"}

// spanPreps before a bare plural unit make it a vague span: "for years",
// "within days", "in recent weeks".
var spanPreps = map[string]bool{"for": true, "within": true, "over": true, "in": true, "after": true, "during": true, "seit": true, "pendant": true, "durante": true}

// unitCode is the TIMEX3 duration designator of a unit and how many of
// it one unit is: a decade is ten years.
func unitCode(u unit) (code string, mul int, clock bool) {
	switch u {
	case day:
		return "D", 1, false
	case week:
		return "W", 1, false
	case month:
		return "M", 1, false
	case year:
		return "Y", 1, false
	case decade:
		return "Y", 10, false
	case century:
		return "Y", 100, false
	case quarter:
		return "M", 3, false
	case hour:
		return "H", 1, true
	case minute:
		return "M", 1, true
	case second:
		return "S", 1, true
	}
	return "", 0, false
}

// durationValue writes n units (n < 0: unknown) as "P3D", "PT2H", "PXY".
func durationValue(n int, u unit) string {
	code, mul, clock := unitCode(u)
	num := "X"
	if n >= 0 {
		num = strconv.Itoa(n * mul)
	}
	if clock {
		return "PT" + num + code
	}
	if n < 0 && mul > 1 {
		num = "X"
	}
	return "P" + num + code
}

// unitAt reads token i as a unit word; plural reports an English plural.
func (f *finder) unitAt(i int) (u unit, plural, ok bool) {
	t := f.tok(i)
	if t.kind != tWord {
		return 0, false, false
	}
	u, ok = units[t.low]
	return u, ok && len(t.low) > 3 && t.low[len(t.low)-1] == 's', ok
}

// duration matches a span of time at token i.
func (f *finder) duration(i int) (hit, bool) {
	first, j := i, i
	mod := ""
	if m, ok := approxMods[f.tok(j).low]; ok && f.tok(j).kind == tWord {
		mod, j = m, j+1
	} else if f.isWord(j, "more", "less") && f.isWord(j+1, "than") {
		mod, j = map[string]string{"more": "MORE_THAN", "less": "LESS_THAN"}[f.tok(j).low], j+2
		first = j // "more than" stays out of the mention
	} else if f.isWord(j, "at") && f.isWord(j+1, "least") {
		mod, j = "EQUAL_OR_MORE", j+2
		first = j
	}
	lead := false
	if spanLeads[f.tok(j).low] && f.tok(j).kind == tWord && j == first {
		lead, j = true, j+1
		if f.isWord(first-1, "the") {
			first--
		}
	}
	if f.isWord(j, "a", "an") && f.isWord(j+1, "mere", "full", "further", "additional") {
		j++
	}
	// "half an hour", "a quarter century", "a quarter of a century".
	if h, ok := f.fraction(first, j, mod); ok {
		return h, true
	}
	n := -1
	counted := true
	switch {
	case f.isWord(j, "a", "an") && f.isWord(j+1, "few", "couple"):
		if f.tok(j+1).low == "couple" {
			n = 2
		}
		j += 2
		if f.isWord(j, "of") {
			j++
		}
	case quantWords[f.tok(j).low] && f.tok(j).kind == tWord:
		j++
	default:
		counted = false
		if c, ok := f.count(j); ok && !(f.tok(j).kind == tWord && f.tok(j).low == "a" && lead) {
			n, counted = c, true
			if f.tok(j).kind == tWord && (f.tok(j).low == "a" || f.tok(j).low == "an") && first == j && f.isWord(j-1, "the") {
				return hit{}, false
			}
			j++
			// "between 12 and 18 months", "two to three years": the first
			// count is a span of the unit named after the second.
			if f.isWord(j, "and", "to", "or") || f.isPunct(j, "-") && !f.adjacent(j-1) {
				if _, ok := f.count(j + 1); ok {
					if u, _, ok := f.unitAt(j + 2); ok && n > 0 && n <= 10000 {
						return hit{first: first, last: j - 1, next: j, typ: Duration, value: durationValue(n, u), mod: mod, nodate: true}, true
					}
				}
			}
			if f.isWord(j, "mere", "full", "more", "additional", "long") {
				j++
			}
		} else if f.tok(j).kind == tNum && f.tok(j).ndig == 4 && !f.tok(j).ord {
			n, counted = f.tok(j).val, true // "the 1000 years"
			j++
		}
	}
	if f.isPunct(j, "-") && f.adjacent(j-1) && f.adjacent(j) {
		j++ // "four-week", "90-day"
	}
	u, plural, ok := f.unitAt(j)
	if !ok {
		return hit{}, false
	}
	if !counted {
		// No count: a bare plural after a preposition ("for years"), or
		// the singular after a lead ("the next decade").
		switch {
		case lead && !plural && (u == decade || u == century):
			n = 1
		case lead && plural:
		case plural && f.tok(first-1).kind == tWord && spanPreps[f.tok(first-1).low]:
		case plural && first == j && (f.isWord(j+1, "before", "after", "earlier", "later") || f.isWord(first-1, "take", "takes", "took", "taking", "taken", "last", "lasts", "lasted", "spend", "spent", "wait", "waited")):
			// "minutes before the plane left", "can take weeks".
		default:
			return hit{}, false
		}
	}
	if n == 0 || n > 10000 {
		return hit{}, false
	}
	if n < 0 && !plural && u != decade && u != century {
		return hit{}, false // "some day", "many a year"
	}
	h := hit{first: first, last: j, next: j + 1, typ: Duration, value: durationValue(n, u), mod: mod, nodate: true}
	// "a year and a half", "two and a half hours" is read as two.
	if n > 0 && f.isWord(j+1, "and") && f.isWord(j+2, "a") && f.isWord(j+3, "half") {
		if v := halvesValue(2*n+1, u); v != "" {
			h.last, h.next, h.value = j+3, j+4, v
			return h, true
		}
	}
	// "N units later/earlier": a date counted from the last one mentioned.
	if n > 0 && !lead && f.isWord(j+1, "later", "earlier", "afterwards", "after", "before", "ago") && !f.isWord(j+2, "than") {
		// "a month earlier than usual" compares spans: it stays one.
		dir := 1
		if f.isWord(j+1, "earlier", "before") {
			dir = -1
		}
		if f.isWord(j+1, "after", "before") && !f.endsClause(j+2) {
			return h, true // "two days before the vote": a span before an event
		}
		if f.isWord(j+1, "ago") {
			return hit{}, false // the ago grammar reads it
		}
		if d, ok := f.shiftFrom(f.anchor, first, j, n*dir); ok && f.hasRef {
			d.last, d.next, d.mod = j+1, j+2, mod
			if d.gran == Year {
				d.value = fmt.Sprintf("%04d", d.date.Year())
			}
			return d, true
		}
	}
	return h, true
}

// endsClause reports whether token i ends a clause (punctuation or the
// end of text).
func (f *finder) endsClause(i int) bool {
	return i >= len(f.toks) || f.toks[i].kind == tPunct || f.toks[i].nl
}

// fraction reads a fraction of a unit at token j: "half an hour" (PT30M),
// "half a century" (P50Y), "a quarter century" and "a quarter of a
// century" (P25Y).
func (f *finder) fraction(first, j int, mod string) (hit, bool) {
	var k, quarters int
	switch {
	case f.isWord(j, "half") && f.isWord(j+1, "a", "an"):
		k, quarters = j+2, 2
	case f.isWord(j, "a") && f.isWord(j+1, "quarter") && f.isWord(j+2, "century", "of"):
		k, quarters = j+2, 1
		if f.isWord(k, "of") && f.isWord(k+1, "a") {
			k += 2
		}
	default:
		return hit{}, false
	}
	u, plural, ok := f.unitAt(k)
	if !ok || plural {
		return hit{}, false
	}
	var v string
	if quarters == 2 {
		v = halvesValue(1, u)
	} else if u == century {
		v = "P25Y"
	}
	if v == "" {
		return hit{}, false
	}
	return hit{first: first, last: k, next: k + 1, typ: Duration, value: v, mod: mod, nodate: true}, true
}

// halvesValue writes n half units as a TIMEX3 duration in the next
// smaller unit ("P18M" for three half years, "PT1H30M" for three half
// hours), or "" when no whole smaller unit fits.
func halvesValue(n int, u unit) string {
	switch u {
	case year:
		return fmt.Sprintf("P%dM", 6*n)
	case decade:
		return fmt.Sprintf("P%dY", 5*n)
	case century:
		return fmt.Sprintf("P%dY", 50*n)
	case day:
		return fmt.Sprintf("PT%dH", 12*n)
	case hour:
		if n%2 == 1 && n > 1 {
			return fmt.Sprintf("PT%dH30M", n/2)
		}
		return fmt.Sprintf("PT%dM", 30*n)
	case minute:
		if n%2 == 1 && n > 1 {
			return fmt.Sprintf("PT%dM30S", n/2)
		}
		return fmt.Sprintf("PT%dS", 30*n)
	}
	return ""
}
