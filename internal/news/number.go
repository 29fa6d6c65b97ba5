package news

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes a figure for people: whole numbers with thousands
// separators (10,000,000, never 1e+07), others in plain decimal notation.
// JSON keeps the plain number.
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	digits := strconv.FormatInt(int64(math.Abs(v)), 10)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// FormatLabel writes the whole numbers of a figure's label for people, as
// FormatNumber does ("10000000 euro" → "10,000,000 euro", "6000000–10000000
// euro" → "6,000,000–10,000,000 euro"); decimals ("6.1 magnitude") and
// numbers already grouped are left as they are.
func FormatLabel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		run := s[i:j]
		attached := (i > 0 && (s[i-1] == '.' || s[i-1] == ',')) || (j < len(s) && (s[j] == '.' || s[j] == ',') && j+1 < len(s) && isDigit(s[j+1]))
		if v, err := strconv.ParseInt(run, 10, 64); err == nil && !attached && run[0] != '0' {
			b.WriteString(FormatNumber(float64(v)))
		} else {
			b.WriteString(run)
		}
		i = j
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
