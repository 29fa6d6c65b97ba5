package lex

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// Stem returns the Snowball stem (github.com/kljensen/snowball) of a
// lower-case word of language lang (an ISO 639-1 code: "en", "fr", "es",
// "ru"); a word of a language Snowball has no stemmer for here, and a
// stop word, is returned as it is.
func Stem(lang, w string) string {
	var s string
	switch lang {
	case "en":
		s = english.Stem(w, false)
	case "fr":
		s = french.Stem(w, false)
	case "es":
		s = spanish.Stem(w, false)
	case "ru":
		s = russian.Stem(w, false)
	default:
		return w
	}
	if s == "" {
		return w
	}
	return s
}

// StemLight is a deliberately small English suffix stripper: it folds the
// plural and verb endings that make the same word look different across
// reports ("quakes"/"quake", "killed"/"kill") and leaves the rest alone.
// The clusterer's features use it: its model was trained on these stems.
func StemLight(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return w[:n-1]
	}
	return w
}
