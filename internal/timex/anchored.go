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
			if u, plural, ok := f.unitAt(i + 2); ok && !plural {
				if f.isWord(i+1, "next") && u != day {
					return hit{}, false // "the next month" is counted from now: the modified grammar reads it
				}
				return f.anchorUnit(i, i+2, u, dir)
			}
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
