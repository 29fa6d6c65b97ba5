package timex

// shortPreps introduce a numeric day and month without year in German,
// French and Spanish ("am 13.12.", "le 13/12", "el 13/12").
var shortPreps = map[string]bool{"am": true, "vom": true, "bis": true, "zum": true, "ab": true, "seit": true, "le": true, "du": true, "au": true, "el": true, "del": true}

// shortNumeric matches a day-first "13.12." or "13/12" after one of
// shortPreps, in the year nearest ref. Without the preposition such pairs
// are too often scores, ratios or section numbers.
func (f *finder) shortNumeric(i int) (hit, bool) {
	if !f.hasRef || f.tok(i).kind != tWord || !shortPreps[f.tok(i).low] {
		return hit{}, false
	}
	d, ok := f.dayNum(i + 1)
	if !ok || f.tok(i+1).ord {
		return hit{}, false
	}
	sep := f.tok(i + 2)
	if sep.kind != tPunct || (sep.low != "." && sep.low != "/") || !f.adjacent(i+1) || !f.adjacent(i+2) {
		return hit{}, false
	}
	mt := f.tok(i + 3)
	if mt.kind != tNum || mt.ord || mt.ndig > 2 || mt.val < 1 || mt.val > 12 {
		return hit{}, false
	}
	last := i + 3
	if sep.low == "." {
		// German writes "13.12." with a closing dot; a number after it is a year or a version.
		if !f.isPunct(i+4, ".") || !f.adjacent(i+3) || f.tok(i+5).kind == tNum && f.adjacent(i+4) {
			return hit{}, false
		}
		last = i + 4
	} else if f.tok(i+4).kind == tPunct && f.tok(i+4).low == "/" {
		return hit{}, false // a full numeric date: the other grammar reads it
	}
	if _, ok := date(2000, mt.val, d); !ok {
		return hit{}, false
	}
	t, ok := f.nearestYear(mt.val, d, -1, f.tense(i))
	if !ok {
		return hit{}, false
	}
	return hit{first: i + 1, last: last, next: last + 1, date: t, gran: Day, rel: true}, true
}

// absolute matches a calendar date, optionally led by a weekday:
// numeric forms, "December 13, 2024", "13 December 2024", "13. Dezember",
// "13 de diciembre de 2024", "13 декабря 2024 года", "December 2024",
// and day-month forms without a year.
func (f *finder) absolute(i int) (hit, bool) {
	wd := -1
	j := i
	if d, _, ok := f.weekday(i); ok {
		wd = d
		j = i + 1
		if f.isPunct(j, ".") {
			j++
		}
		if f.isPunct(j, ",") {
			j++
		}
		if f.isWord(j, "the", "le", "el", "den", "der") {
			j++
		}
	}
	h, ok := f.numeric(j)
	if !ok {
		h, ok = f.monthFirst(j, wd)
	}
	if !ok {
		h, ok = f.dayFirst(j, wd)
	}
	if !ok {
		return hit{}, false
	}
	h.first = i
	return h, true
}

// numeric matches all-number dates: d.m.yyyy, a/b/yyyy, a-b-yyyy,
// yyyy-mm-dd and a/b/yy.
func (f *finder) numeric(i int) (hit, bool) {
	a, s1, b, s2, c := f.tok(i), f.tok(i+1), f.tok(i+2), f.tok(i+3), f.tok(i+4)
	if a.kind != tNum || b.kind != tNum || c.kind != tNum || s1.kind != tPunct || s2.kind != tPunct || a.ord || b.ord || c.ord {
		return hit{}, false
	}
	sep := s1.low
	if s2.low != sep || (sep != "." && sep != "/" && sep != "-") {
		return hit{}, false
	}
	// A date is not part of a longer run of numbers ("1.2.3.4", "192.168.1.1").
	if (f.tok(i+5).kind == tPunct && f.tok(i+5).low == sep && f.tok(i+6).kind == tNum && f.adjacent(i+4)) ||
		(i > 0 && f.tok(i-1).kind == tPunct && f.tok(i-1).low == sep && f.tok(i-2).kind == tNum && f.adjacent(i-1)) {
		return hit{}, false
	}
	var y, m, d int
	switch {
	case a.ndig == 4 && b.ndig <= 2 && c.ndig <= 2:
		y, m, d = a.val, b.val, c.val
	case a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || (c.ndig == 2 && sep == "/")):
		y = c.val
		if c.ndig == 2 {
			y += 1900
			if c.val < 70 {
				y += 100
			}
		}
		switch {
		case sep == ".":
			d, m = a.val, b.val
		case a.val > 12:
			d, m = a.val, b.val
		case b.val > 12:
			m, d = a.val, b.val
		case f.lang == "en":
			m, d = a.val, b.val
		default:
			d, m = a.val, b.val
		}
	default:
		return hit{}, false
	}
	t, ok := date(y, m, d)
	if !ok {
		return hit{}, false
	}
	last := i + 4
	next := f.yearTail(i + 5)
	if next > i+5 {
		last = next - 1
	}
	return hit{first: i, last: last, next: next, date: t, gran: Day}, true
}

// monthFirst matches "December 13, 2024", "Dec. 13", "December 13th",
// "December 2024" and "diciembre de 2024".
func (f *finder) monthFirst(i, wd int) (hit, bool) {
	m, ok := f.month(i)
	if !ok {
		return hit{}, false
	}
	j := i + 1
	if f.isPunct(j, ".") {
		j++
	}
	// Month and year.
	k := j
	if f.isWord(k, "de", "del") || f.isWord(k, "of") && len(f.tok(i).low) >= 3 {
		k++ // "mayo de 2024", "March of 1998"
	}
	if y, ok := f.year(k); ok {
		t, _ := date(y, m, 1)
		next := f.yearTail(k + 1)
		return hit{first: i, last: next - 1, next: next, date: t, gran: Month}, true
	}
	d, ok := f.dayNum(j)
	if !ok {
		return hit{}, false
	}
	// "May 2-3": a day followed by a dash and a number is a range; keep the first day.
	k = j + 1
	if f.isPunct(k, ",") {
		k++
	}
	if y, ok := f.year(k); ok && !f.isPunct(k+1, ":") {
		t, ok := date(y, m, d)
		if !ok {
			return hit{}, false
		}
		next := f.yearTail(k + 1)
		return hit{first: i, last: next - 1, next: next, date: t, gran: Day}, true
	}
	// No year: a time ("May 2 12:50") or the number of a following count must not be read as one.
	t, ok := f.nearestYear(m, d, wd, f.tense(i))
	if !ok {
		return hit{}, false
	}
	return hit{first: i, last: j, next: j + 1, date: t, gran: Day, rel: true}, true
}

// dayFirst matches "13 December 2024", "13. Dezember", "13 de diciembre de
// 2024", "1er décembre", "the 13th of December", "13 декабря 2024 года".
func (f *finder) dayFirst(i, wd int) (hit, bool) {
	d, ok := f.dayNum(i)
	if !ok {
		return hit{}, false
	}
	j := i + 1
	if f.isPunct(j, ".") {
		j++
	}
	if f.isWord(j, "de", "of") {
		j++
	}
	m, ok := f.month(j)
	if !ok {
		return hit{}, false
	}
	k := j + 1
	if f.isPunct(k, ".") {
		k++
	}
	y0 := k
	if f.isPunct(y0, ",") {
		y0++
	}
	if f.isWord(y0, "de", "del") {
		y0++
	}
	if y, ok := f.year(y0); ok && !f.isPunct(y0+1, ":") {
		t, ok := date(y, m, d)
		if !ok {
			return hit{}, false
		}
		next := f.yearTail(y0 + 1)
		return hit{first: i, last: next - 1, next: next, date: t, gran: Day}, true
	}
	t, ok := f.nearestYear(m, d, wd, f.tense(i))
	if !ok {
		return hit{}, false
	}
	if _, ok := date(2000, m, d); !ok { // 31 June is not a date in any year
		return hit{}, false
	}
	return hit{first: i, last: j, next: j + 1, date: t, gran: Day, rel: true}, true
}

// prepYear matches a year after a preposition or year word ("in 2023",
// "seit 2019", "en 2023", "в 2023 году") or before a Russian year word
// ("2024 года"). The preposition is not part of the mention.
func (f *finder) prepYear(i int) (hit, bool) {
	j := i
	t := f.tok(i)
	weak := false
	if t.kind == tWord && (yearPreps[t.low] || weakPreps[t.low] && f.lang != "de" && f.lang != "fr" && f.lang != "es") {
		weak = !yearPreps[t.low]
		j = i + 1
		if f.isWord(j, "the", "year", "jahr", "año", "el", "l'an", "an") && j+1 < len(f.toks) && f.tok(j+1).kind == tNum {
			j++
		}
	}
	y, ok := f.year(j)
	if !ok {
		return hit{}, false
	}
	if weak && !f.yearAfter(j) {
		return hit{}, false
	}
	tail := f.yearTail(j + 1)
	loose := false
	if j == i && tail == j+1 {
		// A lone number: Annotate takes it as a year where nothing
		// around it reads as a count; Find never does.
		if !f.yearLike(j) {
			return hit{}, false
		}
		loose = true
	}
	// "in 2023-24", "in 2023/12/01": let the other grammars have it.
	if f.tok(j+1).kind == tPunct && f.tok(j+2).kind == tNum && f.adjacent(j) {
		if h, ok := f.absolute(j); ok {
			return h, true
		}
		// "2009-2010", "1957-58": a range of years; each end is a year.
		if f.tok(j+1).low != "-" && f.tok(j+1).low != "–" && f.tok(j+1).low != "/" || !(f.tok(j+2).ndig == 4 || f.tok(j+2).ndig == 2) {
			return hit{}, false
		}
		loose = false
	}
	if f.tok(j+1).kind == tNum || f.isWord(j+1, "people", "persons", "men", "women", "troops", "votes", "dollars", "euros") {
		return hit{}, false
	}
	t0, _ := date(y, 1, 1)
	return hit{first: j, last: tail - 1, next: tail, date: t0, gran: Year, loose: loose}, true
}

// prepMonth matches a bare month after a preposition ("in March", "im
// März", "en marzo", "в марте"), in the year nearest ref.
func (f *finder) prepMonth(i int) (hit, bool) {
	t := f.tok(i)
	if t.kind != tWord || !monthPreps[t.low] && !(weakPreps[t.low] && f.lang != "de" && f.lang != "fr" && f.lang != "es" && !f.isWord(i+1, "may")) {
		return hit{}, false
	}
	if h, ok := f.absolute(i + 1); ok {
		return h, true
	}
	m, ok := f.month(i + 1)
	if !ok || !f.hasRef || len(f.tok(i+1).low) < 3 {
		return hit{}, false
	}
	// Abbreviations alone ("in Dec") are too often something else.
	if full := f.tok(i + 1).low; full == "mar" || full == "jan" || full == "dec" || full == "sep" || full == "nov" || full == "oct" || full == "ene" || full == "dic" {
		return hit{}, false
	}
	best := f.nearestMonth(m, f.tense(i+1))
	return hit{first: i + 1, last: i + 1, next: i + 2, date: best, gran: Month, rel: true}, true
}

// countLeads before a number make it a quantity: "$2010", "about 2000".
var countLeads = map[string]bool{"$": true, "€": true, "£": true, "#": true, "no": true, "number": true, "than": true, "about": true, "some": true, "nearly": true, "almost": true, "approximately": true, "around": true, "over": true, "least": true, "only": true, "just": true, "to": true, "from": true, "and": true, "or": true}

// yearLike reports whether the lone four-digit number at i reads as a
// year: nothing before it makes it a quantity, and no unit, percent sign
// or counted plural follows ("2010 elections" is left out with "2000
// people": a plural after it is too often what it counts).
func (f *finder) yearLike(i int) bool {
	p := f.tok(i - 1)
	if (p.kind == tWord || p.kind == tPunct) && countLeads[p.low] && !(p.low == "and" && f.tok(i-2).kind == tNum) && !(p.low == "to" && f.tok(i-2).kind == tNum && f.tok(i-2).ndig == 4) {
		return false
	}
	if p.kind == tPunct && (p.low == "," || p.low == ".") && f.tok(i-2).kind == tNum && f.adjacent(i-1) {
		return false // "1,2010"
	}
	return f.yearAfter(i)
}

// yearAfter reports whether what follows the four-digit number at i
// leaves it a year: no number, unit, percent sign or counted plural.
func (f *finder) yearAfter(i int) bool {
	n := f.tok(i + 1)
	switch n.kind {
	case tNum:
		return false
	case tPunct:
		if n.low == "%" || (n.low == "," || n.low == ".") && f.tok(i+2).kind == tNum && f.adjacent(i) {
			return false
		}
	case tWord:
		if n.low == "percent" || n.low == "per" || units[n.low] != 0 {
			return false
		}
		if !n.caps && len(n.low) > 3 && n.low[len(n.low)-1] == 's' && n.low != "this" && n.low != "was" && n.low != "has" {
			return false
		}
	}
	return true
}
