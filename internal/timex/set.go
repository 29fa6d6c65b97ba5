package timex

import "fmt"

// Sets are recurring times: "every Monday" (XXXX-WXX-1), "every
// morning" (XXXX-XX-XXTMO), "each year" (P1Y), "daily" (P1D), "on
// Mondays", "twice a week".

// everyWords introduce a set.
var everyWords = map[string]bool{"every": true, "each": true, "jeden": true, "jede": true, "jedes": true, "chaque": true, "tous": true, "toutes": true, "cada": true, "каждый": true, "каждую": true, "каждое": true}

// adverbSets are the one-word sets.
var adverbSets = map[string]string{
	"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI",
	"täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "jährlich": "P1Y",
	"quotidiennement": "P1D", "annuellement": "P1Y", "diariamente": "P1D", "anualmente": "P1Y", "ежедневно": "P1D", "ежегодно": "P1Y",
}

// dayParts are the TimeML codes of the parts of a day.
var dayParts = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
	"morgen": "MO", "vormittag": "MO", "nachmittag": "AF", "abend": "EV", "nacht": "NI",
	"matin": "MO", "après-midi": "AF", "soir": "EV", "soirée": "EV", "nuit": "NI",
	"mañana": "MO", "tarde": "AF", "noche": "NI",
	"утром": "MO", "днём": "AF", "вечером": "EV", "ночью": "NI",
}

// set matches a recurring time at token i.
func (f *finder) set(i int) (hit, bool) {
	t := f.tok(i)
	if t.kind != tWord {
		return hit{}, false
	}
	if v, ok := adverbSets[t.low]; ok {
		return hit{first: i, last: i, next: i + 1, typ: Set, value: v, nodate: true}, true
	}
	// "twice a week", "three times a year", "once a month".
	if n, j := f.times(i); n > 0 {
		if f.isWord(j, "a", "an", "per", "each", "every") {
			if u, _, ok := f.unitAt(j + 1); ok {
				return hit{first: i, last: j + 1, next: j + 2, typ: Set, value: durationValue(1, u), nodate: true}, true
			}
		}
	}
	// "on Mondays".
	if wd, plural := f.pluralWeekday(i); plural {
		return hit{first: i, last: i, next: i + 1, typ: Set, value: fmt.Sprintf("XXXX-WXX-%d", isoDay(wd)), nodate: true}, true
	}
	if !everyWords[t.low] {
		return hit{}, false
	}
	j := i + 1
	if f.isWord(j, "other", "single") {
		j++
	}
	n := 1
	if c, ok := f.count(j); ok && f.tok(j).low != "a" && f.tok(j).low != "an" && c > 1 {
		n, j = c, j+1
	}
	if wd, _, ok := f.weekday(j); ok {
		return hit{first: i, last: j, next: j + 1, typ: Set, value: fmt.Sprintf("XXXX-WXX-%d", isoDay(wd)), nodate: true}, true
	}
	if p, ok := dayParts[f.tok(j).low]; ok {
		return hit{first: i, last: j, next: j + 1, typ: Set, value: "XXXX-XX-XXT" + p, nodate: true}, true
	}
	if m, ok := f.month(j); ok {
		return hit{first: i, last: j, next: j + 1, typ: Set, value: fmt.Sprintf("XXXX-%02d", m), nodate: true}, true
	}
	if code, ok := seasons[f.tok(j).low]; ok {
		return hit{first: i, last: j, next: j + 1, typ: Set, value: "XXXX-" + code, nodate: true}, true
	}
	if u, _, ok := f.unitAt(j); ok {
		return hit{first: i, last: j, next: j + 1, typ: Set, value: durationValue(n, u), nodate: true}, true
	}
	return hit{}, false
}

// times reads "once", "twice" or "N times" at i: the count and the index
// after it.
func (f *finder) times(i int) (int, int) {
	switch {
	case f.isWord(i, "once"):
		return 1, i + 1
	case f.isWord(i, "twice"):
		return 2, i + 1
	}
	if n, ok := f.count(i); ok && f.isWord(i+1, "times") {
		return n, i + 2
	}
	return 0, i
}

// pluralWeekday reads an English plural weekday ("Mondays").
func (f *finder) pluralWeekday(i int) (int, bool) {
	t := f.tok(i)
	if t.kind != tWord || len(t.low) < 7 || t.low[len(t.low)-1] != 's' {
		return 0, false
	}
	w, ok := weekdays[t.low[:len(t.low)-1]]
	return w.day, ok && w.full
}

// isoDay numbers weekdays as ISO 8601 does: Monday 1 .. Sunday 7.
func isoDay(wd int) int {
	if wd == 0 {
		return 7
	}
	return wd
}
