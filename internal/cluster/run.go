package cluster

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// LineError is a malformed line of article JSONL.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// jsonArticle is the article JSONL format of the shared data README. It is
// decoded separately from news.Article because there "published" may be an
// empty string, which time.Time refuses.
type jsonArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Lang      string `json:"lang"`
	URL       string `json:"url"`
	Hash      string `json:"hash"`
}

// ParseArticle decodes one line of article JSONL. "published" may be empty
// or RFC 3339; "id" is required.
func ParseArticle(line []byte) (news.Article, error) {
	var j jsonArticle
	if err := json.Unmarshal(line, &j); err != nil {
		return news.Article{}, err
	}
	if strings.TrimSpace(j.ID) == "" {
		return news.Article{}, errors.New(`missing "id"`)
	}
	a := news.Article{ID: j.ID, Title: j.Title, Text: j.Text, Source: j.Source, Lang: j.Lang, URL: j.URL, Hash: j.Hash}
	if j.Published != "" {
		t, err := time.Parse(time.RFC3339, j.Published)
		if err != nil {
			return news.Article{}, fmt.Errorf(`"published": %w`, err)
		}
		a.Published = t
	}
	return a, nil
}

// ReadArticles calls fn for each article of a JSONL stream (gzip detected
// by its magic bytes). Blank lines are skipped; a malformed line stops the
// read with a *LineError.
func ReadArticles(r io.Reader, fn func(line int, a *news.Article) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		a, err := ParseArticle(b)
		if err != nil {
			return &LineError{Line: line, Err: err}
		}
		if err := fn(line, &a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return nil
}

// Run is `dossier cluster`: it reads article JSONL from r, clusters the
// articles in input order and writes assignments to w as JSONL
// ({"id":...,"event":...,...}), one line per article as it is decided.
//
// When an article links events that were apart, they merge: its line
// lists the absorbed event ids in "merged", and it is followed by one line
// for every earlier article whose event changed ({"id":...,"event":<the
// survivor>,"score":0,"new_event":false}). So the last line for an id is
// its final assignment: a consumer of `dossier cluster > assignments.jsonl`
// must let later lines for an id replace earlier ones (or apply the
// "merged" lists itself). At the end of the input Run calls Consolidate
// and writes a line for every article it moves, in the same way. It
// returns the number of articles clustered, which is the number of lines
// only when no merge happened.
func Run(cfg Config, r io.Reader, w io.Writer) (n int, err error) {
	c := New(cfg)
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	err = ReadArticles(r, func(_ int, a *news.Article) error {
		as := c.Add(a)
		n++
		if err := enc.Encode(as); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		for _, m := range c.Moved() {
			if err := enc.Encode(m); err != nil {
				return fmt.Errorf("write: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("cluster: %w", err)
	}
	for _, m := range c.Consolidate() {
		if err := enc.Encode(m); err != nil {
			return n, fmt.Errorf("cluster: write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("cluster: write: %w", err)
	}
	return n, nil
}
