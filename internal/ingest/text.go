package ingest

import (
	"bufio"
	"errors"
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
//
// A text without a Source header names its outlet by a "Source: ..." credit
// line among its first or last lines (the line is then dropped from the
// body), else by the host of the first URL written in it (recorded as
// inferred); otherwise the outlet stays empty, and readers are told "unknown
// outlet".
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
	body = strings.TrimSpace(body)
	if a.Source == "" {
		body = sourceLine(a, body)
	}
	if a.Source == "" && a.URL == "" {
		// A link in the text names, failing all else, the outlet it points to: a text
		// copied from a page usually ends with, or cites, its own address.
		if u := firstURL(body); u != "" {
			if a.Source = news.OutletOf(u); a.Source != "" {
				a.Inferred = append(a.Inferred, "source")
			}
		}
	}
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

// sourceWindow is how many non-empty lines at each end of a text sourceLine
// reads: a credit line sits above or below the story, not inside it.
const sourceWindow = 3

// sourceLine looks for a "Source: NAME" (or "Source: URL") line among the
// first and last lines of body and, when it finds one, sets a.Source from it
// and returns body without that line.
func sourceLine(a *news.Article, body string) string {
	lines := strings.Split(body, "\n")
	var idx []int
	for i := 0; i < len(lines) && len(idx) < sourceWindow; i++ {
		if strings.TrimSpace(lines[i]) != "" {
			idx = append(idx, i)
		}
	}
	for i, n := len(lines)-1, 0; i >= 0 && n < sourceWindow; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			idx = append(idx, i)
			n++
		}
	}
	for _, i := range idx {
		key, val, ok := strings.Cut(strings.TrimSpace(lines[i]), ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(key), "source") {
			continue
		}
		val = strings.TrimSpace(val)
		name := val
		if u := firstURL(val); u != "" {
			name = news.OutletOf(u)
		}
		if name == "" || len(name) > MaxOutletBytes || strings.ContainsFunc(name, isControl) {
			continue
		}
		a.Source = name
		return strings.TrimSpace(strings.Join(append(lines[:i:i], lines[i+1:]...), "\n"))
	}
	return body
}

// firstURL returns the first http or https URL written in s, or "".
func firstURL(s string) string {
	i := strings.Index(s, "http")
	for i >= 0 {
		rest := s[i:]
		if strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "http://") {
			end := strings.IndexFunc(rest, func(r rune) bool {
				return r == ' ' || r == '\n' || r == '\t' || r == '"' || r == '<' || r == '>' || r == ')' || r == ']'
			})
			if end < 0 {
				end = len(rest)
			}
			u := strings.TrimRight(rest[:end], ".,;:!?'")
			if news.OutletOf(u) != "" {
				return u
			}
		}
		next := strings.Index(s[i+4:], "http")
		if next < 0 {
			return ""
		}
		i += 4 + next
	}
	return ""
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
			if u := firstURL(val); u != "" && u == val {
				a.Source = news.OutletOf(u) // "Source: https://..." names the outlet by its host
			}
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
