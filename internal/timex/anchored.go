package timex

import (
	"fmt"
	"time"
)

// Anchored expressions count from the last calendar date mentioned (the
// publication day before any): "the day before", "the following year",
// "earlier that day", "that week", "the same day". Counted ones ("two
// days later") are read by duration.

// anchorSteps are the words that move from the anchor by one unit.
var anchorSteps = map[string]int{"before": -1, "after": 1, "earlier": -1, "later": 1, "previous": -1, "prior": -1, "following": 1, "next": 1}

// anchored matches an expression anchored to the last date at token i.
func (f *finder) anchored(i int) (hit, bool) {
	if !f.hasRef {
		return hit{}, false
	}
	if h, ok := f.dayOfMonth(i); ok {
		return h, true
	}
	// "earlier in the day", "later in the week": the anchor's period.
	if f.isWord(i, "earlier", "later") && f.isWord(i+1, "in") && f.isWord(i+2, "the") {
		if u, plural, ok := f.unitAt(i + 3); ok && !plural {
			return f.anchorUnit(i, i+3, u, 0)
		}
	}
	// "earlier that day", "later that week", "that day", "the same day".
	j := i
	if f.isWord(j, "earlier", "later") && f.isWord(j+1, "that") {
		j++
	}
	if f.isWord(j, "that") || (f.isWord(j, "the") && f.isWord(j+1, "same")) {
		k := j + 1
		if f.isWord(j, "the") {
			k++
		}
		if u, plural, ok := f.unitAt(k); ok && !plural {
			return f.anchorUnit(i, k, u, 0)
		}
		if p, ok := dayParts[f.tok(k).low]; ok && f.tok(k).kind == tWord {
			return hit{first: i, last: k, next: k + 1, date: f.anchorDay(), gran: Day, rel: true, typ: Time, value: f.anchorDay().Format(time.DateOnly) + "T" + p}, true
		}
		return hit{}, false
	}
	// "the day before", "the year after", "the week earlier".
	if f.isWord(i, "the") {
		if u, plural, ok := f.unitAt(i + 1); ok && !plural {
			if dir, ok := anchorSteps[f.tok(i+2).low]; ok && f.tok(i+2).kind == tWord && !f.isWord(i+2, "next", "following", "previous", "prior") {
				// "the day before yesterday" is a day word; "the day before the vote" names an event.
				if f.isWord(i+3, "yesterday", "tomorrow") || !f.endsClause(i+3) && !f.isWord(i+3, "and", "but", "when", "as") {
					return hit{}, false
				}
				return f.anchorUnit(i, i+2, u, dir)
			}
		}
		// "the next day", "the following week", "the previous year".
		if dir, ok := anchorSteps[f.tok(i+1).low]; ok && f.isWord(i+1, "next", "following", "previous", "prior") {
			if wd, full, ok := f.weekday(i + 2); ok && full && f.anchorGran == Day {
				// "the following Monday": the first after the anchor;
				// "the previous Sunday": the latest before it.
				a := int(f.anchor.Weekday())
				off := (wd-a+6)%7 + 1
				if dir < 0 {
					off = -((a-wd+6)%7 + 1)
				}
				return hit{first: i, last: i + 2, next: i + 3, date: f.anchor.AddDate(0, 0, off), gran: Day, rel: true}, true
			}
			if u, plural, ok := f.unitAt(i + 2); ok && !plural {
				// "the next month" is counted from now (the modified
				// grammar reads it) unless a story has moved the anchor
				// to another period and tells it in the past: "in 1986
				// ... the next year".
				if f.isWord(i+1, "next") && u != day && !(f.storyAnchor(u) && f.tense(i) <= 0) {
					return hit{}, false
				}
				return f.anchorUnit(i, i+2, u, dir)
			}
		}
		// "over the weekend": the one gone by, or the coming one when the
		// clause is in the future.
		if f.isWord(i+1, "weekend") && f.isWord(i-1, "over", "during", "at", "on", "for", "by") {
			return f.theWeekend(i)
		}
	}
	return hit{}, false
}

// anchorDay is the anchor as a day.
func (f *finder) anchorDay() time.Time {
	return f.anchor
}

// anchorUnit resolves unit u moved dir from the anchor; the mention is
// tokens first..last.
func (f *finder) anchorUnit(first, last int, u unit, dir int) (hit, bool) {
	a := f.anchor
	h := hit{first: first, last: last, next: last + 1, rel: true}
	switch u {
	case day:
		if f.anchorGran != Day {
			return hit{}, false // "the day before" a month names no day
		}
		h.date, h.gran = a.AddDate(0, 0, dir), Day
	case week:
		h.date, h.gran = a.AddDate(0, 0, 7*dir), Day
		h.value = isoWeek(h.date)
		if f.anchorGran != Day {
			return hit{}, false
		}
	case month:
		if f.anchorGran == Year {
			return hit{}, false
		}
		h.date, h.gran = time.Date(a.Year(), a.Month()+time.Month(dir), 1, 0, 0, 0, 0, time.UTC), Month
	case year:
		h.date, h.gran = time.Date(a.Year()+dir, 1, 1, 0, 0, 0, 0, time.UTC), Year
		h.value = fmt.Sprintf("%04d", h.date.Year())
	default:
		return hit{}, false
	}
	return h, true
}

// storyAnchor reports whether a date in the text has moved the anchor out
// of the publication day's period of unit u.
func (f *finder) storyAnchor(u unit) bool {
	if !f.anchorSet {
		return false
	}
	a, r := f.anchor, f.ref
	switch u {
	case year:
		return a.Year() != r.Year()
	case month:
		return a.Year() != r.Year() || a.Month() != r.Month()
	case week:
		ay, aw := a.ISOWeek()
		ry, rw := r.ISOWeek()
		return ay != ry || aw != rw
	}
	return false
}

// theWeekend resolves "the weekend" at tokens i, i+1 by tense: the coming
// one in a future clause, else the one gone by (this one from Saturday on).
func (f *finder) theWeekend(i int) (hit, bool) {
	ref := int(f.ref.Weekday())
	var sat time.Time
	switch {
	case f.tense(i) > 0 && ref != 0:
		sat = f.ref.AddDate(0, 0, (6-ref+7)%7)
	case ref == 6:
		sat = f.ref
	case ref == 0:
		sat = f.ref.AddDate(0, 0, -1)
	case f.tense(i) > 0:
		sat = f.ref.AddDate(0, 0, 6)
	default:
		sat = f.ref.AddDate(0, 0, -(ref + 1))
	}
	return hit{first: i, last: i + 1, next: i + 2, date: sat, gran: Day, rel: true, value: isoWeek(sat) + "-WE"}, true
}

// dayOfMonth reads "on the 20th" with no month: that day in the anchor's
// month or the one before or after, leaning by tense ("will meet on the
// 20th", "opened on the 28th"). Only a clause end or a conjunction may
// follow: "on the 20th floor", "the 20th of May" are something else.
func (f *finder) dayOfMonth(i int) (hit, bool) {
	if !f.isWord(i, "on") || !f.isWord(i+1, "the") || f.anchorGran != Day {
		return hit{}, false
	}
	t := f.tok(i + 2)
	if t.kind != tNum || !t.ord || t.val < 1 || t.val > 31 {
		return hit{}, false
	}
	if !f.endsClause(i+3) && !f.isWord(i+3, "and", "but", "when", "at", "after", "before") {
		return hit{}, false
	}
	tense := f.tense(i)
	a := f.anchor
	var best time.Time
	var bestCost time.Duration = -1
	for dm := -1; dm <= 1; dm++ {
		d, ok := date(a.Year(), int(a.Month())+dm, t.val)
		if !ok {
			// date does not carry months over: normalise first.
			m := time.Date(a.Year(), a.Month()+time.Month(dm), 1, 0, 0, 0, 0, time.UTC)
			if d, ok = date(m.Year(), int(m.Month()), t.val); !ok {
				continue
			}
		}
		if c := lean(d.Sub(a), tense); bestCost < 0 || c < bestCost {
			best, bestCost = d, c
		}
	}
	if bestCost < 0 {
		return hit{}, false
	}
	return hit{first: i + 1, last: i + 2, next: i + 3, date: best, gran: Day, rel: true}, true
}
