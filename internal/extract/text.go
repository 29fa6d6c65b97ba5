package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// token is one word, number or punctuation mark of an article, with byte
// offsets into Article.Text.
type token struct {
	Start, End int
	Kind       tokKind
	Sent       int  // sentence index
	Cap        bool // starts with an upper-case letter (or is an "al-X" name part)
	Initial    bool // first word of its sentence or of a quotation
	Fold       string
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// tokenize splits text into tokens. Words keep inner hyphens, apostrophes
// and dotted abbreviations ("al-Sudani", "O'Brien", "U.S."); a French elided
// article is split off ("l'OTAN" → "l'", "OTAN") so the name stands alone.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case unicode.IsLetter(r):
			j := i + w
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
					j += w2
					continue
				}
				if (r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.') && j+w2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+w2:])
					if unicode.IsLetter(r3) {
						if r2 == '.' && !dottedAbbrev(text[i:j]) {
							break
						}
						if (r2 == '\'' || r2 == '’') && elision(text[i:j]) {
							j += w2
							break
						}
						j += w2
						continue
					}
				}
				break
			}
			// "U.S." keeps its final dot.
			if j < len(text) && text[j] == '.' && dottedAbbrev(text[i:j]) && containsByte(text[i:j], '.') {
				j++
			}
			// "Halcro's": the possessive is not part of the name.
			if j-i > 3 && (text[j-1] == 's' || text[j-1] == 'S') {
				if text[j-2] == '\'' {
					toks = append(toks, token{Start: i, End: j - 2, Kind: tWord}, token{Start: j - 2, End: j, Kind: tPunct})
					i = j
					continue
				}
				if j-i > 5 && text[j-4:j-1] == "’" {
					toks = append(toks, token{Start: i, End: j - 4, Kind: tWord}, token{Start: j - 4, End: j, Kind: tPunct})
					i = j
					continue
				}
			}
			// "CDU-Chef", "US-led", "EU-Kommission": an acronym glued to a
			// word by a hyphen stands alone.
			if h := acronymPrefix(text[i:j]); h > 0 {
				toks = append(toks, token{Start: i, End: i + h, Kind: tWord}, token{Start: i + h, End: i + h + 1, Kind: tPunct})
				i += h + 1
				continue
			}
			toks = append(toks, token{Start: i, End: j, Kind: tWord})
			i = j
		case unicode.IsDigit(r):
			j := i + w
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == '.' || c == ',') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			toks = append(toks, token{Start: i, End: j, Kind: tNum})
			i = j
		default:
			toks = append(toks, token{Start: i, End: i + w, Kind: tPunct})
			i += w
		}
	}
	return toks
}

// acronymPrefix returns the length of an all-capitals prefix of two or
// more letters followed by a hyphen and a letter ("CDU-Chef" → 3), or 0.
func acronymPrefix(w string) int {
	n := 0
	for n < len(w) && w[n] >= 'A' && w[n] <= 'Z' {
		n++
	}
	if n < 2 || n+1 >= len(w) || w[n] != '-' {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(w[n+1:])
	if !unicode.IsLetter(r) {
		return 0
	}
	return n
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}

// dottedAbbrev reports whether s is a run of single letters joined by dots
// ("U", "U.S", "U.N").
func dottedAbbrev(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			n = 0
			continue
		}
		n++
		if n > 1 {
			return false
		}
	}
	return true
}

// elision reports whether s is a French or Italian elided article or
// preposition written before an apostrophe ("l", "d", "qu", "dell").
func elision(s string) bool {
	switch s {
	case "l", "L", "d", "D", "qu", "Qu", "j", "J", "n", "N", "s", "S", "c", "C", "m", "M", "t", "T", "jusqu", "lorsqu", "dell", "all", "dall", "nell", "sull":
		return true
	}
	return false
}

// sentences splits text into sentence spans and sets tok.Sent and
// tok.Initial. A sentence ends at ".", "!" or "?" followed by space and an
// upper-case letter, digit or quote, unless the word before is an
// abbreviation ("Mr.", "Gen.", "U.S.") or the period of an ordinal number
// in a language that writes one ("am 16. Dezember", "der 3. Tag"); a line
// break always ends one.
func sentences(text string, toks []token, lang string) []news.Span {
	var spans []news.Span
	start := -1
	sent := 0
	newSent := true
	for i := range toks {
		t := &toks[i]
		if start < 0 {
			start = t.Start
		}
		t.Sent = sent
		if newSent && t.Kind != tPunct {
			t.Initial = true
			newSent = false
		}
		end := false
		if t.Kind == tPunct {
			c := text[t.Start]
			if c == '.' || c == '!' || c == '?' {
				end = nextStartsSentence(text, toks, i)
				if c == '.' && i > 0 && toks[i-1].End == t.Start && isAbbrev(text[toks[i-1].Start:toks[i-1].End]) {
					end = false
				}
				if end && c == '.' && ordinalDot(text, toks, i, lang) {
					end = false
				}
			}
			if isOpenQuote(text[t.Start:t.End]) {
				newSent = true
			}
			// "ZURICH, Dec 16 (Nordic Wire) - Water used...", "PARIS — The
			// ...": after a dateline's dash the report's first sentence
			// begins, capitalised as any.
			if isDash(text[t.Start:t.End]) && i > 0 && (text[toks[i-1].Start] == ')' || allCaps(text[toks[i-1].Start:toks[i-1].End])) {
				newSent = true
			}
		}
		// Line break after this token ends the sentence.
		if !end && i+1 < len(toks) {
			for k := t.End; k < toks[i+1].Start; k++ {
				if text[k] == '\n' {
					end = true
					break
				}
			}
		}
		if end || i == len(toks)-1 {
			e := t.End
			// Closing quotes belong to the sentence they close.
			for i+1 < len(toks) && toks[i+1].Start == e && isCloseQuote(text[toks[i+1].Start:toks[i+1].End]) && !end {
				break
			}
			spans = append(spans, news.Span{Start: start, End: e})
			start = -1
			sent++
			newSent = true
		}
	}
	return spans
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" || s == "--" }

// allCaps reports a word of two or more letters, all upper case.
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

func nextStartsSentence(text string, toks []token, i int) bool {
	j := i + 1
	// Skip closing quotes and brackets glued to the period.
	for j < len(toks) && toks[j].Kind == tPunct && toks[j].Start == toks[j-1].End && (isCloseQuote(text[toks[j].Start:toks[j].End]) || text[toks[j].Start] == ')') {
		j++
	}
	if j >= len(toks) {
		return true
	}
	if toks[j].Start == toks[j-1].End {
		return false // "3.5" or "e.g" inside a word
	}
	r, _ := utf8.DecodeRuneInString(text[toks[j].Start:])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenQuote(string(r)) || r == '(' || r == '-' || r == '—'
}

func isOpenQuote(s string) bool {
	switch s {
	case "\"", "“", "«", "„", "‚", "‹":
		return true
	}
	return false
}

func isCloseQuote(s string) bool {
	switch s {
	case "\"", "”", "»", "“", "‘", "’", "›":
		return true
	}
	return false
}
