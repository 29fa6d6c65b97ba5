package ingest

import (
	"bufio"
	"cmp"
	"errors"
	"net/url"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// text reads a bare text file (.txt, .text, .md) as one article.
func (w *walker) text(path string, r *bufio.Reader) error {
	data, err := readLimited(r, w.opt.MaxBytes)
	if err != nil {
		return w.bad(path, 0, err)
	}
	if err := checkText(data); err != nil {
		return w.bad(path, 0, err)
	}
	a, err := ParseText(string(data))
	if err != nil {
		return w.bad(path, 0, err)
	}
	return w.article(a, path, 0)
}

// headerKeys are the metadata labels a text file may start with, mapped
// to the article field they set.
var headerKeys = map[string]string{
	"title": "title", "headline": "title", "source": "source", "outlet": "source",
	"published": "published", "date": "published", "url": "url", "link": "url",
	"lang": "lang", "language": "lang", "author": "author", "by": "author", "id": "id",
}

// ParseText reads a bare text: an optional header block of "Key: value"
// lines (Title, Source, Published or Date, URL, Lang, Author, ID), ended by
// a blank line or by the first line that is not a header, or the same
// block between "---" lines (Markdown front matter), then the body. A
// Markdown "# Heading" first line becomes the title. Everything else
// (title from the first line, publication date from the text, language,
// id) is left for Normalize to infer.
func ParseText(s string) (*news.Article, error) {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	a := &news.Article{}
	body := strings.TrimLeft(s, " \t\n")
	fenced := false
	if rest, ok := strings.CutPrefix(body, "---\n"); ok {
		if end := strings.Index(rest, "\n---"); end >= 0 {
			if err := headers(a, rest[:end], true); err == nil {
				body = rest[end+4:]
				if i := strings.IndexByte(body, '\n'); i >= 0 {
					body = body[i+1:]
				} else {
					body = ""
				}
				fenced = true
			}
		}
	}
	if !fenced {
		// Header lines run until a blank line or the first non-header line.
		lines := strings.SplitAfter(body, "\n")
		n := 0
		for n < len(lines) && isHeader(lines[n]) {
			n++
		}
		if n > 0 {
			if err := headers(a, strings.Join(lines[:n], ""), false); err != nil {
				return nil, err
			}
			body = strings.Join(lines[n:], "")
		}
	}
	body = strings.TrimSpace(leadMeta(a, body))
	if a.Title == "" {
		if first, rest, _ := strings.Cut(body, "\n"); strings.HasPrefix(first, "# ") {
			a.Title = strings.TrimSpace(strings.TrimLeft(first, "# "))
			body = strings.TrimSpace(rest)
		}
	}
	if body == "" {
		return nil, errors.New("missing text (the file has no body)")
	}
	a.Text = body
	return a, nil
}

// leadLines is how many lines of a text's first paragraph leadMeta reads.
const leadLines = 6

// leadMeta reads what a saved text tells of its origin in its first
// paragraph, below a headline: "Source: …" (or another header line) and a
// line that is a bare URL, as a copy-paste from a browser leaves them.
// The lines it reads leave the body; fields already set are kept.
func leadMeta(a *news.Article, body string) string {
	lines := strings.SplitAfter(strings.TrimLeft(body, " \t\n"), "\n")
	var keep []string
	for i, line := range lines {
		l := strings.TrimSpace(line)
		if i >= leadLines || l == "" {
			keep = append(keep, lines[i:]...)
			break
		}
		if isURLLine(l) {
			if a.URL == "" {
				a.URL = l
			}
			continue
		}
		if i > 0 && isHeader(l) {
			// Not the first line: "Lawyer: …" there is a headline.
			b := news.Article{}
			if headers(&b, l, false) == nil {
				a.Source = cmp.Or(a.Source, b.Source)
				a.URL = cmp.Or(a.URL, b.URL)
				a.Author = cmp.Or(a.Author, b.Author)
				if a.Published.IsZero() {
					a.Published = b.Published
				}
				continue
			}
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "")
}

// isURLLine reports whether a line is one absolute http(s) URL.
func isURLLine(l string) bool {
	if strings.ContainsAny(l, " \t") || !(strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) {
		return false
	}
	u, err := url.Parse(l)
	return err == nil && u.Host != ""
}

// isHeader reports whether line is a "Key: value" header line.
func isHeader(line string) bool {
	key, val, ok := strings.Cut(line, ":")
	if !ok || strings.TrimSpace(val) == "" {
		return false
	}
	_, known := headerKeys[strings.ToLower(strings.TrimSpace(key))]
	return known
}

// headers applies a block of "Key: value" lines to a; unknown keys are
// skipped, and front-matter values lose their quotes.
func headers(a *news.Article, block string, frontMatter bool) error {
	for _, line := range strings.Split(block, "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		field, known := headerKeys[strings.ToLower(strings.TrimSpace(key))]
		if !known {
			continue
		}
		val = strings.TrimSpace(val)
		if frontMatter {
			val = strings.Trim(val, `"'`)
		}
		switch field {
		case "title":
			a.Title = val
		case "source":
			a.Source = val
		case "url":
			a.URL = val
		case "lang":
			a.Lang = val
		case "author":
			a.Author = val
		case "id":
			a.ID = val
		case "published":
			t, err := ParseTime(val)
			if err != nil {
				return errors.New("header " + strings.TrimSpace(key) + ": " + err.Error())
			}
			a.Published = t
		}
	}
	return nil
}
