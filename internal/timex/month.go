package timex

import (
	"strings"
	"time"
)

// MonthName returns the month a word names in any language timex reads
// ("March", "März", "décembre", "dic"), ignoring case.
func MonthName(word string) (time.Month, bool) {
	m, ok := months[strings.ToLower(word)]
	return time.Month(m), ok
}

// CalendarWord reports whether a word names a month, a weekday or a day
// relative to today ("März", "Tuesday", "today", "hier"), ignoring case:
// the words a dateline is made of besides its place and numbers.
func CalendarWord(word string) bool {
	w := strings.ToLower(word)
	_, m := months[w]
	_, d := weekdays[w]
	_, r := dayWords[w]
	return m || d || r
}
