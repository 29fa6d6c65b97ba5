package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Caps on one JSON article, the same at every door that reads JSON
// articles: files and standard input (dossier ingest, analyse),
// POST /api/articles, dossier cluster and dossier eval. A field over its
// cap rejects the article with an *Error naming the field; nothing is cut
// silently. The caps sit far above real news (the longest title of the
// shared corpora is about 320 bytes, the longest URL about 300) and far
// below what would hurt the store or the pages.
const (
	MaxIDBytes     = 512  // "id"
	MaxTitleBytes  = 1024 // "title"
	MaxOutletBytes = 256  // "source", the outlet: a host name is at most 253 bytes
	MaxURLBytes    = 4096 // "url", and "image"
	MaxAuthorBytes = 512  // "author"
	MaxLangBytes   = 35   // "lang", a BCP 47 tag

	// MaxRequestArticles bounds the articles of one POST /api/articles
	// body; a larger batch is refused with 413 and must be split.
	MaxRequestArticles = 1000
)

// The encoded size of one article (its text included) is bounded by
// Decoder.MaxBytes, DefaultMaxBytes (8 MiB) unless set.

// ErrTooManyArticles is matched (errors.Is) by the *Error a Decoder
// reports when its input holds more than MaxArticles articles.
var ErrTooManyArticles = errors.New("too many articles")

// Decoder reads JSON articles: JSONL (one object per line), an array of
// objects, or objects one after another spread over lines (pretty-printed
// JSON), told apart by their first bytes. It is the one decoder of JSON
// articles in Dossier; every problem is reported as an *Error naming
// Name, the line, the array element and the field.
type Decoder struct {
	// Name names the input in errors: a file path, "-" for stdin, or ""
	// for a request body (errors then start with the line).
	Name string
	// MaxBytes bounds the encoded size of one article; 0 means
	// DefaultMaxBytes.
	MaxBytes int64
	// MaxArticles, when positive, bounds the articles of the input: the
	// next one ends the input with an *Error matching ErrTooManyArticles.
	MaxArticles int
	// RequireID rejects an article without an id (commands whose output
	// is keyed by id); otherwise Normalize infers one.
	RequireID bool
	// Gzip reads gzip-compressed input, recognised by its magic bytes.
	Gzip bool
	// Keep names fields outside the article format, such as the gold
	// labels "cluster" and "topic" of a labeled corpus, to hand back raw in
	// Record.Extra. Others are ignored: a label never reaches the
	// pipeline unless asked for.
	Keep []string
}

// Record is one decoded article, not yet normalised, and where it was.
type Record struct {
	Article news.Article
	Line    int // line where the article starts, from 1
	Element int // position in a JSON array, from 1; 0 outside arrays
	// Extra holds the Decoder.Keep fields present in the object.
	Extra map[string]json.RawMessage
}

// Decode reads r and calls fn for each article, with a *Record or with an
// *Error for an article that cannot be used; it then goes on with the
// next one. Input that cannot be read further (a read error, a broken
// array, an incomplete last object, too many articles) is reported to fn
// as a last *Error. Decode returns what fn returns to stop it, else nil.
func (d *Decoder) Decode(r io.Reader, fn func(rec *Record, err error) error) error {
	return d.Scan(r, func(line, element int, raw []byte, err error) error {
		if err != nil {
			return fn(nil, err)
		}
		rec := &Record{Line: line, Element: element}
		if field, err := d.record(raw, rec); err != nil {
			return fn(nil, &Error{Path: d.Name, Line: line, Element: element, Field: field, Err: err})
		}
		return fn(rec, nil)
	})
}

// Scan is Decode's framing without the article: it calls fn with the
// bytes of each JSON value of r (valid UTF-8 text, not yet parsed), where
// it starts, or an *Error, under the same limits. It is for JSONL files of
// other records that share the door (gold label files).
func (d *Decoder) Scan(r io.Reader, fn func(line, element int, raw []byte, err error) error) error {
	s := &scanner{d: d, fn: fn, limit: d.MaxBytes, line: 1}
	if s.limit <= 0 {
		s.limit = DefaultMaxBytes
	}
	err := s.run(r)
	var st scanStop
	if errors.As(err, &st) {
		return st.err
	}
	return err
}

// scanStop carries fn's error out of the scanner, or nil after a fatal
// problem fn was told of.
type scanStop struct{ err error }

func (s scanStop) Error() string { return fmt.Sprint(s.err) }

type scanner struct {
	d     *Decoder
	fn    func(line, element int, raw []byte, err error) error
	limit int64
	line  int // current line
	count int // values framed
	buf   []byte
}

// bad reports one bad value; the scan goes on unless fn says stop.
func (s *scanner) bad(line, element int, err error) error {
	if ferr := s.fn(line, element, nil, &Error{Path: s.d.Name, Line: line, Element: element, Err: err}); ferr != nil {
		return scanStop{ferr}
	}
	return nil
}

// fatal reports a problem that ends the input.
func (s *scanner) fatal(line, element int, err error) error {
	return scanStop{s.fn(line, element, nil, &Error{Path: s.d.Name, Line: line, Element: element, Err: err})}
}

// value hands one framed value on, after the count and text checks.
func (s *scanner) value(line, element int, raw []byte, size int64, what string) error {
	s.count++
	if s.d.MaxArticles > 0 && s.count > s.d.MaxArticles {
		return s.fatal(line, element, fmt.Errorf("%w: more than %d in one input", ErrTooManyArticles, s.d.MaxArticles))
	}
	if size > s.limit {
		return s.bad(line, element, tooLarge(size, s.limit))
	}
	if err := checkText(raw); err != nil {
		return s.bad(line, element, fmt.Errorf("%w of the %s", err, what))
	}
	if ferr := s.fn(line, element, raw, nil); ferr != nil {
		return scanStop{ferr}
	}
	return nil
}

func (s *scanner) run(r io.Reader) error {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if s.d.Gzip {
		if head, _ := br.Peek(2); isGzip(head) {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return s.fatal(0, 0, fmt.Errorf("gzip: %w", err))
			}
			defer zr.Close()
			br = bufio.NewReaderSize(gzipErrors{zr}, 64<<10)
		}
	}
	if head, _ := br.Peek(3); bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	c, err := s.skipSpace(br)
	if err == io.EOF {
		return s.fatal(0, 0, errors.New("no articles: the input is empty"))
	}
	if err != nil {
		return s.fatal(s.line, 0, err)
	}
	switch c {
	case '[':
		br.ReadByte()
		return s.values(br, true)
	case '{':
		// JSONL when the first line is a whole object, or broken beyond
		// repair; objects spread over lines when it is only incomplete.
		head, _ := br.Peek(br.Size())
		if i := bytes.IndexByte(head, '\n'); i >= 0 && incomplete(head[:i]) {
			return s.values(br, false)
		}
		return s.lines(br)
	}
	return s.fatal(s.line, 0, errors.New("not JSON: want an article object, an array of them, or one object per line (JSONL)"))
}

// incomplete reports whether b is the start of a JSON value that more
// bytes could complete.
func incomplete(b []byte) bool {
	var raw json.RawMessage
	err := json.Unmarshal(b, &raw)
	var se *json.SyntaxError
	return errors.As(err, &se) && se.Error() == "unexpected end of JSON input"
}

// skipSpace consumes white space, counting lines, and peeks at the next
// byte.
func (s *scanner) skipSpace(br *bufio.Reader) (byte, error) {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			s.line++
			continue
		case ' ', '\t', '\r':
			continue
		}
		return c, br.UnreadByte()
	}
}

// lines reads JSONL: every line one object. A bad line is reported and
// the next line read, so one truncated line costs one article.
func (s *scanner) lines(br *bufio.Reader) error {
	first := s.line - 1
	return readLines(br, s.limit, func(n int, data []byte, size int64) error {
		line := first + n
		if size > s.limit {
			return s.value(line, 0, nil, size, "line")
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			return nil
		}
		if data[0] != '{' {
			s.count++
			return s.bad(line, 0, errors.New("not a JSON object"))
		}
		return s.value(line, 0, data, size, "line")
	}, func(err error) error { return s.fatal(0, 0, err) })
}

// values reads JSON values one after another, or the elements of an
// array (the '[' consumed). A value too large is skipped without being
// held; a broken separator ends the input.
func (s *scanner) values(br *bufio.Reader, array bool) error {
	what := "object"
	if array {
		what = "element"
	}
	for n := 1; ; n++ {
		c, err := s.skipSpace(br)
		if err != nil {
			if err == io.EOF && !array {
				return nil
			}
			if err == io.EOF {
				return s.fatal(s.line, 0, errors.New("incomplete JSON: the input ends before the closing ]"))
			}
			return s.fatal(s.line, 0, err)
		}
		if array {
			if c == ']' {
				br.ReadByte()
				if _, err := s.skipSpace(br); err != io.EOF {
					if err != nil {
						return s.fatal(s.line, 0, err)
					}
					return s.fatal(s.line, 0, errors.New("unexpected data after the closing ]"))
				}
				return nil
			}
			if n > 1 {
				if c != ',' {
					return s.fatal(s.line, n, fmt.Errorf("malformed JSON: want ',' or ']' after element %d, found %q", n-1, c))
				}
				br.ReadByte()
				if c, err = s.skipSpace(br); err != nil {
					if err == io.EOF {
						return s.fatal(s.line, 0, errors.New("incomplete JSON: the input ends before the closing ]"))
					}
					return s.fatal(s.line, 0, err)
				}
			}
		}
		element := 0
		if array {
			element = n
		}
		start := s.line
		raw, size, err := s.frame(br)
		if err != nil {
			if err == io.EOF {
				err = fmt.Errorf("incomplete JSON: the input ends inside this %s", what)
			}
			return s.fatal(start, element, err)
		}
		if c != '{' {
			s.count++
			if err := s.bad(start, element, errors.New("not a JSON object")); err != nil {
				return err
			}
			continue
		}
		if err := s.value(start, element, raw, size, what); err != nil {
			return err
		}
	}
}

// frame reads one JSON value: an object or array to its matching close,
// a string to its closing quote, any other scalar to the next delimiter.
// It does not check the syntax inside (json.Unmarshal does), only finds
// the end. A value longer than the limit comes back nil with its size.
func (s *scanner) frame(br *bufio.Reader) ([]byte, int64, error) {
	s.buf = s.buf[:0]
	var size int64
	depth := 0
	inStr, esc := false, false
	for {
		c, err := br.ReadByte()
		if err != nil {
			return nil, size, err
		}
		if depth == 0 && !inStr && size > 0 && (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			// The end of a bare scalar.
			br.UnreadByte()
			break
		}
		size++
		if size <= s.limit {
			s.buf = append(s.buf, c)
		}
		if c == '\n' {
			s.line++
		}
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
				if depth == 0 {
					return s.buf, size, nil
				}
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				if size > s.limit {
					return nil, size, nil
				}
				return s.buf, size, nil
			}
		}
	}
	if size > s.limit {
		return nil, size, nil
	}
	return s.buf, size, nil
}

// jsonRecord is one article object as JSON carries it (the corpus format
// of shared/data/README.md, and news.Article as the API writes it).
type jsonRecord struct {
	ID        json.RawMessage `json:"id"`
	Title     *string         `json:"title"`
	Text      *string         `json:"text"`
	Published json.RawMessage `json:"published"`
	Source    *string         `json:"source"`
	URL       *string         `json:"url"`
	Lang      *string         `json:"lang"`
	Author    *string         `json:"author"`
	Image     json.RawMessage `json:"image"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// record decodes one object into rec, or names the field that is wrong.
func (d *Decoder) record(raw []byte, rec *Record) (field string, err error) {
	var j jsonRecord
	if err = json.Unmarshal(raw, &j); err != nil {
		return describeJSON(err)
	}
	a := &rec.Article
	*a = news.Article{
		Title:  str(j.Title),
		Text:   str(j.Text),
		Source: stripBidi(strings.TrimSpace(str(j.Source))),
		URL:    stripBidi(strings.TrimSpace(str(j.URL))),
		Lang:   strings.TrimSpace(str(j.Lang)),
		Author: str(j.Author),
	}
	if strings.TrimSpace(strings.TrimPrefix(a.Text, "\ufeff")) == "" && strings.TrimSpace(a.Title) == "" {
		// A headline alone is an article (archives hold such records).
		return "text", errors.New("missing or empty, and no title: every article needs a text or a title")
	}
	if a.Image, err = rawImage(j.Image); err != nil {
		return "image", err
	}
	id, err := rawID(j.ID)
	if err != nil {
		return "id", err
	}
	a.ID = stripBidi(id)
	if a.ID == "" && d.RequireID {
		return "id", errors.New("missing: every article needs an id here")
	}
	for _, f := range []struct {
		name, v string
		max     int
		plain   bool // one token: no control characters
	}{
		{"id", a.ID, MaxIDBytes, true},
		{"title", a.Title, MaxTitleBytes, false},
		{"source", a.Source, MaxOutletBytes, true},
		{"url", a.URL, MaxURLBytes, true},
		{"image", a.Image, MaxURLBytes, true},
		{"author", a.Author, MaxAuthorBytes, false},
		{"lang", a.Lang, MaxLangBytes, true},
	} {
		if len(f.v) > f.max {
			return f.name, fmt.Errorf("too long (%d bytes, limit %d)", len(f.v), f.max)
		}
		if f.plain {
			if i := strings.IndexFunc(f.v, isControl); i >= 0 {
				r, _ := utf8.DecodeRuneInString(f.v[i:])
				return f.name, fmt.Errorf("control character %U at byte %d", r, i)
			}
		}
	}
	if a.Published, err = rawTime(j.Published); err != nil {
		return "published", err
	}
	if len(d.Keep) > 0 {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return describeJSON(err)
		}
		for _, k := range d.Keep {
			if v, ok := m[k]; ok {
				if rec.Extra == nil {
					rec.Extra = make(map[string]json.RawMessage, len(d.Keep))
				}
				rec.Extra[k] = v
			}
		}
	}
	return "", nil
}

// gzipErrors says "gzip" in the read errors of a gzip stream.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w", err)
	}
	return n, err
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// describeJSON rewrites an encoding/json error into the field it concerns
// and what a writer of the input can act on.
func describeJSON(err error) (field string, _ error) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field, fmt.Errorf("got a JSON %s, want %s", te.Value, jsonKind(te.Type.String()))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if se.Error() == "unexpected end of JSON input" {
			return "", errors.New("invalid JSON: the object is cut short (unexpected end of JSON input)")
		}
		return "", fmt.Errorf("invalid JSON: %v (at byte %d)", se, se.Offset)
	}
	return "", fmt.Errorf("invalid JSON: %w", err)
}

func jsonKind(goType string) string {
	switch goType {
	case "string", "*string":
		return "a string"
	case "map[string]json.RawMessage", "ingest.jsonRecord":
		return "an object"
	}
	return goType
}

// bidiControls are the Unicode bidirectional formatting characters: the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the
// marks U+200E, U+200F and U+061C. In an id or a URL they only serve to
// make one thing look like another.
const bidiControls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

// stripBidi removes the bidirectional formatting characters from s.
func stripBidi(s string) string {
	if !strings.ContainsAny(s, bidiControls) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(bidiControls, r) {
			return -1
		}
		return r
	}, s)
}
