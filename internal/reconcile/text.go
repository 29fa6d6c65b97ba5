package reconcile

import (
	"cmp"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// fold and words are lex's Fold and Words under the short names the
// package's many callers use.
var (
	fold  = lex.Fold
	words = lex.Words
)

// stem reduces a folded word to a crude language-neutral stem: English
// inflections are cut by the Snowball English stemmer
// (github.com/kljensen/snowball), then the word is truncated to five letters.
// Truncation is what lets cognates across languages and the odd spellings
// of machine translation ("ministre", "minister", "ministro") meet.
func stem(w string) string {
	w = lex.Stem("en", w)
	n := 0
	for i := range w {
		if n == 5 {
			return w[:i]
		}
		n++
	}
	return w
}

// contentStems returns the stems of the content words of s: folded, not
// stopwords, not pure numbers, at least three letters.
func contentStems(s string) []string { return stemsOf(words(s)) }

// stemsOf is contentStems of words already split.
func stemsOf(ws []string) []string {
	var out []string
	for _, w := range ws {
		f := fold(w)
		if utf8.RuneCountInString(f) < 3 || lex.IsStop(f) || isNumber(f) {
			continue
		}
		out = append(out, stem(f))
	}
	return out
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// abbreviations end with a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "gov": true, "sen": true, "rep": true, "jr": true, "sr": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "no": true, "vs": true, "etc": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "mme": true, "m": true, "sr.": true, "sra": true, "hr": true,
	"rev": true, "fr": true, "mt": true, "ft": true, "approx": true, "est": true, "dept": true, "univ": true,
}

// splitSentences is the fallback splitter for analyses that carry no
// Sentences: it cuts after . ! ? (and closing quotes or brackets) when
// followed by whitespace and an upper-case letter, digit or quote, except
// after a known abbreviation or a single initial; and at blank lines.
func splitSentences(text string) []news.Span {
	var out []news.Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, news.Span{Start: s, End: e})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				emit(i)
				i = j
			}
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(text) && strings.ContainsRune(`"')]’”»`, rune(text[end])) {
			end++
		}
		// Multi-byte closing quotes.
		for _, q := range []string{"”", "’", "»"} {
			if strings.HasPrefix(text[end:], q) {
				end += len(q)
			}
		}
		if end >= len(text) {
			break
		}
		if !isSpaceByte(text[end]) {
			continue
		}
		next := end
		for next < len(text) && isSpaceByte(text[next]) {
			next++
		}
		if next >= len(text) {
			break
		}
		r, _ := utf8.DecodeRuneInString(text[next:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘«(`, r)) {
			continue
		}
		if c == '.' {
			ws := strings.LastIndexFunc(text[:i], func(r rune) bool { return !(unicode.IsLetter(r) || r == '.') })
			prev := text[ws+1 : i]
			if abbreviations[strings.ToLower(prev)] || utf8.RuneCountInString(prev) == 1 || strings.Contains(prev, ".") {
				continue
			}
		}
		emit(end)
		i = end - 1
	}
	emit(len(text))
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// titleSeparators split a headline from the outlet name that many sites
// append ("Blinken lands in Amman - Reuters").
var titleSeparators = []string{" - ", " | ", " — ", " – ", " :: ", " · "}

// cleanTitle strips outlet suffixes and wire prefixes from a headline. A
// trailing segment is dropped when it is short (at most four words) and
// either names the outlet (shares a token with the source host) or looks
// like a masthead (every word capitalised). Segments are never dropped when
// that would leave nothing.
func cleanTitle(title, source string) string {
	t := strings.Join(strings.Fields(title), " ")
	for _, p := range []string{"UPDATE ", "BREAKING: ", "BREAKING ", "LIVE: ", "EXCLUSIVE: "} {
		if strings.HasPrefix(strings.ToUpper(t), p) {
			rest := t[len(p):]
			// "UPDATE 2-Blinken ..." carries a counter and dash.
			if p == "UPDATE " {
				k := strings.IndexAny(rest, "-:")
				if k < 0 || k > 3 {
					continue
				}
				rest = rest[k+1:]
			}
			t = strings.TrimSpace(rest)
		}
	}
	hostTokens := map[string]bool{}
	for _, w := range words(fold(source)) {
		if len(w) >= 3 && w != "www" && w != "com" && w != "org" && w != "net" && w != "news" {
			hostTokens[w] = true
		}
	}
	for {
		cut := -1
		sep := ""
		for _, s := range titleSeparators {
			if k := strings.LastIndex(t, s); k > cut {
				cut, sep = k, s
			}
		}
		if cut <= 0 {
			break
		}
		tail := strings.TrimSpace(t[cut+len(sep):])
		ws := words(tail)
		if len(ws) == 0 || len(ws) > 4 {
			break
		}
		names := false
		masthead := true
		for _, w := range ws {
			f := fold(w)
			if hostTokens[f] || (len(hostTokens) > 0 && len(f) >= 4 && anyPrefix(hostTokens, f)) {
				names = true
			}
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				masthead = false
			}
		}
		if !names && !masthead {
			break
		}
		t = strings.TrimSpace(t[:cut])
	}
	return t
}

func anyPrefix(set map[string]bool, w string) bool {
	for k := range set {
		if strings.HasPrefix(k, w) || strings.HasPrefix(w, k) {
			return true
		}
	}
	return false
}

// countClass maps words that say what a number counts to one class, so
// "12 dead", "15 people were killed" and "quince muertos" compare as the
// same slot. The list is the domain's vocabulary, not any article's.
var countClass = func() map[string]string {
	m := map[string]string{}
	add := func(class string, ws string) {
		for _, w := range strings.Fields(ws) {
			m[w] = class
		}
	}
	add("dead", `dead death deaths died die dies killed kill killing fatalities fatality bodies lives toll
		morts mort tues tue deces victimes muertos muertas muerto fallecidos fallecidas murieron tote toten getotet getoetet starben`)
	add("injured", `injured injuries injury wounded hurt hospitalised hospitalized casualties
		blesses blesse heridos heridas verletzte verletzt`)
	add("missing", `missing disparus desaparecidos vermisst vermisste`)
	add("arrested", `arrested arrests detained detentions interpellations arretes detenidos festgenommen`)
	add("magnitude", `magnitude richter magnitud`)
	add("evacuated", `evacuated evacuees displaced evacues evacuados evakuiert`)
	return m
}()

// maxTitle is the longest title, in bytes, made from a sentence.
const maxTitle = 90

// shorten cuts s at the last word boundary before max bytes and marks the
// cut with an ellipsis; a trailing period is dropped, as in headlines.
func shorten(s string, max int) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// boilerplatePrefixes open the lines sites and agencies add around a story
// (credits, copyright, update stamps, calls to action); they are no claim.
var boilerplatePrefixes = []string{
	"reporting by", "additional reporting", "editing by", "writing by", "compiled by", "copyright", "©",
	"all rights reserved", "originally published", "updated", "last updated", "read more", "click here",
	"sign up", "follow us", "subscribe", "related:", "advertisement",
	// Notes on the article itself: updates and corrections.
	"this article", "this story", "this version", "an earlier version", "correction:",
	"editor's note", "editor’s note", "dieser artikel", "dieser beitrag", "cet article", "este articulo", "este artículo",
}

// heading reports whether a "sentence" is a heading, not a statement of
// the body: the article's own title repeated, or a short line that ends
// without a sentence's closing punctuation (a section heading, a
// caption's label, a teaser).
func heading(s, title string) bool {
	s = strings.TrimSpace(s)
	if title != "" && strings.EqualFold(s, strings.TrimSpace(title)) {
		return true
	}
	if strings.Contains(s, "\n") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?…\"”»'’:;)。", last) {
		return false
	}
	return len(strings.Fields(s)) <= 14
}

// boilerplate reports whether a sentence is a credit or site line, or
// other page furniture the extractor knows (bylines, picture credits,
// prompts).
func boilerplate(s string) bool {
	f := strings.ToLower(strings.TrimLeft(s, " \t\"'“(-—"))
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return strings.Contains(f, "all rights reserved") || extract.Furniture(s)
}

// shared yields, in order, the elements two sorted slices without repeats
// share: the intersection the set measures of claims and facts are built on.
func shared[T cmp.Ordered](a, b []T) iter.Seq[T] {
	return func(yield func(T) bool) {
		i, j := 0, 0
		for i < len(a) && j < len(b) {
			switch {
			case a[i] < b[j]:
				i++
			case b[j] < a[i]:
				j++
			default:
				if !yield(a[i]) {
					return
				}
				i++
				j++
			}
		}
	}
}
