// Package timex finds date and time expressions in article text and
// resolves them to calendar dates. It sits under extract in Dossier's
// pipeline (ingest → extract → ...): extract calls Find on each article with
// the publication date as reference, and ingest calls Published to date a
// bare text that came without metadata.
//
// timex reads English, German, French, Spanish and Russian. It works on a
// token stream (words, numbers, punctuation; spaces ignored), so that
// "May 2, 2013" and corpus-tokenised "May 2 , 2013" read alike, and it
// matches small grammars rather than one regular expression per form.
//
// Resolution rules:
//
//   - d.m.yyyy is day-first, always (it is the German, Russian, French
//     form). yyyy-mm-dd, yyyy/mm/dd and yyyy.mm.dd are year-first.
//   - a/b/yyyy and a-b-yyyy: if a > 12 it is day-first; if b > 12 it is
//     month-first; otherwise month-first when lang is "en" and day-first
//     for every other lang (including ""). Two-digit years are read only
//     with "/" (as in "8/2/13"): 00–69 → 20xx, 70–99 → 19xx.
//   - A day and month without a year ("Dec. 13", "13 Dec", "Friday,
//     December 13") takes the year that puts it nearest to ref (days after ref
//     count double: news reports the past more than the future); a weekday
//     written with it picks, among the neighbouring years, one where the
//     weekday matches. Such mentions are Relative.
//   - A numeric day and month without year ("am 13.12.", "le 13/12") is
//     read only after a preposition, day-first, in the nearest year.
//   - A bare weekday ("on Sunday", "Sunday") is the latest such day on or
//     before ref (news mostly reports what happened). "last Sunday" is the
//     latest strictly before ref, "next Sunday" the first strictly after,
//     "this Sunday" the first on or after ref.
//   - "last/next week" is ref ∓ 7 days (granularity day: it names the
//     period only roughly). "last/next/this month" and "last/next/this
//     year", "earlier this year" give month or year granularity.
//   - "N days/weeks ago" and "in N days" count from ref; months and years
//     counted so give month or year granularity.
//   - A bare year needs a preposition or a year word before it ("in 2023",
//     "seit 2019", "в 2023 году", "2024 года"): a lone four-digit number is
//     too often a count. A bare month needs a preposition too ("in March").
//   - Relative expressions need a reference: with a zero ref only absolute
//     dates are returned. Every date is in 1900–2100.
package timex

import (
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Granularities of a DateMention.
const (
	Day   = "day"
	Month = "month"
	Year  = "year"
)

// minYear and maxYear bound every date timex returns: outside them a
// "date" is almost always a misread number.
const (
	minYear = 1900
	maxYear = 2100
)

// Find returns every date or time expression in text resolved to a
// calendar date, in text order, without overlaps. ref is the reference
// for relative expressions (normally the publication date); lang is the
// ISO 639-1 code of the text or "" when unknown, and only settles
// ambiguous numeric dates and words (see the package comment).
func Find(text string, ref time.Time, lang string) []news.DateMention {
	toks := scan(text)
	f := finder{text: text, toks: toks, lang: lang, hasRef: !ref.IsZero() && ref.Year() >= minYear && ref.Year() <= maxYear}
	if f.hasRef {
		f.ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	}
	var out []news.DateMention
	for i := 0; i < len(toks); {
		m, ok := f.match(i)
		if !ok {
			i++
			continue
		}
		if m.date.Year() >= minYear && m.date.Year() <= maxYear && (f.hasRef || !m.rel) {
			start, end := toks[m.first].start, toks[m.last].end
			out = append(out, news.DateMention{
				Date:        m.date.Format(time.DateOnly),
				Text:        text[start:end],
				Start:       start,
				End:         end,
				Relative:    m.rel,
				Granularity: m.gran,
			})
		}
		i = m.next
	}
	return out
}

// hit is one matched expression: tokens first..last form the mention
// (a leading preposition is consumed but left out), next is where
// scanning resumes.
type hit struct {
	first, last, next int
	date              time.Time
	gran              string
	rel               bool
}

type finder struct {
	text   string
	toks   []token
	lang   string
	ref    time.Time
	hasRef bool
}

// match tries every grammar at token i and keeps the longest hit.
func (f *finder) match(i int) (hit, bool) {
	t := f.toks[i]
	if t.kind == tPunct || (t.kind == tWord && !starters[t.low]) {
		return hit{}, false
	}
	var best hit
	found := false
	keep := func(h hit, ok bool) {
		if ok && (!found || h.next > best.next) {
			best, found = h, true
		}
	}
	keep(f.absolute(i))
	keep(f.dayWord(i))
	keep(f.modified(i))
	keep(f.ago(i))
	keep(f.prepYear(i))
	keep(f.prepMonth(i))
	keep(f.bareWeekday(i))
	keep(f.shortNumeric(i))
	return best, found
}

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
	t, ok := f.nearestYear(mt.val, d, -1)
	if !ok {
		return hit{}, false
	}
	return hit{first: i + 1, last: last, next: last + 1, date: t, gran: Day, rel: true}, true
}

// starters holds every word that can begin an expression, so that match
// can pass over all other words at the cost of one lookup.
var starters = func() map[string]bool {
	s := map[string]bool{"earlier": true, "later": true, "il": true, "dentro": true}
	for k := range shortPreps {
		s[k] = true
	}
	for k := range agoLead {
		s[k] = true
	}
	for _, m := range []map[string]int{months, modBefore, numWords} {
		for k := range m {
			s[k] = true
		}
	}
	for k := range weekdays {
		s[k] = true
	}
	for k := range dayWords {
		s[k] = true
	}
	for _, p := range dayPhrases {
		s[p.words[0]] = true
	}
	for k := range units {
		s[k] = true
	}
	for _, m := range []map[string]bool{yearPreps, monthPreps} {
		for k := range m {
			s[k] = true
		}
	}
	return s
}()

// agoLead are the words before a count that point back or forward:
// "vor zwei Tagen", "hace dos días", "in two days", "dans deux jours",
// "через два дня".
var agoLead = map[string]int{"vor": -1, "hace": -1, "in": 1, "dans": 1, "через": 1}

// tok returns token i, or a zero token past the end.
func (f *finder) tok(i int) token {
	if i < 0 || i >= len(f.toks) {
		return token{}
	}
	return f.toks[i]
}

func (f *finder) isPunct(i int, p string) bool {
	t := f.tok(i)
	return t.kind == tPunct && t.low == p
}

func (f *finder) isWord(i int, words ...string) bool {
	t := f.tok(i)
	if t.kind != tWord {
		return false
	}
	for _, w := range words {
		if t.low == w {
			return true
		}
	}
	return false
}

// adjacent reports whether tokens i and i+1 touch, with no space between.
func (f *finder) adjacent(i int) bool {
	return i+1 < len(f.toks) && f.toks[i].end == f.toks[i+1].start
}

// month returns the month named by token i.
func (f *finder) month(i int) (int, bool) {
	t := f.tok(i)
	if t.kind != tWord {
		return 0, false
	}
	m, ok := months[t.low]
	if !ok || (capsOnly[t.low] && !t.caps) {
		return 0, false
	}
	return m, true
}

// weekday returns the weekday named by token i; full reports whether the
// word may stand alone.
func (f *finder) weekday(i int) (wd int, full, ok bool) {
	t := f.tok(i)
	if t.kind != tWord {
		return 0, false, false
	}
	w, ok := weekdays[t.low]
	return w.day, w.full, ok
}

// year reads token i as a four-digit year in range.
func (f *finder) year(i int) (int, bool) {
	t := f.tok(i)
	if t.kind != tNum || t.ndig != 4 || t.ord || t.val < minYear || t.val > maxYear {
		return 0, false
	}
	// "1990s", "2023er": a decade or an adjective, not a year.
	if n := f.tok(i + 1); n.kind == tWord && n.start == t.end {
		return 0, false
	}
	return t.val, true
}

// dayNum reads token i as a day of the month.
func (f *finder) dayNum(i int) (int, bool) {
	t := f.tok(i)
	if t.kind != tNum || t.ndig > 2 || t.val < 1 || t.val > 31 {
		return 0, false
	}
	return t.val, true
}

// date builds a valid calendar date or reports false (31 February).
func date(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// nearestYear places month m, day d in the year that puts it nearest to
// ref; wd >= 0 requires that weekday.
func (f *finder) nearestYear(m, d, wd int) (time.Time, bool) {
	if !f.hasRef {
		return time.Time{}, false
	}
	var best time.Time
	var bestDist time.Duration = -1
	for y := f.ref.Year() - 1; y <= f.ref.Year()+1; y++ {
		t, ok := date(y, m, d)
		if !ok || (wd >= 0 && int(t.Weekday()) != wd) {
			continue
		}
		if dist := pastBias(t.Sub(f.ref)); bestDist < 0 || dist < bestDist {
			best, bestDist = t, dist
		}
	}
	if bestDist < 0 {
		// The weekday fits none of the neighbouring years: trust the date.
		if wd >= 0 {
			return f.nearestYear(m, d, -1)
		}
		return time.Time{}, false
	}
	return best, true
}

// pastBias turns a signed distance from ref into a cost where the future
// counts double: news reports more of the past than of the future, so
// "June 5" written in December is the June gone by.
func pastBias(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return 2 * d
}

// yearTail extends a match ending before token i over a Russian year word
// ("2024 года", "2024 г.") and returns the index after it.
func (f *finder) yearTail(i int) int {
	if f.tok(i).kind == tWord && yearSuffix[f.tok(i).low] {
		if f.tok(i).low == "г" && f.isPunct(i+1, ".") {
			return i + 2
		}
		return i + 1
	}
	return i
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
	if f.isWord(k, "de", "del") {
		k++
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
	t, ok := f.nearestYear(m, d, wd)
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
	t, ok := f.nearestYear(m, d, wd)
	if !ok {
		return hit{}, false
	}
	if _, ok := date(2000, m, d); !ok { // 31 June is not a date in any year
		return hit{}, false
	}
	return hit{first: i, last: j, next: j + 1, date: t, gran: Day, rel: true}, true
}

// dayWord matches "today", "gestern", "aujourd'hui", "the day before
// yesterday", "avant-hier" and the like.
func (f *finder) dayWord(i int) (hit, bool) {
	if !f.hasRef {
		return hit{}, false
	}
	t := f.tok(i)
	if t.kind != tWord {
		return hit{}, false
	}
	for _, p := range dayPhrases {
		if f.phrase(i, p.words) {
			n := len(p.words)
			return hit{first: i, last: i + n - 1, next: i + n, date: f.ref.AddDate(0, 0, p.off), gran: Day, rel: true}, true
		}
	}
	w, ok := dayWords[t.low]
	if !ok || (w.lang != "" && w.lang != f.lang) {
		return hit{}, false
	}
	switch t.low {
	case "morgen":
		// "Morgen" (capitalised) is also "morning"; "heute Morgen" is this morning.
		if t.caps && !(t.nl || f.isPunct(i-1, ".")) {
			return hit{}, false
		}
	case "mañana":
		// "la mañana", "por la mañana" is the morning.
		if f.isWord(i-1, "la", "esta", "cada", "una", "de", "media") {
			return hit{}, false
		}
	}
	return hit{first: i, last: i, next: i + 1, date: f.ref.AddDate(0, 0, w.off), gran: Day, rel: true}, true
}

// phrase reports whether tokens from i spell words.
func (f *finder) phrase(i int, words []string) bool {
	for k, w := range words {
		if f.tok(i+k).low != w || f.tok(i+k).kind == tNum {
			return false
		}
	}
	return true
}

// modified matches a modifier with a unit or weekday: "last week",
// "next month", "this year", "earlier this year", "letzten Sonntag",
// "la semaine dernière", "dimanche prochain", "el año pasado",
// "la semana que viene", "на прошлой неделе", "в эту пятницу".
func (f *finder) modified(i int) (hit, bool) {
	if !f.hasRef {
		return hit{}, false
	}
	first := i
	j := i
	if f.isWord(j, "earlier", "later") && f.isWord(j+1, "this") {
		j++
	}
	t := f.tok(j)
	if t.kind != tWord {
		return hit{}, false
	}
	if dir, ok := modBefore[t.low]; ok {
		if h, ok := f.resolveMod(j+1, dir); ok {
			h.first = first
			h.next = h.last + 1
			return h, true
		}
	}
	if j != i {
		return hit{}, false
	}
	// Unit or weekday first, modifier after.
	after := f.tok(i + 1)
	dir, ok := modAfter[after.low]
	last := i + 1
	if !ok && f.isWord(i+1, "que") && f.isWord(i+2, "viene") {
		dir, ok, last = 1, true, i+2
	}
	if !ok || after.kind != tWord {
		return hit{}, false
	}
	h, ok := f.resolveMod(i, dir)
	if !ok || h.last != i {
		return hit{}, false
	}
	h.first, h.last, h.next = i, last, last+1
	return h, true
}

// resolveMod resolves the unit or weekday at token i shifted by dir.
func (f *finder) resolveMod(i, dir int) (hit, bool) {
	t := f.tok(i)
	if t.kind != tWord {
		return hit{}, false
	}
	if wd, full, ok := f.weekday(i); ok && full {
		ref := int(f.ref.Weekday())
		var off int
		switch dir {
		case -1: // latest strictly before ref
			off = -((ref-wd+6)%7 + 1)
		case 1: // first strictly after ref
			off = (wd-ref+6)%7 + 1
		default: // first on or after ref
			off = (wd - ref + 7) % 7
		}
		return hit{first: i, last: i, next: i + 1, date: f.ref.AddDate(0, 0, off), gran: Day, rel: true}, true
	}
	if t.low == "weekend" && dir != 0 {
		// The Saturday of the previous or next weekend.
		ref := int(f.ref.Weekday())
		off := -((ref-6+6)%7 + 1)
		if dir > 0 {
			off = (6-ref+6)%7 + 1
		}
		return hit{first: i, last: i, next: i + 1, date: f.ref.AddDate(0, 0, off), gran: Day, rel: true}, true
	}
	u, ok := units[t.low]
	if !ok {
		return hit{}, false
	}
	h := hit{first: i, last: i, next: i + 1, rel: true}
	switch u {
	case week:
		if dir == 0 {
			return hit{}, false // "this week" names no day
		}
		h.date, h.gran = f.ref.AddDate(0, 0, 7*dir), Day
	case month:
		h.date, h.gran = time.Date(f.ref.Year(), f.ref.Month()+time.Month(dir), 1, 0, 0, 0, 0, time.UTC), Month
	case year:
		h.date, h.gran = time.Date(f.ref.Year()+dir, 1, 1, 0, 0, 0, 0, time.UTC), Year
	default:
		return hit{}, false
	}
	return h, true
}

// count reads token i as a small count: digits or a number word.
func (f *finder) count(i int) (int, bool) {
	t := f.tok(i)
	switch t.kind {
	case tNum:
		if t.ndig <= 3 && !t.ord {
			return t.val, true
		}
	case tWord:
		if n, ok := numWords[t.low]; ok {
			return n, true
		}
	}
	return 0, false
}

// ago matches counted offsets: "two days ago", "a week ago", "vor drei
// Wochen", "il y a deux jours", "hace dos días", "два дня назад",
// "неделю назад", and the future "in two days", "dans trois jours",
// "через два дня".
func (f *finder) ago(i int) (hit, bool) {
	if !f.hasRef {
		return hit{}, false
	}
	// Leading forms: preposition, count, unit.
	lead := agoLead
	j := -1
	dir := 0
	switch {
	case f.isWord(i, "il") && f.isWord(i+1, "y") && f.isWord(i+2, "a"):
		j, dir = i+3, -1
	case f.isWord(i, "dentro") && f.isWord(i+1, "de"):
		j, dir = i+2, 1
	case f.tok(i).kind == tWord && lead[f.tok(i).low] != 0:
		j, dir = i+1, lead[f.tok(i).low]
	}
	if j >= 0 {
		if h, ok := f.counted(j, dir); ok {
			h.first = i
			return h, true
		}
		// "через неделю": unit alone means one.
		if f.isWord(i, "через") {
			if h, ok := f.shift(j, j, 1); ok {
				h.first = i
				return h, true
			}
		}
		return hit{}, false
	}
	// Trailing forms: count, unit, "ago"/"назад".
	if h, ok := f.counted(i, -1); ok && f.isWord(h.last+1, "ago", "назад") {
		h.last++
		h.next = h.last + 1
		return h, true
	}
	if f.isWord(i+1, "назад") {
		if h, ok := f.shift(i, i, -1); ok { // "неделю назад", "год назад"
			h.last, h.next = i+1, i+2
			return h, true
		}
	}
	return hit{}, false
}

// counted reads "count unit" at i and resolves it in direction dir.
func (f *finder) counted(i, dir int) (hit, bool) {
	n, ok := f.count(i)
	if !ok || n == 0 {
		return hit{}, false
	}
	k := i + 1
	if f.isWord(k, "couple") && f.isWord(k+1, "of") && f.isWord(i, "a") {
		n, k = 2, k+2
	}
	h, ok := f.shift(i, k, n*dir)
	if !ok {
		return hit{}, false
	}
	return h, true
}

// shift resolves the unit at token u moved n units from ref; the mention
// spans tokens first..u.
func (f *finder) shift(first, u, n int) (hit, bool) {
	t := f.tok(u)
	if t.kind != tWord {
		return hit{}, false
	}
	un, ok := units[t.low]
	if !ok || n > 1000 || n < -1000 {
		return hit{}, false
	}
	h := hit{first: first, last: u, next: u + 1, rel: true}
	switch un {
	case day:
		h.date, h.gran = f.ref.AddDate(0, 0, n), Day
	case week:
		h.date, h.gran = f.ref.AddDate(0, 0, 7*n), Day
	case month:
		h.date, h.gran = time.Date(f.ref.Year(), f.ref.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC), Month
	case year:
		h.date, h.gran = time.Date(f.ref.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC), Year
	}
	return h, true
}

// prepYear matches a year after a preposition or year word ("in 2023",
// "seit 2019", "en 2023", "в 2023 году") or before a Russian year word
// ("2024 года"). The preposition is not part of the mention.
func (f *finder) prepYear(i int) (hit, bool) {
	j := i
	t := f.tok(i)
	if t.kind == tWord && yearPreps[t.low] {
		j = i + 1
		if f.isWord(j, "the", "year", "jahr", "año", "el", "l'an", "an") && j+1 < len(f.toks) && f.tok(j+1).kind == tNum {
			j++
		}
	}
	y, ok := f.year(j)
	if !ok {
		return hit{}, false
	}
	tail := f.yearTail(j + 1)
	if j == i && tail == j+1 {
		return hit{}, false // a lone number
	}
	// "in 2023-24", "in 2023/12/01": let the other grammars have it.
	if f.tok(j+1).kind == tPunct && f.tok(j+2).kind == tNum && f.adjacent(j) {
		if h, ok := f.absolute(j); ok {
			return h, true
		}
		return hit{}, false
	}
	if f.tok(j+1).kind == tNum || f.isWord(j+1, "people", "persons", "men", "women", "troops", "votes", "dollars", "euros") {
		return hit{}, false
	}
	t0, _ := date(y, 1, 1)
	return hit{first: j, last: tail - 1, next: tail, date: t0, gran: Year}, true
}

// prepMonth matches a bare month after a preposition ("in March", "im
// März", "en marzo", "в марте"), in the year nearest ref.
func (f *finder) prepMonth(i int) (hit, bool) {
	t := f.tok(i)
	if t.kind != tWord || !monthPreps[t.low] {
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
	var best time.Time
	var bestDist time.Duration = -1
	for y := f.ref.Year() - 1; y <= f.ref.Year()+1; y++ {
		c := time.Date(y, time.Month(m), 15, 0, 0, 0, 0, time.UTC)
		if dist := pastBias(c.Sub(f.ref)); bestDist < 0 || dist < bestDist {
			best, bestDist = c, dist
		}
	}
	best = time.Date(best.Year(), best.Month(), 1, 0, 0, 0, 0, time.UTC)
	return hit{first: i + 1, last: i + 1, next: i + 2, date: best, gran: Month, rel: true}, true
}

// bareWeekday matches a weekday alone ("Sunday", "on Sunday", "am
// Sonntag"): the latest such day on or before ref.
func (f *finder) bareWeekday(i int) (hit, bool) {
	wd, full, ok := f.weekday(i)
	if !ok || !full || !f.hasRef {
		return hit{}, false
	}
	off := -((int(f.ref.Weekday()) - wd + 7) % 7)
	return hit{first: i, last: i, next: i + 1, date: f.ref.AddDate(0, 0, off), gran: Day, rel: true}, true
}
