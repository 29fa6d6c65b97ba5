package timex

import (
	"strings"
	"time"
)

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
		// "the past year" is the span up to now, as "the past two years"
		// is; "last year" and "the last week" name the period before.
		if t.low == "past" && j == i && f.isWord(i-1, "the") {
			if u, plural, ok := f.unitAt(j + 1); ok && !plural && u >= day && u <= decade {
				return hit{first: i - 1, last: j + 1, next: j + 2, typ: Duration, value: durationValue(1, u), nodate: true}, true
			}
		}
		if h, ok := f.resolveMod(j+1, dir); ok {
			if j == i && (dir != 0 || t.low == "current") && f.isWord(i-1, "the") {
				first = i - 1 // "the last week", "the current year"
			}
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
	if t.low == "weekend" {
		if dir == 0 {
			return hit{first: i, last: i, next: i + 1, value: isoWeek(f.ref) + "-WE", nodate: true, rel: true}, true
		}
		// The Saturday of the previous or next weekend.
		ref := int(f.ref.Weekday())
		off := -((ref-6+6)%7 + 1)
		if dir > 0 {
			off = (6-ref+6)%7 + 1
		}
		d := f.ref.AddDate(0, 0, off)
		return hit{first: i, last: i, next: i + 1, date: d, gran: Day, rel: true, value: isoWeek(d) + "-WE"}, true
	}
	if m, ok := f.month(i); ok && len(t.low) >= 3 {
		// "last May": the latest May before this month; "next May" the
		// first after it; "this May" the one of this year.
		y, rm := f.ref.Year(), int(f.ref.Month())
		switch {
		case dir < 0 && m >= rm:
			y--
		case dir > 0 && m <= rm:
			y++
		}
		return hit{first: i, last: i, next: i + 1, date: time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), gran: Month, rel: true}, true
	}
	if h, ok := f.periodMod(i, dir); ok {
		return h, true
	}
	if t.low == "fiscal" && f.isWord(i+1, "year") {
		h, ok := f.resolveMod(i+1, dir)
		h.first = i
		return h, ok
	}
	u, ok := units[t.low]
	if !ok {
		return hit{}, false
	}
	if _, sing := units[strings.TrimSuffix(t.low, "s")]; sing && t.low != strings.TrimSuffix(t.low, "s") && f.lang != "de" {
		return hit{}, false // "the coming months" is a span: duration reads it
	}
	h := hit{first: i, last: i, next: i + 1, rel: true}
	switch u {
	case week:
		h.date, h.gran = f.ref.AddDate(0, 0, 7*dir), Day
		h.value = isoWeek(h.date)
		if dir == 0 {
			h.nodate = true // "this week" names no day
		}
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
		// English "in two days" is as often a span ("the first rise in
		// 60 years") as a date: only a future verb makes it one.
		if f.isWord(i, "in") && f.lang != "de" && f.tense(i) <= 0 {
			return hit{}, false
		}
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
	return f.shiftFrom(f.ref, first, u, n)
}

// shiftFrom is shift counted from base.
func (f *finder) shiftFrom(base time.Time, first, u, n int) (hit, bool) {
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
		h.date, h.gran = base.AddDate(0, 0, n), Day
	case week:
		h.date, h.gran = base.AddDate(0, 0, 7*n), Day
	case month:
		h.date, h.gran = time.Date(base.Year(), base.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC), Month
	case year:
		h.date, h.gran = time.Date(base.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC), Year
	case decade:
		h.date, h.gran = time.Date(base.Year()+10*n, 1, 1, 0, 0, 0, 0, time.UTC), Year
	default:
		return hit{}, false // hours and minutes name no day we can know
	}
	return h, true
}

// bareWeekday matches a weekday alone ("Sunday", "on Sunday", "am
// Sonntag"): the latest such day on or before ref, or the first on or
// after it when the clause is in the future ("will meet on Tuesday").
func (f *finder) bareWeekday(i int) (hit, bool) {
	wd, full, ok := f.weekday(i)
	if !ok || !full || !f.hasRef {
		return hit{}, false
	}
	off := -((int(f.ref.Weekday()) - wd + 7) % 7)
	if f.tense(i) > 0 {
		off = (wd - int(f.ref.Weekday()) + 7) % 7
	}
	return hit{first: i, last: i, next: i + 1, date: f.ref.AddDate(0, 0, off), gran: Day, rel: true}, true
}
