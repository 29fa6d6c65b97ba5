package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

// langWindow is how many bytes of text DetectLang reads.
const langWindow = 1024

// Title inference limits.
const (
	maxHeadline = 200 // runes: a longer first line is a paragraph
	maxTitle    = 100 // runes kept of a first sentence used as title
)

// Normalize trims and validates a and fills what the input lacked,
// recording each guessed field in a.Inferred:
//
//   - ID: "a" + 16 hex digits of the SHA-256 of the URL, or of the
//     normalised text when there is no URL, so re-ingesting the same
//     article gives the same id;
//   - Hash (always): hex SHA-256 of the outlet and of the text lower-cased
//     with all whitespace runs collapsed to one space, so copies that
//     differ only in spacing or case hash alike, while one wire story
//     republished by several outlets stays several articles;
//   - Title: the first line when it looks like a headline, else the first
//     sentence cut to about 100 characters at a word boundary;
//   - Published: timex.Published on the text; left zero when the text
//     gives no credible date (never the file's mtime, which says when the
//     file was copied, not when the article was written);
//   - Lang: detected with whatlanggo (ISO 639-1); a given tag such as
//     "en-US" is cut to "en";
//   - Source: the URL's host without "www.".
//
// An Image is kept as an absolute http or https URL, a relative one
// resolved against URL; any other (a data: or javascript: URL, or a
// relative one without URL) is dropped, as no page could show it.
//
// Bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069,
// U+200E, U+200F, U+061C) are removed from ID, Source and URL.
//
// A text or a title is required (an archive's record may be a headline
// alone), and the text must be valid UTF-8.
func Normalize(a *news.Article) error {
	a.Text = strings.TrimSpace(strings.ReplaceAll(strings.TrimPrefix(a.Text, "\ufeff"), "\r\n", "\n"))
	if a.Text == "" && strings.TrimSpace(a.Title) == "" {
		return errors.New("missing text")
	}
	if !utf8.ValidString(a.Text) {
		return fmt.Errorf("text: invalid UTF-8 at byte %d", invalidAt([]byte(a.Text)))
	}
	// Bidirectional controls are dropped from the fields that name
	// things (an id or URL holding U+202E reads backwards on screen);
	// titles and texts keep theirs, and pages isolate them.
	a.ID = stripBidi(strings.TrimSpace(a.ID))
	a.Title = collapse(a.Title)
	a.Source = stripBidi(strings.TrimSpace(a.Source))
	a.URL = stripBidi(strings.TrimSpace(a.URL))
	a.Author = strings.TrimSpace(a.Author)
	a.Image = imageURL(stripBidi(strings.TrimSpace(a.Image)), a.URL)
	a.Lang = normLang(a.Lang)

	if a.Source == "" && a.URL != "" {
		if a.Source = news.OutletOf(a.URL); a.Source != "" {
			infer(a, "source")
		}
	}
	// The outlet is part of the hash: the same text from another outlet is
	// a syndicated copy, an article of its own that clustering marks as a
	// near-duplicate, not the same article ingested twice.
	h := sha256.New()
	io.WriteString(h, strings.ToLower(a.Source))
	h.Write([]byte{0})
	var idHash hash.Hash // of the normalised text alone, for an id without URL
	w := io.Writer(h)
	if a.ID == "" && a.URL == "" {
		idHash = sha256.New()
		w = io.MultiWriter(h, idHash)
	}
	writeNorm(w, a.Text)
	a.Hash = hex.EncodeToString(h.Sum(nil))
	if a.ID == "" {
		var s []byte
		if idHash != nil {
			s = idHash.Sum(nil)
		} else {
			sum := sha256.Sum256([]byte(a.URL))
			s = sum[:]
		}
		a.ID = "a" + hex.EncodeToString(s[:8])
		infer(a, "id")
	}
	if a.Title == "" {
		if a.Title = InferTitle(a.Text); a.Title != "" {
			infer(a, "title")
		}
	}
	if a.Published.IsZero() {
		if t, ok := timex.Published(a.Text); ok {
			a.Published = t
			infer(a, "published")
		}
	} else {
		a.Published = a.Published.UTC()
	}
	if a.Lang == "" {
		if a.Lang = DetectLang(a.Text); a.Lang != "" {
			infer(a, "lang")
		}
	}
	return nil
}

// imageURL returns img as an absolute http(s) URL, resolved against page
// when relative, or "".
func imageURL(img, page string) string {
	if img == "" || strings.ContainsAny(img, " \t\n\r") {
		return ""
	}
	u, err := url.Parse(img)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		base, err := url.Parse(page)
		if err != nil || !base.IsAbs() {
			return ""
		}
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// infer records field as guessed, once.
func infer(a *news.Article, field string) {
	if !slices.Contains(a.Inferred, field) {
		a.Inferred = append(a.Inferred, field)
	}
}

// writeNorm writes s to w lower-cased, with its white space runs
// collapsed to one space and trimmed, as the content hash reads it. It
// goes through a small buffer rather than building the normalised copy of
// the whole text.
func writeNorm(w io.Writer, s string) {
	var buf [4096]byte
	b := buf[:0]
	space, started := false, false
	for i := 0; i < len(s); {
		if len(b) > len(buf)-utf8.UTFMax-1 {
			w.Write(b)
			b = b[:0]
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				space = started
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			started = true
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			space = started
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
		started = true
	}
	w.Write(b)
}

// collapse trims s and collapses its whitespace runs (titles are one line).
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// normLang lower-cases a language tag and keeps its primary subtag.
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	return s
}

// DetectLang returns the ISO 639-1 code of the language of text, or ""
// when it cannot tell (too little text, or a language without a two-letter
// code). It reads the first 1 KiB: about 150 words, enough for a stable
// answer (on the real test pages it agrees with a 4 KiB window on every
// text in a natural language), while whatlanggo's time grows with the
// length it reads.
func DetectLang(text string) string {
	if len(text) > langWindow {
		text = text[:langWindow]
		for !utf8.ValidString(text) && len(text) > 0 {
			text = text[:len(text)-1]
		}
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 8 {
		return ""
	}
	guess := whatlanggo.Detect(text).Lang.Iso6391()
	// Trigrams are fooled by short texts full of names ("Estonia's Mart
	// Kivisaar met Sweden's foreign minister..." read as Norwegian); the
	// function words of a language, when they clearly point at one, are not.
	if fw := functionWordLang(text); fw != "" && fw != guess {
		return fw
	}
	return guess
}

// functionWords lists frequent words that belong to one language only
// among those listed (a word in two lists is dropped at init): articles,
// conjunctions, prepositions, auxiliaries.
var functionWords = func() map[string]string {
	lists := map[string]string{
		"en": "the and of to is was for that with said he she it at by from are were has have his her they this which would been",
		"de": "der die das und ist nicht den von mit sich des auf für im dem ein eine wurde sagte auch nach bei wie noch aus",
		"fr": "le la les et des est une dans du pour que qui pas sur au avec il ont été cette aux mais selon",
		"es": "el la los las y que por con una del se para es fue dijo al pero sus como más",
		"it": "il che di e per una del della non sono con è gli ha nel alla anche",
		"pt": "o os as que em um uma para com não do da foi são ao pela pelo",
		"nl": "het een van is dat op te met voor niet zijn werd ook bij naar",
		"sv": "och att det som är av för med till har inte om sig var",
		"nb": "og at det som er av for med til har ikke om seg var",
		"da": "og at det som er af for med til har ikke om sig var",
	}
	count := map[string]int{}
	owner := map[string]string{}
	for lang, ws := range lists {
		for _, w := range strings.Fields(ws) {
			count[w]++
			owner[w] = lang
		}
	}
	out := map[string]string{}
	for w, n := range count {
		if n == 1 {
			out[w] = owner[w]
		}
	}
	return out
}()

// functionWordLang returns the language whose function words text holds
// clearly more of (at least 5, and 3 times the next language), or "".
func functionWordLang(text string) string {
	hits := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if lang, ok := functionWords[w]; ok {
			hits[lang]++
		}
	}
	best, second, lang := 0, 0, ""
	for l, n := range hits {
		switch {
		case n > best || n == best && l < lang:
			best, second, lang = n, max(best, second), l
		case n > second:
			second = n
		}
	}
	if best >= 5 && best >= 3*second {
		return lang
	}
	return ""
}

// InferTitle picks a title for a text that came without one: the first
// line of the first three that reads as a headline (not a date line, at
// most 200 characters, not ending like a sentence, followed by more text),
// else the first sentence cut to about 100 characters at a word boundary.
func InferTitle(text string) string {
	text = strings.TrimSpace(text)
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if i >= 3 {
			break
		}
		line = collapse(line)
		if line == "" || isDateLine(line) {
			continue
		}
		if i+1 < len(lines) && isHeadline(line) {
			return line
		}
		break
	}
	// First sentence of the first non-date line.
	for _, line := range lines {
		line = collapse(line)
		if line == "" || isDateLine(line) {
			continue
		}
		return cut(firstSentence(line), maxTitle)
	}
	return ""
}

// isHeadline reports whether a line reads as a headline rather than a
// sentence of the body.
func isHeadline(line string) bool {
	n := utf8.RuneCountInString(line)
	if n < 3 || n > maxHeadline {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if last == '.' && !strings.HasSuffix(line, "...") || last == ',' || last == ';' || last == ':' {
		return false
	}
	return len(strings.Fields(line)) <= 30
}

// isDateLine reports whether a line is only a date ("May 2 , 2013 , 1 : 12
// PM"): such lines top many articles and are no title.
func isDateLine(line string) bool {
	ds := timex.Find(line, time.Time{}, "")
	if len(ds) == 0 {
		return false
	}
	rest := line[:ds[0].Start] + line[ds[0].End:]
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters <= 12
}

// firstSentence returns s up to its first sentence end: ".", "!" or "?"
// before a space and an upper-case letter (or the end), not after an
// initial or an abbreviation written with dots ("U.S.", "J.").
func firstSentence(s string) string {
	for i, r := range s {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		next := s[i+1:]
		if next != "" {
			if next[0] != ' ' {
				continue
			}
			n, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, " "))
			if !unicode.IsUpper(n) && !unicode.IsDigit(n) && n != '"' && n != '“' && n != '«' {
				continue
			}
		}
		word := s[strings.LastIndexByte(s[:i], ' ')+1 : i]
		if r == '.' && (utf8.RuneCountInString(word) <= 1 || strings.Contains(word, ".")) {
			continue
		}
		return s[:i+1]
	}
	return s
}

// clauseBreaks are where a shortened sentence may end best: after a clause,
// before an aside.
var clauseBreaks = []string{"; ", ": ", ", ", " – ", " — ", " - ", " ("}

// cut shortens s to at most about n runes, marking the cut with "…": at the
// last clause break of the second half when there is one, else at the last
// word boundary, never inside a word. Only a first word longer than n (or
// a text without spaces, such as Chinese) is cut between runes.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	t := string(runes[:n])
	// The next rune may be a space: then t ends at a word boundary already.
	atWord := unicode.IsSpace(runes[n])
	best := -1
	for _, sep := range clauseBreaks {
		if i := strings.LastIndex(t, sep); i > len(t)/2 && i > best {
			best = i
		}
	}
	switch {
	case best > 0:
		t = t[:best]
	case atWord:
	default:
		if i := strings.LastIndexFunc(t, unicode.IsSpace); i > 0 {
			t = t[:i]
		}
	}
	return strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r) }) + "…"
}
