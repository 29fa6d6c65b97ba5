// Package warc reads web archives (WARC 1.0/1.1, ISO 28500) such as those
// of Common Crawl and the Internet Archive, and extracts the news article of
// every archived HTML page.
//
// A WARC file is a sequence of records, each a block of named headers and a
// body of Content-Length bytes. Files are either plain or gzip-compressed;
// archivers compress each record as its own gzip member so that a record can
// be read from its offset alone. Read handles both, and one bad record (a
// corrupt gzip member, a header without Content-Length, an HTTP response that
// does not parse) is reported and skipped rather than ending the file.
//
// The reader is ours rather than github.com/nlnwa/gowarc's Unmarshaler
// (v1.6.0), which was run on this package's test archives and fuzz corpus
// with its lenient policies (the ones an ingester of other people's
// archives needs): it read none of the three pages of a file gzipped whole
// (it drains the gzip member after the first record), returned a record
// cut short as a page without an error, and skipped a record without
// Content-Length and every fuzz input without reporting anything, where
// Read names each bad record. It would also add prometheus,
// klauspost/compress and whatwg-url to the build for one reader.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/ingest/html"
	"github.com/dossier-news/dossier/internal/news"
)

// MaxRecordSize bounds the body of one record Read holds in memory; larger
// records are skipped with an error. News pages are far below it.
const MaxRecordSize = 32 << 20

// maxHeaderLine bounds one WARC header line.
const maxHeaderLine = 64 << 10

// RecordError is a problem with one record. Number counts records from 1;
// Offset is the byte offset of the record's start in the file (for a gzip
// file, the offset of its gzip member, as Common Crawl's index gives it).
type RecordError struct {
	Number int
	Offset int64
	URI    string
	Err    error
}

func (e *RecordError) Error() string {
	if e.URI != "" {
		return fmt.Sprintf("warc record %d at offset %d (%s): %v", e.Number, e.Offset, e.URI, e.Err)
	}
	return fmt.Sprintf("warc record %d at offset %d: %v", e.Number, e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// errStop carries an error returned by the callback so Read returns it as is.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }

// Read streams a WARC file and calls fn for every response record holding an
// HTML page (HTTP status 200, Content-Type text/html or
// application/xhtml+xml), with the article extracted by
// html.ExtractWithCharset, or with a *RecordError when that record is
// malformed or holds no article. Other records are skipped silently. Read
// stops and returns fn's error when fn returns one, and ctx's error when ctx
// is cancelled; it returns nil at the end of the file, and an error only
// when the file cannot be read on at all.
func Read(ctx context.Context, r io.Reader, fn func(a *news.Article, err error) error) error {
	cr := &countingReader{r: r}
	br := bufio.NewReaderSize(cr, 64<<10)
	magic, err := br.Peek(2)
	if err != nil {
		if err == io.EOF && len(magic) == 0 {
			return nil // an empty file has no records
		}
		if err == io.EOF {
			return fmt.Errorf("warc: file of %d byte is not a WARC file", len(magic))
		}
		return fmt.Errorf("warc: %w", err)
	}
	rd := &reader{ctx: ctx, fn: fn}
	if magic[0] == 0x1f && magic[1] == 0x8b {
		err = rd.readGzip(br, cr)
	} else {
		err = rd.readPlain(br, func() int64 { return cr.n - int64(br.Buffered()) }, true)
	}
	var stop errStop
	if errors.As(err, &stop) {
		return stop.err
	}
	return err
}

type reader struct {
	ctx    context.Context
	fn     func(*news.Article, error) error
	number int // records seen so far
}

func (rd *reader) report(a *news.Article, err error) error {
	if e := rd.fn(a, err); e != nil {
		return errStop{e}
	}
	return nil
}

// readGzip reads one gzip member at a time so that a corrupt member can be
// skipped: after a failure it searches the compressed bytes for the next
// gzip header.
func (rd *reader) readGzip(br *bufio.Reader, cr *countingReader) error {
	offset := func() int64 { return cr.n - int64(br.Buffered()) }
	for {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		if _, err := br.Peek(1); err == io.EOF {
			return nil
		}
		start := offset()
		zr, err := gzip.NewReader(br)
		if err != nil {
			rd.number++
			if e := rd.report(nil, &RecordError{Number: rd.number, Offset: start, Err: fmt.Errorf("bad gzip member: %w", err)}); e != nil {
				return e
			}
			if !resync(br) {
				return nil
			}
			continue
		}
		zr.Multistream(false)
		// Offsets inside a member are reported as the member's offset:
		// that is how a record in a compressed file is addressed.
		err = rd.readPlain(bufio.NewReaderSize(zr, 64<<10), func() int64 { return start }, false)
		if err != nil {
			var stop errStop
			if errors.As(err, &stop) || rd.ctx.Err() != nil {
				return err
			}
			// A malformed record, or a corrupt member (bad deflate data,
			// bad checksum, cut short): report it once and look for the
			// next member.
			var rec *RecordError
			if !errors.As(err, &rec) {
				rd.number++
				rec = &RecordError{Number: rd.number, Err: fmt.Errorf("gzip member: %w", err)}
			}
			rec.Offset = start
			if e := rd.report(nil, rec); e != nil {
				return e
			}
			if !resync(br) {
				return nil
			}
			continue
		}
		// Drain whatever the member holds after its records (normally nothing).
		if _, err := io.Copy(io.Discard, zr); err != nil {
			rd.number++
			if e := rd.report(nil, &RecordError{Number: rd.number, Offset: start, Err: fmt.Errorf("gzip member: %w", err)}); e != nil {
				return e
			}
			if !resync(br) {
				return nil
			}
		}
	}
}

// resync skips to the next gzip header (1f 8b 08); false at end of file.
func resync(br *bufio.Reader) bool {
	for {
		b, err := br.Peek(3)
		if len(b) < 3 || err != nil {
			return false
		}
		if b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08 {
			return true
		}
		if _, err := br.Discard(1); err != nil {
			return false
		}
	}
}

// readPlain reads uncompressed records until EOF. With recover set, a
// malformed header is reported and reading resumes at the next line that
// starts a record; otherwise (inside a gzip member) the error is returned so
// the caller reports it once and skips the member.
func (rd *reader) readPlain(br *bufio.Reader, offset func() int64, recover bool) error {
	for {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		start := offset()
		line, err := readLine(br)
		if err == io.EOF && line == "" {
			return nil
		}
		if err != nil && err != io.EOF {
			return err
		}
		if line == "" {
			continue // the CRLF CRLF between records
		}
		rd.number++
		rec := &RecordError{Number: rd.number, Offset: start}
		if !strings.HasPrefix(line, "WARC/") {
			rec.Err = fmt.Errorf("expected a WARC version line, got %q", truncate(line, 40))
			if !recover {
				return rec
			}
			if e := rd.report(nil, rec); e != nil {
				return e
			}
			if !skipToRecord(br) {
				return nil
			}
			continue
		}
		hdr, err := readHeader(br)
		if err != nil {
			rec.Err = err
			if !recover {
				return rec
			}
			if e := rd.report(nil, rec); e != nil {
				return e
			}
			if !skipToRecord(br) {
				return nil
			}
			continue
		}
		rec.URI = hdr.get("WARC-Target-URI")
		n, err := strconv.ParseInt(strings.TrimSpace(hdr.get("Content-Length")), 10, 64)
		if err != nil || n < 0 {
			rec.Err = fmt.Errorf("missing or bad Content-Length %q", hdr.get("Content-Length"))
			if !recover {
				return rec
			}
			if e := rd.report(nil, rec); e != nil {
				return e
			}
			if !skipToRecord(br) {
				return nil
			}
			continue
		}
		wanted := strings.EqualFold(hdr.get("WARC-Type"), "response") && isHTTP(hdr.get("Content-Type"))
		if !wanted || n > MaxRecordSize {
			got, err := io.CopyN(io.Discard, br, n)
			if err != nil {
				return rd.truncated(rec, got, n, err, recover)
			}
			if wanted {
				rec.Err = fmt.Errorf("record of %d bytes exceeds the %d byte limit", n, MaxRecordSize)
				if e := rd.report(nil, rec); e != nil {
					return e
				}
			}
			continue
		}
		block := make([]byte, n)
		if got, err := io.ReadFull(br, block); err != nil {
			return rd.truncated(rec, int64(got), n, err, recover)
		}
		a, err := article(block, hdr)
		if err != nil {
			rec.Err = err
			if e := rd.report(nil, rec); e != nil {
				return e
			}
			continue
		}
		if a == nil {
			continue // not an HTML page, or not status 200
		}
		if e := rd.report(a, nil); e != nil {
			return e
		}
	}
}

// truncated handles a record cut short. In a plain file that means the end
// of the file (or a Content-Length larger than the record), so it is
// reported and reading ends; inside a gzip member it is returned for the
// caller to report and skip the member.
func (rd *reader) truncated(rec *RecordError, got, want int64, err error, recover bool) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = fmt.Errorf("truncated: block has %d of %d bytes", got, want)
	}
	rec.Err = err
	if !recover {
		return rec
	}
	return rd.report(nil, rec)
}

// article parses the HTTP response in a record block; nil, nil when the
// response is not a 200 HTML page.
//
// The body is everything after the HTTP header, whatever the header's
// Content-Length says: archivers such as Common Crawl store the payload
// decoded while keeping (or renaming to X-Crawler-*) the original
// Content-Length and Transfer-Encoding, so those describe bytes that are no
// longer there. A chunked body is de-chunked only when it really is chunked.
func article(block []byte, hdr header) (*news.Article, error) {
	br := bufio.NewReader(bytes.NewReader(block))
	tp := textproto.NewReader(br)
	status, err := tp.ReadLine()
	if err != nil {
		return nil, fmt.Errorf("bad HTTP response: %w", err)
	}
	proto, rest, _ := strings.Cut(status, " ")
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if !strings.HasPrefix(proto, "HTTP/") || len(code) != 3 {
		return nil, fmt.Errorf("bad HTTP status line %q", truncate(status, 40))
	}
	mh, err := tp.ReadMIMEHeader()
	if err != nil && len(mh) == 0 {
		return nil, fmt.Errorf("bad HTTP header: %w", err)
	}
	h := http.Header(mh)
	if code != "200" || !html.IsHTML(h.Get("Content-Type")) {
		return nil, nil
	}
	payload, _ := io.ReadAll(br)
	var body io.Reader = bytes.NewReader(payload)
	if strings.EqualFold(h.Get("Transfer-Encoding"), "chunked") && looksChunked(payload) {
		if dechunked, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(payload))); err == nil {
			body = bytes.NewReader(dechunked)
		}
	}
	if enc := h.Get("Content-Encoding"); strings.EqualFold(enc, "gzip") && bytes.HasPrefix(payload, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("gzip-encoded body: %w", err)
		}
		defer zr.Close()
		body = io.LimitReader(zr, html.MaxPageSize+1)
	}
	uri := hdr.get("WARC-Target-URI")
	a, err := html.ExtractWithCharset(body, uri, h.Get("Content-Type"))
	if err != nil {
		return nil, err
	}
	if a.Published.IsZero() {
		if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(hdr.get("WARC-Date"))); err == nil {
			a.Published = t.UTC()
			if !a.IsInferred("published") {
				a.Inferred = append(a.Inferred, "published")
			}
		}
	}
	if a.Origin == "" {
		a.Origin = uri
	}
	return a, nil
}

// looksChunked reports whether b starts with a chunk-size line.
func looksChunked(b []byte) bool {
	line, _, ok := bytes.Cut(b[:min(len(b), 32)], []byte("\r\n"))
	if !ok || len(line) == 0 {
		return false
	}
	line, _, _ = bytes.Cut(line, []byte(";"))
	for _, c := range bytes.TrimSpace(line) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isHTTP(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(ct))
	return strings.HasPrefix(ct, "application/http")
}

// header is a record's named fields; names compare case-insensitively.
type header map[string]string

func (h header) get(name string) string { return h[strings.ToLower(name)] }

func readHeader(br *bufio.Reader) (header, error) {
	h := header{}
	for n := 0; ; n++ {
		line, err := readLine(br)
		if err != nil {
			if err == io.EOF {
				return nil, fmt.Errorf("header cut short by end of file")
			}
			return nil, err
		}
		if line == "" {
			return h, nil
		}
		if n > 256 {
			return nil, fmt.Errorf("more than 256 header lines")
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("header line %d has no name: %q", n+1, truncate(line, 40))
		}
		key := strings.ToLower(strings.TrimSpace(name))
		if _, dup := h[key]; !dup {
			h[key] = strings.TrimSpace(value)
		}
	}
}

// readLine reads one line without its CRLF or LF; lines longer than
// maxHeaderLine are an error.
func readLine(br *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxHeaderLine {
			return "", fmt.Errorf("header line longer than %d bytes", maxHeaderLine)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		s := strings.TrimRight(string(buf), "\r\n")
		if err != nil && len(buf) > 0 && err == io.EOF {
			return s, nil
		}
		return s, err
	}
}

// skipToRecord discards input up to the next line that starts with
// "WARC/1." and leaves it unread; false at end of input.
func skipToRecord(br *bufio.Reader) bool {
	for {
		b, err := br.Peek(7)
		if err != nil {
			return false
		}
		if string(b) == "WARC/1." {
			return true
		}
		if _, err := br.ReadSlice('\n'); err != nil && err != bufio.ErrBufferFull {
			return false
		}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
