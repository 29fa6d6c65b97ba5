package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"strings"

	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/ingest/html"
	"github.com/dossier-news/dossier/internal/news"
)

// FetchURL fetches url and returns its articles: every item of a feed, or
// the one article of a page. For a feed, the items that could be resolved
// are returned together with an error joining the failures of the others.
func FetchURL(ctx context.Context, c *fetch.Client, url string) ([]news.Article, error) {
	resp, err := c.Get(ctx, url, fetch.Conditional{})
	if err != nil {
		return nil, err
	}
	switch Sniff(resp.ContentType, resp.Body) {
	case KindFeed:
		f, err := Parse(bytes.NewReader(resp.Body), resp.URL)
		if err != nil {
			return nil, err
		}
		var arts []news.Article
		var errs []error
		for _, it := range f.Items {
			a, err := Resolve(ctx, c, it)
			if err != nil {
				if ctx.Err() != nil {
					return arts, ctx.Err()
				}
				errs = append(errs, err)
				continue
			}
			arts = append(arts, a)
		}
		return arts, errors.Join(errs...)
	case KindHTML:
		a, err := html.ExtractWithCharset(bytes.NewReader(resp.Body), resp.URL, resp.ContentType)
		if err != nil {
			return nil, err
		}
		return []news.Article{*a}, nil
	default:
		return nil, fmt.Errorf("fetch %s: %q is neither a feed nor an HTML page", url, resp.ContentType)
	}
}

// Kind is what a fetched document is.
type Kind int

// Kinds of document.
const (
	KindUnknown Kind = iota
	KindFeed
	KindHTML
)

// Sniff tells a feed from an HTML page by the Content-Type and, since many
// servers send feeds as text/html or text/plain and pages as
// application/xml, by the first markup in the body.
func Sniff(contentType string, body []byte) Kind {
	mt, _, _ := mime.ParseMediaType(contentType)
	mt = strings.ToLower(mt)
	// A doctype with an internal subset (entity declarations) can be
	// long; 8 KiB holds any seen in the wild.
	head := body
	if len(head) > 8192 {
		head = head[:8192]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimSpace(head)
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("{")) {
		if bytes.Contains(lower, []byte("jsonfeed.org/version")) {
			return KindFeed
		}
		return KindUnknown
	}
	// Skip the XML declaration, comments, doctype and processing
	// instructions to the first element.
	rest := lower
	for {
		rest = bytes.TrimSpace(rest)
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			i := bytes.Index(rest, []byte("?>"))
			if i < 0 {
				return byType(mt)
			}
			rest = rest[i+2:]
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := bytes.Index(rest, []byte("-->"))
			if i < 0 {
				return byType(mt)
			}
			rest = rest[i+3:]
			continue
		case bytes.HasPrefix(rest, []byte("<!doctype html")):
			return KindHTML
		case bytes.HasPrefix(rest, []byte("<!")):
			i := declEnd(rest)
			if i < 0 {
				return byType(mt)
			}
			rest = rest[i:]
			continue
		}
		break
	}
	for _, root := range []string{"<rss", "<feed", "<rdf:rdf", "<rdf"} {
		if bytes.HasPrefix(rest, []byte(root)) {
			return KindFeed
		}
	}
	if bytes.HasPrefix(rest, []byte("<html")) || bytes.HasPrefix(rest, []byte("<head")) || bytes.HasPrefix(rest, []byte("<body")) {
		return KindHTML
	}
	return byType(mt)
}

// declEnd returns the offset just past the markup declaration b starts
// with ("<!DOCTYPE rss [ <!ENTITY nbsp "&#160;"> ]>"): its '>' outside
// quoted literals and outside the [ ] internal subset, or -1 when b ends
// first.
func declEnd(b []byte) int {
	var quote byte
	subset := 0
	for i := 2; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			subset++
		case c == ']':
			subset--
		case c == '>' && subset <= 0:
			return i + 1
		}
	}
	return -1
}

func byType(mt string) Kind {
	switch {
	case mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/feed+json" || mt == "application/rdf+xml":
		return KindFeed
	case html.IsHTML(mt):
		return KindHTML
	}
	return KindUnknown
}

func hashKey(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:12])
}
