package lex

import "unicode"

// IsAcronym reports whether w is written like an acronym: two or more
// capitals and no lower-case letter. Dots, digits and hyphens may come
// between the capitals ("U.S.", "COVID-19").
func IsAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}
