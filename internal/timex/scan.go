package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token kinds.
const (
	tWord  = 'w'
	tNum   = 'n'
	tPunct = 'p'
)

// token is one word, number or punctuation rune of the text. Spaces
// separate tokens but are not tokens, so "May 2, 2013" and the
// corpus-tokenised "May 2 , 2013" scan alike.
type token struct {
	start, end int // byte offsets
	kind       byte
	low        string // lower case; elided article and possessive stripped for words
	val        int    // value of a number
	ndig       int    // digits of a number
	ord        bool   // number carries an ordinal suffix ("3rd", "1er")
	caps       bool   // word starts with an upper-case letter
	nl         bool   // a line break precedes the token
}

// ordinalSuffixes are the letters that may follow a day number.
var ordinalSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true, "er": true, "re": true, "e": true, "eme": true, "ème": true, "º": true, "ª": true, "o": true, "a": true}

// scan splits text into tokens. Offsets always fall on the boundaries that
// ranging over the string yields, so they are valid even in invalid UTF-8.
func scan(text string) []token {
	toks := make([]token, 0, len(text)/5)
	nl := true
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\r':
			nl = true
			i += w
		case unicode.IsSpace(r):
			i += w
		case r >= '0' && r <= '9':
			j := i
			val := 0
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if val < 1e8 {
					val = val*10 + int(text[j]-'0')
				}
				j++
			}
			t := token{start: i, end: j, kind: tNum, val: val, ndig: j - i, nl: nl}
			// An ordinal suffix is a short letter run right after the digits.
			k := j
			for k < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[k:])
				if !unicode.IsLetter(r2) {
					break
				}
				k += w2
			}
			if k > j && ordinalSuffixes[strings.ToLower(text[j:k])] {
				t.end, t.ord = k, true
			}
			t.low = text[i:t.end]
			toks = append(toks, t)
			nl = false
			i = t.end
		case unicode.IsLetter(r):
			j := i + w
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += w2
					continue
				}
				// An apostrophe inside a word keeps it whole: "aujourd'hui", "l'année".
				if r2 == '\'' || r2 == '’' {
					r3, _ := utf8.DecodeRuneInString(text[j+w2:])
					if unicode.IsLetter(r3) {
						j += w2
						continue
					}
				}
				break
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, low: wordKey(text[i:j]), caps: unicode.IsUpper(r), nl: nl})
			nl = false
			i = j
		default:
			toks = append(toks, token{start: i, end: i + w, kind: tPunct, low: text[i : i+w], nl: nl})
			nl = false
			i += w
		}
	}
	return toks
}

// wordKey is the lookup form of a word: lower case, typographic apostrophe
// made plain, a French elided article ("l'année") and an English
// possessive ("Friday's") removed.
func wordKey(w string) string {
	s := strings.ToLower(w)
	if strings.ContainsRune(s, '’') {
		s = strings.ReplaceAll(s, "’", "'")
	}
	if strings.ContainsRune(s, '\'') {
		for _, p := range []string{"l'", "d'", "qu'"} {
			if strings.HasPrefix(s, p) && len(s) > len(p) {
				s = s[len(p):]
				break
			}
		}
		s = strings.TrimSuffix(s, "'s")
	}
	return s
}
