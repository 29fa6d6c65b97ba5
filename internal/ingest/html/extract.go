// Package html turns one news web page into a news.Article: the article's
// main text without navigation, ads or comments, and its metadata (title,
// author, publication date, outlet, canonical URL, language).
//
// Pages are parsed by golang.org/x/net/html. The main text comes from
// readability (codeberg.org/readeck/go-readability), the same algorithm as
// Firefox's reader view; trafilatura is tried only when
// readability finds little, because it is several times slower. Metadata is
// read from the page's own declarations (meta tags, JSON-LD, <html lang>)
// first, since those are exact; go-htmldate is used to find a date only when
// the page declares none, and such a date is recorded as inferred.
package html // import "github.com/dossier-news/dossier/internal/ingest/html"

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

// MaxPageSize is the largest page Extract reads; a larger page is refused
// rather than held in memory whole.
const MaxPageSize = 16 << 20

// minText is the least number of characters of article text that counts as
// usable. Shorter results are navigation crumbs or cookie banners, not news.
const minText = 80

// fallbackBelow is the text length under which readability is taken to have
// found little, and trafilatura is tried as well.
const fallbackBelow = 400

// ErrNoText is wrapped by the error Extract returns for a page without
// usable article text.
var ErrNoText = errors.New("no usable article text")

// Extract reads one HTML page and returns its article. The charset is taken
// from a byte-order mark or a <meta> declaration, else the bytes are taken as
// UTF-8 when valid and windows-1252 otherwise (the HTML standard's rules).
func Extract(r io.Reader, pageURL string) (*news.Article, error) {
	return ExtractWithCharset(r, pageURL, "")
}

// ExtractWithCharset is Extract for a page whose HTTP Content-Type header is
// known; a charset it declares takes precedence over the page's own <meta>,
// except when it claims UTF-8 for bytes that are not UTF-8 (a common server
// misconfiguration), where the page's declaration is used instead.
func ExtractWithCharset(r io.Reader, pageURL, contentType string) (*news.Article, error) {
	page, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("html %s: read: %w", pageURL, err)
	}
	if len(page) > MaxPageSize {
		return nil, fmt.Errorf("html %s: page larger than %d bytes", pageURL, MaxPageSize)
	}
	return ExtractString(page, pageURL, contentType)
}

// ExtractString is ExtractWithCharset for a page already in memory, as the
// raw bytes of a string (in whatever charset; decoded like the others).
// It saves callers that read the page whole a second copy of it.
func ExtractString(page, pageURL, contentType string) (*news.Article, error) {
	if len(page) > MaxPageSize {
		return nil, fmt.Errorf("html %s: page larger than %d bytes", pageURL, MaxPageSize)
	}
	text, err := decode(page, contentType)
	if err != nil {
		return nil, fmt.Errorf("html %s: %w", pageURL, err)
	}
	a, err := extractString(text, pageURL)
	if err != nil {
		return nil, fmt.Errorf("html %s: %w", pageURL, err)
	}
	return a, nil
}

// decode converts a raw page (bytes in a string) to valid UTF-8.
func decode(raw, contentType string) (string, error) {
	// The encoding sniffer looks at no more than the first 1024 bytes.
	head := []byte(raw[:min(len(raw), 1024)])
	enc, name, _ := charset.DetermineEncoding(head, contentType)
	if name == "utf-8" && !utf8.ValidString(trimBOM(raw)) && contentType != "" {
		// The header said UTF-8 (or nothing usable) but the bytes disagree:
		// look at what the page itself declares.
		enc, name, _ = charset.DetermineEncoding(head, "")
	}
	if name != "utf-8" && isMultibyteUTF8(raw) {
		// Declared as a legacy charset, but the bytes are valid UTF-8 with
		// non-ASCII sequences: legacy-charset text practically never is,
		// so the declaration is wrong (a CMS that re-encoded its pages).
		name = "utf-8"
	}
	s := trimBOM(raw)
	if name != "utf-8" && !(isASCII(raw) && asciiCompatible(name)) {
		var err error
		s, err = enc.NewDecoder().String(raw)
		if err != nil {
			return "", fmt.Errorf("decode charset %s: %w", name, err)
		}
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s, nil
}

// readAll reads up to MaxPageSize+1 bytes of r into a string. The bytes
// go straight into the string's own memory (a strings.Builder hands over
// its buffer): one copy, and nothing shared with a buffer that is reused,
// so a substring kept from the page can never change under its holder.
// A reader that knows its length (bytes.Reader, strings.Reader) is read
// into a buffer of exactly that size, in one write.
func readAll(r io.Reader) (string, error) {
	var sb strings.Builder
	if l, ok := r.(interface{ Len() int }); ok {
		if l.Len() > MaxPageSize {
			return "", fmt.Errorf("page larger than %d bytes", MaxPageSize)
		}
		sb.Grow(l.Len())
		if wt, ok := r.(io.WriterTo); ok {
			_, err := wt.WriteTo(&sb)
			return sb.String(), err
		}
	}
	_, err := io.Copy(&sb, io.LimitReader(r, MaxPageSize+1))
	return sb.String(), err
}

// isASCII reports whether s holds only 7-bit bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiCompatible reports whether the encoding named (a WHATWG name, as
// charset.DetermineEncoding returns) decodes 7-bit bytes to the same ASCII
// characters, so that a pure-ASCII page needs no decoding. The exceptions
// are UTF-16, ISO-2022-JP (escape sequences switch character sets) and the
// replacement encoding.
func asciiCompatible(name string) bool {
	switch name {
	case "utf-16be", "utf-16le", "iso-2022-jp", "replacement":
		return false
	}
	return true
}

// isMultibyteUTF8 reports whether s is valid UTF-8 and not plain ASCII.
func isMultibyteUTF8(s string) bool {
	s = trimBOM(s)
	return !isASCII(s) && utf8.ValidString(s)
}

func trimBOM(s string) string { return strings.TrimPrefix(s, "\xEF\xBB\xBF") }

func extractString(page, pageURL string) (a *news.Article, err error) {
	// The extractors are third-party code fed hostile input: a panic in
	// them becomes this page's error, not the end of a batch.
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("extractor failed on this page: %v", r)
		}
	}()
	u, err := nurl.Parse(pageURL)
	if err != nil || pageURL == "" {
		u = &nurl.URL{}
	}
	doc, err := xhtml.Parse(strippedReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	m := readMeta(doc, u)

	// Readability mutates the tree, so metadata and dates are read first.
	// The date search runs on the pruned tree: htmldate renders the whole
	// document to search it, and dates in menus, sidebars, footers and
	// related-story lists belong to other pages anyway.
	removeBoilerplate(doc)
	var published time.Time
	inferredDate := false
	if !m.published.IsZero() {
		published = m.published
	} else if d, ok := findDate(doc, firstNonEmpty(m.canonical, pageURL)); ok {
		published, inferredDate = d, true
	}
	focusArticle(doc)
	rp := readability.NewParser()
	// Its default logger formats every Info record for io.Discard; a
	// handler that is never enabled skips the formatting.
	rp.Logger = discardLogger
	// Only the article's text is taken (Text reads no class): stripping
	// classes is work for nothing.
	rp.KeepClasses = true
	ra, rerr := rp.ParseAndMutate(doc, u)
	body := ""
	if rerr == nil && ra.Node != nil {
		body = Text(ra.Node)
	}
	if len(body) < fallbackBelow {
		if tb := trafilaturaText(page, u); len(tb) > len(body) {
			body = tb
		}
	}
	if published.IsZero() {
		// A date written in the story's byline or dateline only, which
		// htmldate's fast mode does not read.
		if d, ok := timex.Published(body); ok {
			published, inferredDate = d, true
		}
	}
	body = trimEdgeLines(body)
	if utf8.RuneCountInString(body) < minText {
		n := utf8.RuneCountInString(body)
		if rerr != nil {
			return nil, fmt.Errorf("%w (readability: %v; trafilatura found %d characters)", ErrNoText, rerr, n)
		}
		return nil, fmt.Errorf("%w: found %d characters, need at least %d", ErrNoText, n, minText)
	}

	a = &news.Article{Text: body, Published: published, Origin: pageURL}
	if inferredDate {
		a.Inferred = append(a.Inferred, "published")
	}

	a.Title = clean(ra.Title())
	if a.Title == "" {
		a.Title = firstNonEmpty(m.ogTitle, m.title, m.h1)
	}
	if a.Title == "" {
		a.Title = titleFromText(body)
		a.Inferred = append(a.Inferred, "title")
	}

	a.Author = firstNonEmpty(m.author, byline(ra.Byline()))

	a.URL = pageURL
	if m.canonical != "" {
		a.URL = m.canonical
	}
	// The outlet is named by its host, as feeds and JSONL dumps name it, so
	// that one outlet's pages, feed items and archived copies count as one
	// when sources are weighed; the site's own name only when no URL is
	// known (a page saved without one).
	if h := news.OutletOf(a.URL); h != "" {
		a.Source = h
	} else if m.siteName != "" {
		a.Source = m.siteName
		a.Inferred = append(a.Inferred, "source")
	}
	a.Lang = m.lang
	a.Image = m.image
	return a, nil
}

var discardLogger = slog.New(slog.DiscardHandler)

// findDate runs go-htmldate in its fast mode (no free-text date parsing,
// which is slow and guesses), asking for the original publication date.
// The time keeps the page's own offset (see parseDate).
func findDate(doc *xhtml.Node, pageURL string) (time.Time, bool) {
	res, err := htmldate.FromDocument(doc, htmldate.Options{
		URL:                 pageURL,
		UseOriginalDate:     true,
		SkipExtensiveSearch: true,
		ExtractTime:         true,
	})
	if err != nil || res.IsZero() {
		return time.Time{}, false
	}
	return res.DateTime, true
}

// trafilaturaText is the fallback extractor; it parses the page afresh
// because readability has mutated the first tree (without scripts, styles,
// menus and drawings, which trafilatura drops as well).
func trafilaturaText(page string, u *nurl.URL) string {
	doc, err := xhtml.Parse(keepBlockSpace(page))
	if err != nil {
		return ""
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     u,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
		HtmlDateOverride: &htmldate.Result{
			// Dates are found by findDate; this keeps trafilatura from
			// running htmldate again.
			DateTime: time.Unix(0, 0),
		},
	})
	if err != nil || res == nil || res.ContentNode == nil {
		return ""
	}
	return Text(res.ContentNode)
}

// byline tidies readability's byline ("By Jane Doe, Reporter").
func byline(s string) string {
	s = clean(s)
	for _, p := range []string{"By ", "by ", "BY "} {
		s = strings.TrimPrefix(s, p)
	}
	if len(s) > 120 { // a paragraph mistaken for a byline
		return ""
	}
	return s
}

// titleFromText takes the first line of the text, cut at a word boundary.
func titleFromText(body string) string {
	line, _, _ := strings.Cut(body, "\n")
	if utf8.RuneCountInString(line) <= 100 {
		return line
	}
	r := []rune(line)[:100]
	s := string(r)
	if i := strings.LastIndexByte(s, ' '); i > 40 {
		s = s[:i]
	}
	return s + "…"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = clean(s); s != "" {
			return s
		}
	}
	return ""
}

// clean collapses runs of white space and trims.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// mediaType returns the lower-case media type of a Content-Type header.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// IsHTML reports whether a Content-Type header names an HTML page.
func IsHTML(contentType string) bool {
	mt := mediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml"
}
