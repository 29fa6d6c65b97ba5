package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/lex"
)

// Text search folds in Go rather than in the database so that SQLite and PostgreSQL index
// exactly the same tokens and the query is folded by the same code as the text. Tokens are
// lex's words (lex.EachWord) and are folded by lex.FoldSearch, the rule every existing index
// was built with; a Han, Hiragana or Katakana character is a word by itself, so a query word
// in those scripts is matched as a phrase of characters.

// maxIndexBytes bounds the folded text handed to the full-text index: PostgreSQL refuses a
// tsvector over 1 MB, and a longer "article" is not prose anyway.
const maxIndexBytes = 512 << 10

// foldText returns the folded tokens of s joined by single spaces: what the full-text index
// stores for s.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	lex.EachWord(s, func(tok string, _, _ int) bool {
		if asciiOnly(tok) {
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
		f := lex.FoldSearch(tok)
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

// asciiOnly reports whether s is all ASCII, whose words foldText lowers in place.
func asciiOnly(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
}

// foldKey is the key names are compared by in filters: "Zürich" and "ZURICH" give "zurich".
func foldKey(s string) string { return foldText(s) }

// queryTerm is one part of a search query: a phrase of folded tokens (one token for a plain
// word), the last of which may be a prefix.
type queryTerm struct {
	tokens []string
	prefix bool
}

// query is a parsed search query: every clause of all must match, a clause matching when any
// of its terms does, and none of the terms of none may match.
type query struct {
	all  [][]queryTerm
	none []queryTerm
}

// empty reports whether q finds nothing: it has no term that must match (a query of
// exclusions alone would list the whole store).
func (q query) empty() bool { return len(q.all) == 0 }

// positive returns the terms that may match, for snippets.
func (q query) positive() []queryTerm {
	var out []queryTerm
	for _, c := range q.all {
		out = append(out, c...)
	}
	return out
}

// maxQueryTerms bounds the terms (and the tokens of one term) a query keeps.
const maxQueryTerms = 16

// parseQuery reads a user's query. Words and "quoted phrases" must all match; a word ending
// in * is a prefix; a word that folds to several tokens (a CJK run, or "U.S.") is a phrase of
// them. OR between two terms lets either match (it binds tighter than the implied AND:
// "flood OR storm Ghent" is (flood OR storm) AND Ghent); NOT before a term, or a - glued to
// it ("-rumour", -"press release"), excludes it. The operators count only in capitals and
// between terms; elsewhere they are ignored, like every other character that is no part of
// a word, so no input is an error.
func parseQuery(q string) query {
	var out query
	n := 0
	orNext, notNext, lastNeg := false, false, false
	add := func(text string, prefix, neg bool) {
		var toks []string
		lex.EachWord(text, func(tok string, _, _ int) bool {
			if f := lex.FoldSearch(tok); f != "" {
				toks = append(toks, f)
			}
			return len(toks) < maxQueryTerms
		})
		neg = neg || notNext
		or := orNext
		notNext, orNext = false, false
		if len(toks) == 0 || n >= maxQueryTerms {
			return
		}
		n++
		t := queryTerm{tokens: toks, prefix: prefix}
		switch {
		case or && lastNeg, neg:
			// "NOT a OR b" excludes both: none is one alternative already.
			out.none = append(out.none, t)
			lastNeg = true
		case or && len(out.all) > 0:
			out.all[len(out.all)-1] = append(out.all[len(out.all)-1], t)
			lastNeg = false
		default:
			out.all = append(out.all, []queryTerm{t})
			lastNeg = false
		}
	}
	for q != "" {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		neg := false
		if len(q) > 1 && q[0] == '-' && !unicode.IsSpace(rune(q[1])) {
			neg, q = true, q[1:]
		}
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				add(q[1:], false, neg)
				break
			}
			phrase := q[1 : 1+end]
			q = q[end+2:]
			add(phrase, strings.HasPrefix(q, "*"), neg)
			continue
		}
		end := strings.IndexFunc(q, unicode.IsSpace)
		if end < 0 {
			end = len(q)
		}
		word := q[:end]
		q = q[end:]
		switch {
		case neg:
			add(word, strings.HasSuffix(word, "*"), true)
		case word == "OR":
			// Only between two terms: a leading OR, or OR OR, is nothing.
			orNext = n > 0 && !notNext
		case word == "NOT":
			notNext = true
		case word == "AND":
			// The default between terms.
		default:
			add(word, strings.HasSuffix(word, "*"), false)
		}
	}
	return out
}

// ftsPhrase renders one term as an FTS5 phrase: tokens contain no quote, so quoting each
// phrase is enough to keep FTS5 operators out.
func ftsPhrase(t queryTerm) string {
	s := `"` + strings.Join(t.tokens, " ") + `"`
	if t.prefix {
		s += "*"
	}
	return s
}

// ftsAny renders terms as alternatives, parenthesised when there are several.
func ftsAny(terms []queryTerm) string {
	if len(terms) == 1 {
		return ftsPhrase(terms[0])
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = ftsPhrase(t)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// ftsQuery renders q as an FTS5 MATCH expression ("" for an empty query). FTS5's NOT is
// binary, so the exclusions come last, as one alternative: (all) NOT (none).
func ftsQuery(q query) string {
	parts := make([]string, len(q.all))
	for i, c := range q.all {
		parts[i] = ftsAny(c)
	}
	s := strings.Join(parts, " AND ")
	if s == "" || len(q.none) == 0 {
		return s
	}
	if len(q.all) > 1 {
		s = "(" + s + ")"
	}
	return s + " NOT " + ftsAny(q.none)
}

// tsTerm renders one term for to_tsquery: tokens contain no quote or backslash, so
// single-quoting each one is enough.
func tsTerm(t queryTerm) string {
	toks := make([]string, len(t.tokens))
	for j, tok := range t.tokens {
		toks[j] = "'" + tok + "'"
		if t.prefix && j == len(t.tokens)-1 {
			toks[j] += ":*"
		}
	}
	return "(" + strings.Join(toks, " <-> ") + ")"
}

// tsQuery renders q as a PostgreSQL tsquery for to_tsquery('simple', ...) ("" for an empty
// query).
func tsQuery(q query) string {
	var parts []string
	for _, c := range q.all {
		alts := make([]string, len(c))
		for i, t := range c {
			alts[i] = tsTerm(t)
		}
		if len(alts) == 1 {
			parts = append(parts, alts[0])
		} else {
			parts = append(parts, "("+strings.Join(alts, " | ")+")")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	for _, t := range q.none {
		parts = append(parts, "!"+tsTerm(t))
	}
	return strings.Join(parts, " & ")
}

// snippet returns plain text around the first match of terms in text, or "" when none of the
// terms occurs in it. A match is the first token of any term (exact, or as a prefix).
func snippet(text string, terms []queryTerm) string {
	const before, after = 80, 160
	mStart, mEnd := -1, -1
	lex.EachWord(text, func(tok string, start, end int) bool {
		f := lex.FoldSearch(tok)
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
