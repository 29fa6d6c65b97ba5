package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/timex"
)

// rawID accepts a string or number id.
func rawID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return strings.TrimSpace(s), nil
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
		return string(raw), nil
	}
	return "", fmt.Errorf("got %s, want a string or a number", raw)
}

// rawImage accepts an image given as a URL string, as a schema.org
// ImageObject ({"url": ...}), or as a list of either (the first is taken).
func rawImage(raw json.RawMessage) (string, error) { return rawImageDepth(raw, 0) }

func rawImageDepth(raw json.RawMessage, depth int) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return stripBidi(strings.TrimSpace(s)), nil
	case '{', '[':
		if depth > 1 {
			return "", fmt.Errorf("got %s, want a URL string or an object with a url", clipJSON(raw))
		}
	}
	switch raw[0] {
	case '{':
		var o struct {
			URL json.RawMessage `json:"url"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			return "", err
		}
		return rawImageDepth(o.URL, depth+1)
	case '[':
		var l []json.RawMessage
		if err := json.Unmarshal(raw, &l); err != nil {
			return "", err
		}
		if len(l) == 0 {
			return "", nil
		}
		return rawImageDepth(l[0], depth+1)
	}
	return "", fmt.Errorf("got %s, want a URL string or an object with a url", clipJSON(raw))
}

// clipJSON shortens a JSON value quoted in an error.
func clipJSON(raw []byte) string {
	if len(raw) > 40 {
		return strings.ToValidUTF8(string(raw[:40]), "") + "…"
	}
	return string(raw)
}

// rawTime accepts a date string (ParseTime) or Unix seconds or
// milliseconds.
func rawTime(raw json.RawMessage) (time.Time, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, err
		}
		// Go writes a zero time.Time as year 1: news.Article JSON of an
		// undated article.
		if s = strings.TrimSpace(s); s == "" || s == "0001-01-01T00:00:00Z" {
			return time.Time{}, nil
		}
		t, err := ParseTime(s)
		if err != nil {
			return time.Time{}, err
		}
		return t, nil
	}
	n, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("got %s, want a date string or Unix time", raw)
	}
	if n > 1e11 { // milliseconds
		n /= 1000
	}
	t := time.Unix(int64(n), 0).UTC()
	if t.Year() < 1900 || t.Year() > 2100 {
		return time.Time{}, fmt.Errorf("%s: out of range", raw)
	}
	return t, nil
}

// timeLayouts are the machine-written date forms ParseTime tries first.
var timeLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05", "2006-01-02 15:04", time.DateOnly, time.RFC1123Z, time.RFC1123, time.RFC822Z,
	time.RFC822, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2006/01/02", "2006/01/02 15:04:05", "20060102",
}

// ParseTime reads a publication time given in metadata: RFC 3339 and the
// other machine forms first, then any complete written date timex reads
// ("13 December 2024", "13.12.2024", "Dec. 13, 2024"). A date with no
// zone is taken as UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2100 {
				return time.Time{}, fmt.Errorf("%q: year out of range", s)
			}
			return t, nil
		}
	}
	for _, d := range timex.Find(s, time.Time{}, "") {
		if d.Granularity == timex.Day && !d.Relative {
			return time.Parse(time.DateOnly, d.Date)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want RFC 3339, e.g. 2024-12-13T10:00:00Z)", s)
}

// checkText rejects bytes that are not text: a NUL byte or invalid UTF-8.
func checkText(b []byte) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("binary data (NUL byte at byte %d)", i)
	}
	if !utf8.Valid(b) {
		return fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(b))
	}
	// Text has few control characters besides tab and line ends; a file
	// where they are common is binary data that happens to be valid UTF-8.
	head := b[:min(len(b), 8<<10)]
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	if len(head) >= 32 && ctl*10 > len(head) {
		return fmt.Errorf("binary data (%d control bytes in the first %d)", ctl, len(head))
	}
	return nil
}

// invalidAt returns the offset of the first invalid UTF-8 sequence.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// jsonl reads JSON articles, in any of the forms Decoder reads, one
// article per line in JSONL.
func (w *walker) jsonl(path string, r *bufio.Reader) error {
	d := Decoder{Name: path, MaxBytes: w.opt.MaxBytes}
	return d.Decode(r, func(rec *Record, err error) error {
		if err != nil {
			return w.emit(nil, err)
		}
		return w.article(&rec.Article, path, rec.Line)
	})
}

// readLines calls fn for each line of r (without its newline), numbered
// from 1. A line longer than limit is not held: fn gets it empty with its
// full size, so one huge line costs no memory and does not end the file.
// A read error goes to fail and ends the input.
func readLines(r *bufio.Reader, limit int64, fn func(line int, data []byte, size int64) error, fail func(error) error) error {
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		var size int64
		var err error
		var last []byte
		for {
			last, err = r.ReadSlice('\n')
			size += int64(len(last))
			if size <= limit+2 {
				buf = append(buf, last...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return fail(err)
		}
		// Drop the line end (LF or CRLF) from the size and the data.
		if n := len(last); n > 0 && last[n-1] == '\n' {
			size--
			if n > 1 && last[n-2] == '\r' || n == 1 && len(buf) > 1 && buf[len(buf)-2] == '\r' {
				size--
			}
		}
		if size > limit {
			buf = buf[:0]
		} else {
			buf = bytes.TrimRight(buf, "\r\n")
		}
		if size > 0 || err == nil {
			if ferr := fn(line, buf, size); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}
