package lex

import (
	"unicode"
	"unicode/utf8"
)

// A word is a run of letters, digits, marks and private-use characters;
// a Han, Hiragana or Katakana character is a word by itself, since those
// scripts do not separate words with spaces. Everything else (spaces,
// punctuation, apostrophes, hyphens, invalid bytes) separates words, so
// "l'État" is "l" and "État", and "al-Sudani" is "al" and "Sudani".

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r)
}

func isUnigramRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// asciiWord marks the ASCII letters and digits, the word runes of ASCII.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// EachWord calls fn with every word of s, as written, and its byte span
// in s, until fn returns false. ASCII bytes take a table lookup; the
// Unicode tables are asked only for other runes.
func EachWord(s string, fn func(w string, start, end int) bool) {
	start := -1
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				if !fn(s[start:i], start, i) {
					return
				}
				start = -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = ' ' // invalid byte: a separator
		}
		switch {
		case isUnigramRune(r):
			if start >= 0 {
				if !fn(s[start:i], start, i) {
					return
				}
				start = -1
			}
			if !fn(s[i:i+size], i, i+size) {
				return
			}
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				if !fn(s[start:i], start, i) {
					return
				}
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		fn(s[start:], start, len(s))
	}
}

// Words returns the words of s (see EachWord), as written.
func Words(s string) []string {
	out := make([]string, 0, len(s)/6+1)
	EachWord(s, func(w string, _, _ int) bool {
		out = append(out, w)
		return true
	})
	return out
}
