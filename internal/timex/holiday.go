package timex

import "time"

// Holidays are computed by rule for any year: fixed days, the n-th
// weekday of a month, and the feasts that move with Easter.

// holidayRule gives the date of a holiday in year y.
type holidayRule func(y int) time.Time

func fixed(m, d int) holidayRule {
	return func(y int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
}

// nthWeekday is the n-th weekday wd of month m (n = -1: the last).
func nthWeekday(n, wd, m int) holidayRule {
	return func(y int) time.Time {
		if n < 0 {
			t := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
			return t.AddDate(0, 0, -((int(t.Weekday()) - wd + 7) % 7))
		}
		t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return t.AddDate(0, 0, (wd-int(t.Weekday())+7)%7+7*(n-1))
	}
}

// fromEaster is a feast a fixed number of days from Easter Sunday.
func fromEaster(days int) holidayRule {
	return func(y int) time.Time { return easter(y).AddDate(0, 0, days) }
}

// easter is Easter Sunday of the Gregorian year y, by the anonymous
// Gregorian computus (Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	g := (8*b + 13) / 25
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 19*l) / 433
	month := (h + l - 7*m + 90) / 25
	day := (h + l - 7*m + 33*month + 19) % 32
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// electionDay is the US federal election day: the Tuesday after the
// first Monday of November.
func electionDay(y int) time.Time { return nthWeekday(1, 1, 11)(y).AddDate(0, 0, 1) }

// holidays maps holiday names, as lower-case token sequences, to rules.
var holidays = []struct {
	words []string
	rule  holidayRule
}{
	{[]string{"christmas", "eve"}, fixed(12, 24)},
	{[]string{"christmas", "day"}, fixed(12, 25)},
	{[]string{"christmas"}, fixed(12, 25)},
	{[]string{"boxing", "day"}, fixed(12, 26)},
	{[]string{"new", "year", "eve"}, fixed(12, 31)},
	{[]string{"new", "year", "day"}, fixed(1, 1)},
	{[]string{"new", "year"}, fixed(1, 1)},
	{[]string{"valentine", "day"}, fixed(2, 14)},
	{[]string{"halloween"}, fixed(10, 31)},
	{[]string{"independence", "day"}, fixed(7, 4)},
	{[]string{"veterans", "day"}, fixed(11, 11)},
	{[]string{"armistice", "day"}, fixed(11, 11)},
	{[]string{"may", "day"}, fixed(5, 1)},
	{[]string{"labor", "day"}, nthWeekday(1, 1, 9)},
	{[]string{"labour", "day"}, fixed(5, 1)},
	{[]string{"memorial", "day"}, nthWeekday(-1, 1, 5)},
	{[]string{"thanksgiving", "day"}, nthWeekday(4, 4, 11)},
	{[]string{"thanksgiving"}, nthWeekday(4, 4, 11)},
	{[]string{"presidents", "day"}, nthWeekday(3, 1, 2)},
	{[]string{"mother", "day"}, nthWeekday(2, 0, 5)},
	{[]string{"father", "day"}, nthWeekday(3, 0, 6)},
	{[]string{"election", "day"}, electionDay},
	{[]string{"good", "friday"}, fromEaster(-2)},
	{[]string{"holy", "saturday"}, fromEaster(-1)},
	{[]string{"easter", "sunday"}, fromEaster(0)},
	{[]string{"easter", "monday"}, fromEaster(1)},
	{[]string{"easter"}, fromEaster(0)},
	{[]string{"palm", "sunday"}, fromEaster(-7)},
	{[]string{"ash", "wednesday"}, fromEaster(-46)},
	{[]string{"ascension", "day"}, fromEaster(39)},
	{[]string{"pentecost"}, fromEaster(49)},
	{[]string{"whit", "monday"}, fromEaster(50)},
	{[]string{"heiligabend"}, fixed(12, 24)},
	{[]string{"weihnachten"}, fixed(12, 25)},
	{[]string{"silvester"}, fixed(12, 31)},
	{[]string{"neujahr"}, fixed(1, 1)},
	{[]string{"karfreitag"}, fromEaster(-2)},
	{[]string{"ostern"}, fromEaster(0)},
	{[]string{"ostersonntag"}, fromEaster(0)},
	{[]string{"ostermontag"}, fromEaster(1)},
	{[]string{"pfingsten"}, fromEaster(49)},
	{[]string{"pfingstmontag"}, fromEaster(50)},
	{[]string{"noël"}, fixed(12, 25)},
	{[]string{"pâques"}, fromEaster(0)},
	{[]string{"pentecôte"}, fromEaster(49)},
	{[]string{"toussaint"}, fixed(11, 1)},
	{[]string{"nochebuena"}, fixed(12, 24)},
	{[]string{"navidad"}, fixed(12, 25)},
	{[]string{"nochevieja"}, fixed(12, 31)},
}

// holidayStarts holds the first word of every holiday name.
var holidayStarts = func() map[string]bool {
	s := map[string]bool{}
	for _, h := range holidays {
		s[h.words[0]] = true
	}
	return s
}()

// holiday matches a holiday name, with a year ("Christmas 2012",
// "Easter of 2013") or placed in the year nearest ref by tense. Names
// that are ordinary words ("may day", "easter egg") must be capitalised.
func (f *finder) holiday(i int) (hit, bool) {
	if !f.tok(i).caps || !holidayStarts[f.tok(i).low] {
		return hit{}, false
	}
	for _, h := range holidays {
		if !f.phrase(i, h.words) {
			continue
		}
		j := i + len(h.words)
		if f.isWord(j, "egg", "eggs", "bunny", "island", "tree", "trees", "card", "cards", "dinner", "market", "markets", "shopping", "party") {
			return hit{}, false // a thing named after the day, not the day
		}
		k := j
		if f.isWord(k, "of") || f.isPunct(k, ",") {
			k++
		}
		if y, ok := f.year(k); ok {
			return hit{first: i, last: k, next: k + 1, date: h.rule(y), gran: Day}, true
		}
		if !f.hasRef {
			return hit{}, false
		}
		tense := f.tense(i)
		var best time.Time
		var bestCost time.Duration = -1
		for y := f.ref.Year() - 1; y <= f.ref.Year()+1; y++ {
			d := h.rule(y)
			if c := lean(d.Sub(f.ref), tense); bestCost < 0 || c < bestCost {
				best, bestCost = d, c
			}
		}
		return hit{first: i, last: j - 1, next: j, date: best, gran: Day, rel: true}, true
	}
	return hit{}, false
}
