package whatlang

import "unicode"

// asciiStop holds isStopChar for ASCII, decided once.
var asciiStop = func() (t [128]bool) {
	for r := range rune(128) {
		t[r] = isStopCharSlow(r)
	}
	return t
}()

// isStopChar returns true if r is space, punctuation or digit.
func isStopChar(r rune) bool {
	if r < 128 {
		return asciiStop[r]
	}
	return isStopCharSlow(r)
}

func isStopCharSlow(r rune) bool {
	return unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r)
}

// abs returns the absolute value of x.
func abs(n int) int {
	if n < 0 {
		return n * -1
	}
	return n
}
