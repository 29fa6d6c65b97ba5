// Package ingest turns input files into news.Article records: it is the
// first stage of Dossier's pipeline (ingest → extract → cluster →
// reconcile → store → web).
//
// Walk reads files and directories, detects each file's format (by
// extension, with gzip recognised by its magic bytes, and by content for
// standard input), hands it to one reader (JSONL, JSON, bare text, HTML via
// ingest/html, WARC via ingest/warc) and passes every article through
// Normalize, which fills in what the input lacked and records what it
// guessed in Article.Inferred.
//
// Bad input never stops a walk: each bad file, line or record is reported
// to the caller as an *Error naming the file (and line), and the walk goes
// on with the next one.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/ingest/html"
	"github.com/dossier-news/dossier/internal/ingest/warc"
	"github.com/dossier-news/dossier/internal/news"
)

// DefaultMaxBytes is the default limit on one article or text: news
// articles are a few kilobytes, so anything this large is a mistake (a
// dump, a binary, a whole site) that would only slow the later stages.
const DefaultMaxBytes = 8 << 20

// Error is a problem with one input file, one line or record of it, or
// one field of a record.
type Error struct {
	Path    string // file path, "-" for standard input, "" for a request body
	Line    int    // 1-based line for line-oriented input; 0 when not known
	Element int    // 1-based position in a JSON array; 0 outside arrays
	Field   string // the JSON field at fault, "" when not one field
	Err     error
}

// Error formats as `path:line: element N: field "F": reason`, leaving out
// what is not known; without a path it starts "line N: ".
func (e *Error) Error() string {
	var b strings.Builder
	loc := e.Path
	if e.Line > 0 {
		if loc == "" {
			loc = "line " + strconv.Itoa(e.Line)
		} else {
			loc += ":" + strconv.Itoa(e.Line)
		}
	}
	if loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	if e.Element > 0 {
		fmt.Fprintf(&b, "element %d: ", e.Element)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	fmt.Fprint(&b, e.Err)
	return b.String()
}

// Unwrap returns the underlying reason.
func (e *Error) Unwrap() error { return e.Err }

// Options tunes Walk.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Progress, when set, is called with the number of input bytes just
	// consumed (compressed bytes for gzip files), so a progress bar over
	// TotalSize can advance.
	Progress func(bytes int64)
	// MaxBytes limits one article or text; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// supported lists the extensions Walk reads, for the unknown-type error.
const supported = ".txt .text .md .json .jsonl .ndjson (each optionally .gz), .html .htm, .warc .warc.gz"

// Input formats.
const (
	fmtJSONL = "jsonl"
	fmtJSON  = "json"
	fmtText  = "text"
	fmtHTML  = "html"
	fmtWARC  = "warc"

	// fmtUnknown is a file whose extension Walk does not know: read only
	// if its content is an HTML document.
	fmtUnknown = "?"
)

// formatOf maps a file name to its format by extension. gz reports a
// ".gz" suffix, which is only a hint: gzip is detected by magic bytes.
func formatOf(name string) (format string, gz bool, err error) {
	lower := strings.ToLower(filepath.Base(name))
	if strings.HasSuffix(lower, ".gz") {
		gz = true
		lower = strings.TrimSuffix(lower, ".gz")
	}
	switch filepath.Ext(lower) {
	case ".jsonl", ".ndjson":
		return fmtJSONL, gz, nil
	case ".json":
		return fmtJSON, gz, nil
	case ".txt", ".text", ".md":
		return fmtText, gz, nil
	case ".html", ".htm":
		return fmtHTML, gz, nil
	case ".warc":
		return fmtWARC, gz, nil
	}
	ext := filepath.Ext(lower)
	if gz {
		ext += ".gz"
	}
	if ext == "" {
		ext = "none"
	}
	return "", gz, fmt.Errorf("unknown file type (%s); supported: %s", ext, supported)
}

// stopError carries fn's own error out of the readers unchanged, so Walk
// can tell "the caller wants to stop" from "this file is bad".
type stopError struct{ err error }

func (s stopError) Error() string { return s.err.Error() }

// walker holds one Walk's state.
type walker struct {
	ctx context.Context
	opt Options
	fn  func(a *news.Article, err error) error
	// size is the size of the file being read, 0 when not known: a hint
	// for reading a page whole into memory of the right size at once.
	size int64
	// br is the read buffer, reused from one input to the next (a walk
	// over many small pages would otherwise allocate 64 KiB for each).
	// The readers copy whatever they keep out of it before stream
	// returns, and inputs are read one at a time.
	br *bufio.Reader
}

// reader returns the walk's read buffer, reading r.
func (w *walker) reader(r io.Reader) *bufio.Reader {
	if w.br == nil {
		w.br = bufio.NewReaderSize(r, 64<<10)
	} else {
		w.br.Reset(r)
	}
	return w.br
}

// Walk reads every path — files, directories (recursively, in lexical
// order, skipping dot-prefixed entries) and "-" for opt.Stdin, whose format
// is sniffed — and calls fn with each normalised article, or with an
// *Error for each bad file, line or record. One bad input never stops the
// others. Walk returns fn's error as soon as fn returns one, and ctx's error
// when ctx is cancelled.
func Walk(ctx context.Context, paths []string, opt Options, fn func(a *news.Article, err error) error) error {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	w := &walker{ctx: ctx, opt: opt, fn: fn}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			var s stopError
			if errors.As(err, &s) {
				return s.err
			}
			return err
		}
	}
	return nil
}

// emit hands one article or error to fn; fn's error becomes a stopError.
func (w *walker) emit(a *news.Article, err error) error {
	if cerr := w.ctx.Err(); cerr != nil {
		return cerr
	}
	if ferr := w.fn(a, err); ferr != nil {
		return stopError{ferr}
	}
	return nil
}

// bad reports a problem with path (and line).
func (w *walker) bad(path string, line int, err error) error {
	return w.emit(nil, &Error{Path: path, Line: line, Err: err})
}

// article normalises a and hands it on, or reports why it is unusable.
func (w *walker) article(a *news.Article, path string, line int) error {
	if a.Origin == "" {
		a.Origin = path
		if line > 0 {
			a.Origin += ":" + strconv.Itoa(line)
		}
	}
	if int64(len(a.Text)) > w.opt.MaxBytes {
		return w.bad(path, line, tooLarge(int64(len(a.Text)), w.opt.MaxBytes))
	}
	if err := Normalize(a); err != nil {
		return w.bad(path, line, err)
	}
	return w.emit(a, nil)
}

func tooLarge(n, limit int64) error {
	return fmt.Errorf("too large (%d bytes, limit %d)", n, limit)
}

func (w *walker) path(p string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if p == "-" {
		if w.opt.Stdin == nil {
			return w.bad("-", 0, errors.New("no standard input"))
		}
		return w.stream("-", w.opt.Stdin, "")
	}
	info, err := os.Stat(p)
	if err != nil {
		return w.bad(p, 0, unwrapPath(err))
	}
	if !info.IsDir() {
		return w.file(p)
	}
	return walkFiles(p, func(sub string, err error) error {
		if err != nil {
			return w.bad(sub, 0, unwrapPath(err))
		}
		return w.file(sub)
	})
}

// walkFiles calls fn with every regular file under the directory root, in
// lexical order, skipping hidden names and following links to files only
// (a link to a directory could loop); an error reading the tree comes to
// fn with the path it concerns. Walk and TotalSize see the same files.
func walkFiles(root string, fn func(path string, err error) error) error {
	return filepath.WalkDir(root, func(sub string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(sub, err)
		}
		if sub != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(sub); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil // sockets, devices, pipes
		}
		return fn(sub, nil)
	})
}

// unwrapPath drops the *fs.PathError wrapper, whose path Error repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// file reads one file, its format chosen by extension.
func (w *walker) file(p string) error {
	// A file of unknown type is read when its content is an HTML
	// document: pages saved without an .html extension ("page", ".php",
	// ".aspx").
	format, _, err := formatOf(p)
	if err != nil {
		format = fmtUnknown
	}
	f, err := os.Open(p)
	if err != nil {
		return w.bad(p, 0, unwrapPath(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		w.size = fi.Size()
		defer func() { w.size = 0 }()
	}
	return w.stream(p, f, format)
}

// progressReader reports consumed bytes to Options.Progress.
type progressReader struct {
	r io.Reader
	f func(int64)
}

func (p progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.f(int64(n))
	}
	return n, err
}

// stream reads one input in format ("" to sniff it).
func (w *walker) stream(path string, r io.Reader, format string) error {
	if w.opt.Progress != nil {
		r = progressReader{r, w.opt.Progress}
	}
	br := w.reader(r)
	head, err := br.Peek(512)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return w.bad(path, 0, unwrapPath(err))
		}
		return w.bad(path, 0, errors.New("empty file"))
	}
	// WARC readers handle their own (per-record) gzip.
	if format == fmtWARC {
		return w.warc(path, br)
	}
	if isGzip(head) {
		w.size = 0 // the file's size says nothing of the content's
		zr, err := gzip.NewReader(br)
		if err != nil {
			return w.bad(path, 0, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		head, err = br.Peek(512)
		if len(head) == 0 {
			if err != nil && err != io.EOF {
				return w.bad(path, 0, fmt.Errorf("gzip: %w", err))
			}
			return w.bad(path, 0, errors.New("empty file (after gunzip)"))
		}
	}
	if format == fmtUnknown {
		if !htmlDocument(head) {
			_, _, err := formatOf(path)
			return w.bad(path, 0, fmt.Errorf("%w, and the content is not an HTML document", err))
		}
		format = fmtHTML
	}
	if format == "" {
		format = Sniff(head)
		if format == fmtWARC {
			return w.warc(path, br)
		}
	}
	switch format {
	case fmtJSONL, fmtJSON:
		// The decoder follows the content: JSONL named .json and an
		// array named .jsonl read alike.
		return w.jsonl(path, br)
	case fmtHTML:
		return w.html(path, br)
	default:
		return w.text(path, br)
	}
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// Sniff names the format of an input from its first bytes: "gzip",
// "warc", "json" (an array, or one object spread over lines), "jsonl",
// "html" or "text".
func Sniff(head []byte) string {
	if isGzip(head) {
		return "gzip"
	}
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch {
	case bytes.HasPrefix(b, []byte("WARC/")):
		return fmtWARC
	case bytes.HasPrefix(b, []byte("[")):
		return fmtJSON
	case bytes.HasPrefix(b, []byte("{")):
		// JSONL when the first line is a whole object; otherwise one
		// pretty-printed object. A first line longer than the sniffed
		// prefix is taken for JSONL, the streaming form.
		line, _, complete := bytes.Cut(b, []byte("\n"))
		if !complete || json.Valid(line) {
			return fmtJSONL
		}
		return fmtJSON
	case htmlDocument(b):
		return fmtHTML
	case bytes.HasPrefix(b, []byte("<")):
		lower := bytes.ToLower(b)
		for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<div", "<p", "<article", "<title"} {
			if bytes.HasPrefix(lower, []byte(tag)) {
				return fmtHTML
			}
		}
		if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body")) {
			return fmtHTML
		}
	}
	return fmtText
}

// htmlElements are elements an HTML document may start with (after its
// doctype, comments and an XML declaration).
var htmlElements = []string{"html", "head", "body", "meta", "title", "link", "base", "script", "style"}

// htmlDocument reports whether head starts like an HTML document: past a
// byte order mark, white space, an XML declaration and comments, an HTML
// doctype or one of htmlElements. It does not look further, so a feed
// or another XML document is not taken for a page.
func htmlDocument(head []byte) bool {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return false
			}
			b = b[i+2:]
			continue
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return false
			}
			b = b[4+i+3:]
			continue
		}
		break
	}
	if len(b) < 2 || b[0] != '<' {
		return false
	}
	lower := bytes.ToLower(b[:min(len(b), 32)])
	if bytes.HasPrefix(lower, []byte("<!doctype")) {
		rest := bytes.TrimLeft(lower[len("<!doctype"):], " \t\r\n")
		return bytes.HasPrefix(rest, []byte("html")) && (len(rest) == 4 || !isNameByte(rest[4]))
	}
	for _, el := range htmlElements {
		if bytes.HasPrefix(lower[1:], []byte(el)) {
			if n := 1 + len(el); n == len(lower) || !isNameByte(lower[n]) {
				return true
			}
		}
	}
	return false
}

// isNameByte reports whether c can continue an XML name.
func isNameByte(c byte) bool {
	return c == '-' || c == '_' || c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// warc hands a WARC stream to package warc.
func (w *walker) warc(path string, r io.Reader) error {
	err := warc.Read(w.ctx, r, func(a *news.Article, err error) error {
		if err != nil {
			return w.bad(path, 0, err)
		}
		return w.article(a, path, 0)
	})
	var s stopError
	if err != nil && !errors.As(err, &s) && !errors.Is(err, w.ctx.Err()) {
		return w.bad(path, 0, err)
	}
	return err
}

// html hands one page to package html.
func (w *walker) html(path string, r *bufio.Reader) error {
	page, err := readString(r, w.opt.MaxBytes, w.size)
	if err != nil {
		return w.bad(path, 0, err)
	}
	if i := strings.IndexByte(page, 0); i >= 0 {
		return w.bad(path, 0, fmt.Errorf("binary file (NUL byte at offset %d)", i))
	}
	a, err := html.ExtractString(page, "", "")
	if err != nil {
		return w.bad(path, 0, err)
	}
	a.Origin = path
	return w.article(a, path, 0)
}

// readString reads all of r into a string, failing when it holds more than
// limit bytes. The bytes are copied once, from r's buffer into the
// string's own memory, sized from hint (the file size, 0 when not known)
// when it is right.
func readString(r *bufio.Reader, limit, hint int64) (string, error) {
	var sb strings.Builder
	if hint > 0 {
		sb.Grow(int(min(hint, limit+1)))
	}
	for {
		chunk, err := r.Peek(r.Size())
		if int64(sb.Len()+len(chunk)) > limit {
			n := int64(sb.Len() + len(chunk))
			r.Discard(len(chunk))
			m, _ := io.Copy(io.Discard, r)
			return "", tooLarge(n+m, limit)
		}
		sb.Write(chunk)
		r.Discard(len(chunk))
		if err == io.EOF {
			return sb.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// readLimited reads all of r, failing when it holds more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		n := int64(len(data))
		m, _ := io.Copy(io.Discard, r)
		return nil, tooLarge(n+m, limit)
	}
	return data, nil
}

// TotalSize returns the number of bytes Walk will read from paths, for a
// progress bar: the on-disk size of every file it would open (0 for "-").
func TotalSize(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			total += info.Size()
			continue
		}
		_ = walkFiles(p, func(sub string, err error) error {
			if err != nil {
				return nil
			}
			if fi, err := os.Stat(sub); err == nil {
				total += fi.Size()
			}
			return nil
		})
	}
	return total
}
