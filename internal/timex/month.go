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
