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
//     before ref (news mostly reports what happened), or the first on or
//     after it when the nearest verb of its clause is a future one ("will
//     meet on Tuesday", see tense.go). "last Sunday" is the latest
//     strictly before ref, "next Sunday" the first strictly after, "this
//     Sunday" the first on or after ref. A month or a day and month
//     without a year lean the same way.
//   - "last/next week" is ref ∓ 7 days (granularity day: it names the
//     period only roughly). "last/next/this month" and "last/next/this
//     year", "earlier this year" give month or year granularity.
//   - "N days/weeks ago" and "in N days" count from ref; months and years
//     counted so give month or year granularity.
//   - A bare year needs a preposition or a year word before it ("in 2023",
//     "seit 2019", "в 2023 году", "2024 года"): a lone four-digit number is
//     too often a count. A bare month needs a preposition too ("in March").
//   - Holidays are computed by rule (Easter by the Gregorian computus,
//     Thanksgiving as the fourth Thursday of November); "the day
//     before", "two days later", "earlier that day" count from the last
//     date found (the reference before any).
//   - Annotate also returns what names no calendar date, with TIMEX3
//     values: durations (P3D, PT2H), sets (XXXX-WXX-1), seasons, weeks,
//     quarters, decades (199X), centuries and PRESENT_REF/PAST_REF/
//     FUTURE_REF; Find leaves those out, and bare years too.
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
	var out []news.DateMention
	newFinder(text, ref, lang).run(func(f *finder, h hit) {
		if h.nodate || h.loose {
			return
		}
		start, end := f.toks[h.first].start, f.toks[h.last].end
		out = append(out, news.DateMention{
			Date:        h.date.Format(time.DateOnly),
			Text:        text[start:end],
			Start:       start,
			End:         end,
			Relative:    h.rel,
			Granularity: h.gran,
		})
	})
	return out
}

func newFinder(text string, ref time.Time, lang string) *finder {
	f := &finder{text: text, toks: scan(text), lang: lang, hasRef: !ref.IsZero() && ref.Year() >= minYear && ref.Year() <= maxYear}
	if f.hasRef {
		f.ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
		f.anchor, f.anchorGran = f.ref, Day
	}
	return f
}

// run matches expressions left to right and calls emit for each one that
// is in range and resolvable. A calendar date it emits becomes the anchor
// of later anchored expressions ("the day before", "two days later").
func (f *finder) run(emit func(*finder, hit)) {
	prevLast := -1
	for i := 0; i < len(f.toks); {
		h, ok := f.match(i)
		if !ok {
			i++
			continue
		}
		i = h.next
		if h.first <= prevLast {
			h.first = prevLast + 1
		}
		if !h.nodate && (h.date.Year() < minYear || h.date.Year() > maxYear) {
			continue
		}
		if h.rel && !f.hasRef {
			continue
		}
		prevLast = h.last
		if !h.nodate && !h.loose && h.typ != Duration && h.typ != Set {
			f.anchor, f.anchorGran, f.anchorSet = h.date, h.gran, true
		}
		emit(f, h)
	}
}

// hit is one matched expression: tokens first..last form the mention
// (a leading preposition is consumed but left out), next is where
// scanning resumes.
type hit struct {
	first, last, next int
	date              time.Time
	gran              string
	rel               bool
	typ               string // TIMEX3 type; "" is DATE
	value             string // TIMEX3 value when it is not the date's own
	mod               string // TIMEX3 mod
	nodate            bool   // names no calendar date: Annotate reports it, Find does not
	loose             bool   // too weak a reading for Find (a bare year)
}

type finder struct {
	text   string
	toks   []token
	lang   string
	ref    time.Time
	hasRef bool
	// anchor is the last calendar date emitted (the reference before
	// any): anchored expressions count from it.
	anchor     time.Time
	anchorGran string
	anchorSet  bool // a date in the text, not the reference, is the anchor
	inEdge     bool // edge is matching what follows its modifier
	matches    int  // calls of match, for the test that work stays linear
}

// match tries every grammar at token i and keeps the longest hit.
func (f *finder) match(i int) (hit, bool) {
	f.matches++
	t := f.toks[i]
	if (t.kind == tPunct && t.low != "'" && t.low != "’") || (t.kind == tWord && !starters[t.low]) {
		return hit{}, false
	}
	mask := ^uint32(0)
	if t.kind == tWord {
		if m, ok := onlyGrammars[t.low]; ok {
			mask = m
		}
	}
	var best hit
	found := false
	for g, try := range grammars {
		if mask&(1<<g) == 0 {
			continue
		}
		if h, ok := try(f, i); ok && (!found || h.next > best.next) {
			best, found = h, true
		}
	}
	if found {
		best = f.withTime(best)
	}
	return best, found
}

// grammars are tried in this order at every starter token; on equal
// length the earlier one wins. It is set in init: edge calls match.
var grammars []func(*finder, int) (hit, bool)

func init() {
	grammars = []func(*finder, int) (hit, bool){
		gEdge: (*finder).edge, gAbsolute: (*finder).absolute, gDayWord: (*finder).dayWord, gModified: (*finder).modified,
		gAgo: (*finder).ago, gPrepYear: (*finder).prepYear, gPrepMonth: (*finder).prepMonth, gBareWeekday: (*finder).bareWeekday,
		gShortNumeric: (*finder).shortNumeric, gHoliday: (*finder).holiday, gAnchored: (*finder).anchored, gDuration: (*finder).duration,
		gSet: (*finder).set, gReference: (*finder).reference, gSeason: (*finder).season, gQuarterHalf: (*finder).quarterHalf,
		gDecade: (*finder).decade, gClockTime: (*finder).clockTime,
	}
}

const (
	gEdge = iota
	gAbsolute
	gDayWord
	gModified
	gAgo
	gPrepYear
	gPrepMonth
	gBareWeekday
	gShortNumeric
	gHoliday
	gAnchored
	gDuration
	gSet
	gReference
	gSeason
	gQuarterHalf
	gDecade
	gClockTime
)

// onlyGrammars limits the grammars tried at the commonest starter words
// to those that can begin there (a speed table: the result is the same
// as trying all; TestOnlyGrammars checks it).
var onlyGrammars = map[string]uint32{
	"the":  1<<gEdge | 1<<gDayWord | 1<<gAnchored | 1<<gReference,
	"of":   1 << gPrepYear,
	"in":   1<<gPrepYear | 1<<gPrepMonth | 1<<gAgo | 1<<gSeason | 1<<gReference,
	"a":    1<<gDuration | 1<<gAgo,
	"an":   1<<gDuration | 1<<gAgo | 1<<gModified, // also French "l'an dernier"
	"that": 1 << gAnchored,
	"at":   1<<gReference | 1<<gDuration,
	"more": 1 << gDuration,
	"less": 1 << gDuration,
	"this": 1<<gModified | 1<<gDayWord,
	"on":   1 << gAnchored,
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
	for _, m := range []map[string]int{months, modBefore, numWords, ordinalWords, anchorSteps} {
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
	for _, w := range []string{"the", "that", "at", "more", "less", "once", "twice", "noon", "midnight", "midday", "fiscal", "half", "on"} {
		s[w] = true
	}
	for k := range weekdays {
		s[k+"s"] = true
	}
	for _, p := range refPhrases {
		s[p.words[0]] = true
	}
	for _, m := range []map[string]string{refWords, seasons, adverbSets, approxMods, edgeMods} {
		for k := range m {
			s[k] = true
		}
	}
	for _, m := range []map[string]bool{yearPreps, monthPreps, weakPreps, everyWords, spanLeads, quantWords, holidayStarts} {
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
// ref, leaning to the past or future by tense (see lean); wd >= 0
// requires that weekday.
func (f *finder) nearestYear(m, d, wd, tense int) (time.Time, bool) {
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
		if dist := lean(t.Sub(f.ref), tense); bestDist < 0 || dist < bestDist {
			best, bestDist = t, dist
		}
	}
	if bestDist < 0 {
		// The weekday fits none of the neighbouring years: trust the date.
		if wd >= 0 {
			return f.nearestYear(m, d, -1, tense)
		}
		return time.Time{}, false
	}
	return best, true
}

// lean turns a signed distance from ref into a cost. With no tense the
// future counts double: news reports more of the past than of the
// future, so "June 5" written in December is the June gone by. A future
// tense ("will meet on June 5") makes the past cost tenfold, a past tense
// the future.
func lean[D ~int64 | ~int](d D, tense int) D {
	switch {
	case tense > 0 && d < 0:
		return -10 * d
	case tense > 0:
		return d
	case tense < 0 && d > 0:
		return 10 * d
	case d < 0:
		return -d
	case tense < 0:
		return d
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
