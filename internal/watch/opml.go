package watch

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"os"
	"strings"
)

// ParseError is bad input in a feed list: the file, the line and what is
// wrong there.
type ParseError struct {
	Path string
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrNotOPML is the error of a ParseError for a document whose root is
// not <opml>.
var ErrNotOPML = errors.New("not an OPML document (no <opml> root)")

// ReadOPML reads the feed URLs of an OPML subscription list, as feed
// readers export it: the xmlUrl of every <outline>, at any depth (folders
// nest them). Outlines without xmlUrl are folders or links and are
// skipped; an xmlUrl that is not an http(s) URL, broken XML or a document
// that is not OPML is a *ParseError naming the file and line.
func ReadOPML(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opml: %w", err)
	}
	defer f.Close()
	return ParseOPML(f, path)
}

// ParseOPML is ReadOPML on r; name says where r comes from in errors.
func ParseOPML(r io.Reader, name string) ([]string, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		// Feed readers write UTF-8 (or its ASCII subset); anything else
		// is read as is and checked by the URL parse below.
		return in, nil
	}
	var out []string
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
				err = errors.New(se.Msg)
			}
			return nil, &ParseError{Path: name, Line: line, Err: err}
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			if !strings.EqualFold(el.Name.Local, "opml") {
				return nil, &ParseError{Path: name, Line: line, Err: ErrNotOPML}
			}
			root = false
			continue
		}
		if !strings.EqualFold(el.Name.Local, "outline") {
			continue
		}
		for _, a := range el.Attr {
			if !strings.EqualFold(a.Name.Local, "xmlUrl") {
				continue
			}
			v := strings.TrimSpace(a.Value)
			if u, err := nurl.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return nil, &ParseError{Path: name, Line: line, Err: fmt.Errorf("outline xmlUrl %q is not an http(s) URL", v)}
			}
			out = append(out, v)
		}
	}
	if root {
		return nil, &ParseError{Path: name, Err: ErrNotOPML}
	}
	return dedupe(out), nil
}
