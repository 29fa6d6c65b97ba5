package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Text search folds in Go rather than in the database so that SQLite and PostgreSQL index
// exactly the same tokens and the query is folded by the same code as the text. Folding:
// NFD, Unicode case folding (ß→ss, final ς→σ), drop nonspacing marks (the accents), map the
// few Latin letters that carry their stroke inside the code point, NFC again (so Hangul
// syllables recompose). Tokens are runs of letters, digits, marks and private-use characters;
// a Han, Hiragana or Katakana character is a token by itself, since those scripts do not
// separate words with spaces and a query word is then matched as a phrase of characters.

// maxIndexBytes bounds the folded text handed to the full-text index: PostgreSQL refuses a
// tsvector over 1 MB, and a longer "article" is not prose anyway.
const maxIndexBytes = 512 << 10

// strokeLetters maps letters that NFD does not decompose to their base letter.
var strokeLetters = map[rune]string{
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ħ': "h", 'Ħ': "h",
	'ı': "i", 'ŧ': "t", 'Ŧ': "t", 'ƒ': "f",
}

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

// eachToken calls fn with every token of s and its byte span in s. ASCII bytes take a
// table lookup; the Unicode tables are asked only for other runes.
func eachToken(s string, fn func(tok string, start, end int) bool) {
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

// foldToken folds one token (see the comment at the top of the file).
func foldToken(tok string) string {
	ascii := true
	for i := 0; i < len(tok); i++ {
		if tok[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(tok)
	}
	// Case folding first, then marks and stroke letters, so that a capital whose small
	// letter carries a stroke ("Ƒ" → "ƒ" → "f") folds as the small letter does.
	var b strings.Builder
	for _, r := range cases.Fold().String(norm.NFD.String(tok)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if s, ok := strokeLetters[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return cherokeeUpper(norm.NFC.String(b.String()))
}

// cherokeeUpper maps Cherokee small letters to the capitals that Unicode case folding maps
// them to: golang.org/x/text's Fold toggles Cherokee case instead (capitals to small
// letters, small to capitals), so folding twice would not give the same token (found by
// FuzzFoldText).
func cherokeeUpper(s string) string {
	if !strings.ContainsFunc(s, isCherokeeSmall) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xAB70 && r <= 0xABBF:
			return 0x13A0 + (r - 0xAB70)
		case r >= 0x13F8 && r <= 0x13FD:
			return 0x13F0 + (r - 0x13F8)
		}
		return r
	}, s)
}

func isCherokeeSmall(r rune) bool { return r >= 0xAB70 && r <= 0xABBF || r >= 0x13F8 && r <= 0x13FD }

// foldText returns the folded tokens of s joined by single spaces: what the full-text index
// stores for s.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	eachToken(s, func(tok string, _, _ int) bool {
		if isASCII(tok) {
			// Lower-cased in place: no string per token.
			if b.Len()+len(tok)+1 > maxIndexBytes {
				return false
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			for i := 0; i < len(tok); i++ {
				c := tok[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b.WriteByte(c)
			}
			return true
		}
		f := foldToken(tok)
		if f == "" {
			return true
		}
		if b.Len()+len(f)+1 > maxIndexBytes {
			return false
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
		return true
	})
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldKey is the key names are compared by in filters: "Zürich" and "ZURICH" give "zurich".
func foldKey(s string) string { return foldText(s) }

// queryTerm is one part of a search query: a phrase of folded tokens (one token for a plain
// word), the last of which may be a prefix.
type queryTerm struct {
	tokens []string
	prefix bool
}

// parseQuery splits a user's query into terms that must all match. "Quoted words" form a
// phrase; a word ending in * is a prefix; a word that folds to several tokens (a CJK run,
// or "U.S.") is a phrase of them. Everything else is ignored, so no input is an error.
func parseQuery(q string) []queryTerm {
	var terms []queryTerm
	add := func(text string, prefix bool) {
		var toks []string
		eachToken(text, func(tok string, _, _ int) bool {
			if f := foldToken(tok); f != "" {
				toks = append(toks, f)
			}
			return len(toks) < 16
		})
		if len(toks) > 0 && len(terms) < 16 {
			terms = append(terms, queryTerm{tokens: toks, prefix: prefix})
		}
	}
	for q != "" {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				add(q[1:], false)
				break
			}
			phrase := q[1 : 1+end]
			q = q[end+2:]
			prefix := strings.HasPrefix(q, "*")
			add(phrase, prefix)
			continue
		}
		end := strings.IndexFunc(q, unicode.IsSpace)
		if end < 0 {
			end = len(q)
		}
		word := q[:end]
		q = q[end:]
		add(word, strings.HasSuffix(word, "*"))
	}
	return terms
}

// ftsQuery renders terms as an FTS5 MATCH expression: tokens contain no quote, so quoting
// each phrase is enough to keep FTS5 operators out.
func ftsQuery(terms []queryTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.Join(t.tokens, " ") + `"`
		if t.prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " AND ")
}

// tsQuery renders terms as a PostgreSQL tsquery for to_tsquery('simple', ...). Tokens contain
// no quote or backslash, so single-quoting each one is enough.
func tsQuery(terms []queryTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		toks := make([]string, len(t.tokens))
		for j, tok := range t.tokens {
			toks[j] = "'" + tok + "'"
			if t.prefix && j == len(t.tokens)-1 {
				toks[j] += ":*"
			}
		}
		parts[i] = "(" + strings.Join(toks, " <-> ") + ")"
	}
	return strings.Join(parts, " & ")
}

// snippet returns plain text around the first match of terms in text, or "" when none of the
// terms occurs in it. A match is the first token of any term (exact, or as a prefix).
func snippet(text string, terms []queryTerm) string {
	const before, after = 80, 160
	mStart, mEnd := -1, -1
	eachToken(text, func(tok string, start, end int) bool {
		f := foldToken(tok)
		for _, t := range terms {
			first := t.tokens[0]
			if f == first || ((t.prefix && len(t.tokens) == 1) && strings.HasPrefix(f, first)) {
				mStart, mEnd = start, end
				return false
			}
		}
		return true
	})
	if mStart < 0 {
		return ""
	}
	return excerpt(text, mStart-before, mEnd+after)
}

// excerpt cuts text[from:to], widened or narrowed to rune and word boundaries, with
// whitespace collapsed and an ellipsis where text was cut.
func excerpt(text string, from, to int) string {
	from = max(from, 0)
	to = min(to, len(text))
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	cutStart, cutEnd := from > 0, to < len(text)
	s := text[from:to]
	if cutStart {
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 && i < 30 {
			s = s[i:]
		}
	}
	if cutEnd {
		if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 && len(s)-i < 30 {
			s = s[:i]
		}
	}
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if cutStart {
		s = "…" + s
	}
	if cutEnd {
		s += "…"
	}
	return s
}
