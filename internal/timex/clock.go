package timex

import (
	"fmt"
	"time"
)

// Times of day: a day with a part of it ("Friday afternoon" is
// 2013-03-22TAF, "last night" 2013-03-21TNI) or a clock time ("8 p.m.",
// "15:00 GMT Saturday", "Tuesday at 9:30 a.m.").

// zones are time-zone words that may follow a clock time.
var zones = map[string]bool{"gmt": true, "utc": true, "est": true, "edt": true, "cet": true, "cest": true, "pst": true, "pdt": true, "bst": true, "et": true, "pt": true, "ct": true, "cdt": true, "cst": true, "mez": true, "mesz": true}

// withTime extends a day hit over a following part of the day or clock
// time, making it a TIME.
func (f *finder) withTime(h hit) hit {
	if h.gran != Day || h.typ != "" || h.nodate {
		return h
	}
	day := h.date.Format(time.DateOnly)
	j := h.last + 1
	if p, ok := dayParts[f.tok(j).low]; ok && f.tok(j).kind == tWord && f.tok(j).low != "mañana" && f.tok(j).low != "morgen" {
		h.last, h.next, h.typ, h.value = j, j+1, Time, day+"T"+p
		return h
	}
	k := j
	if f.isWord(k, "at") || f.isPunct(k, ",") {
		k++
	}
	if hh, mm, last, ok := f.clock(k); ok {
		h.last, h.next, h.typ, h.value = last, last+1, Time, fmt.Sprintf("%sT%02d:%02d", day, hh, mm)
	}
	// Parts of the day phrases already resolved ("last night", "this
	// morning") keep their day and gain the part.
	if h.typ == "" {
		if p, ok := dayParts[f.tok(h.last).low]; ok && h.last > h.first {
			h.typ, h.value = Time, day+"T"+p
		}
		if f.tok(h.last).low == "tonight" {
			h.typ, h.value = Time, day+"TNI"
		}
	}
	return h
}

// clock reads a clock time at i: "8 PM", "8 p.m.", "8:30 a.m.", "15:00",
// "15:00 GMT", "noon", "midnight". last is its last token.
func (f *finder) clock(i int) (hh, mm, last int, ok bool) {
	switch {
	case f.isWord(i, "noon", "midday"):
		return 12, 0, i, true
	case f.isWord(i, "midnight"):
		return 0, 0, i, true
	}
	t := f.tok(i)
	if t.kind != tNum || t.ord || t.ndig > 2 || t.val > 24 {
		return 0, 0, 0, false
	}
	if f.isPunct(i-1, ":") && f.adjacent(i-1) {
		return 0, 0, 0, false // the middle of "3:07:35"
	}
	hh, last = t.val, i
	colon := false
	if f.isPunct(i+1, ":") && f.tok(i+2).kind == tNum && f.tok(i+2).ndig == 2 && f.adjacent(i) && f.adjacent(i+1) {
		mm, last, colon = f.tok(i+2).val, i+2, true
		if mm > 59 {
			return 0, 0, 0, false
		}
		if f.isPunct(last+1, ":") && f.tok(last+2).kind == tNum && f.adjacent(last) {
			return 0, 0, 0, false // "3:07:35" is a running time
		}
	}
	k := last + 1
	switch {
	case f.isWord(k, "am", "a", "pm", "p") && (f.tok(k).low == "am" || f.tok(k).low == "pm" || f.isPunct(k+1, ".") && f.isWord(k+2, "m")):
		pm := f.tok(k).low[0] == 'p'
		last = k
		if f.tok(k).low == "a" || f.tok(k).low == "p" {
			last = k + 2
			if f.isPunct(k+3, ".") {
				last = k + 3
			}
		}
		if hh > 12 || hh == 0 {
			return 0, 0, 0, false
		}
		if pm && hh < 12 {
			hh += 12
		}
		if !pm && hh == 12 {
			hh = 0
		}
	case f.isWord(k, "o'clock", "uhr", "h", "heures"):
		last = k
	case colon:
	default:
		return 0, 0, 0, false
	}
	if zones[f.tok(last+1).low] && f.tok(last+1).kind == tWord {
		last++
	}
	if hh == 24 {
		hh = 0
	}
	return hh, mm, last, true
}

// clockTime matches a clock time alone, on the day of a weekday or day
// word after it ("15:00 GMT Saturday", "8 p.m. on Tuesday") or on the
// anchor day.
func (f *finder) clockTime(i int) (hit, bool) {
	if h, ok := f.runningTime(i); ok {
		return h, true
	}
	hh, mm, last, ok := f.clock(i)
	if !ok || !f.hasRef {
		return hit{}, false
	}
	j := last + 1
	if f.isWord(j, "on") {
		j++
	}
	day, loose := f.anchor, true
	if wd, full, ok := f.weekday(j); ok && full {
		// The tense is read at the clock: the colon and dots of the time would stop it.
		off := -((int(f.ref.Weekday()) - wd + 7) % 7)
		if f.tense(i) > 0 {
			off = (wd - int(f.ref.Weekday()) + 7) % 7
		}
		day, loose, last = f.ref.AddDate(0, 0, off), false, j
	} else if d, ok := f.dayWord(j); ok {
		day, loose, last = d.date, false, d.last
	}
	h := hit{first: i, last: last, next: last + 1, date: day, gran: Day, rel: true, typ: Time, value: fmt.Sprintf("%sT%02d:%02d", day.Format(time.DateOnly), hh, mm), loose: loose}
	return h, true
}

// runningTime matches "3:07:35", a span of hours, minutes and seconds
// (a race or a recording), as a DURATION.
func (f *finder) runningTime(i int) (hit, bool) {
	var v [3]int
	for k := 0; k < 3; k++ {
		t := f.tok(i + 2*k)
		if t.kind != tNum || t.ord || (k > 0 && (t.ndig != 2 || t.val > 59)) || (k == 0 && t.ndig > 2) {
			return hit{}, false
		}
		if k < 2 && (!f.isPunct(i+2*k+1, ":") || !f.adjacent(i+2*k) || !f.adjacent(i+2*k+1)) {
			return hit{}, false
		}
		v[k] = t.val
	}
	val := "PT"
	for k, u := range []string{"H", "M", "S"} {
		if v[k] > 0 {
			val += fmt.Sprintf("%d%s", v[k], u)
		}
	}
	return hit{first: i, last: i + 4, next: i + 5, typ: Duration, value: val, nodate: true}, true
}
