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

// RunBatch is how many articles Run clusters at a time.
const RunBatch = 2048

// Run is `dossier cluster`: it reads article JSONL from r, clusters the
// articles in batches of RunBatch and writes assignments to w as JSONL
// ({"id":...,"event":...,...}). With stream false it writes, at the end,
// one line per article in input order with its final event. With stream
// true it writes each batch's outcome as it is decided: a line for every
// article of the batch, then one for every earlier article whose event
// changed (with "from"), so the last line for an id is its final event.
// Without a store, memory is the only one: nothing is evicted by time
// (Config.MaxDocs still bounds it). It returns the number of articles read.
func Run(cfg Config, r io.Reader, w io.Writer, stream bool) (n int, err error) {
	c := New(cfg)
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	var order []string
	final := map[string]Assignment{}
	var batch []news.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		out := c.Add(batch)
		batch = batch[:0]
		c.Evict(time.Time{}, time.Time{})
		for _, a := range out.Assignments {
			if stream {
				if err := enc.Encode(a); err != nil {
					return fmt.Errorf("write: %w", err)
				}
				continue
			}
			if old, ok := final[a.Article]; ok {
				a.NewEvent = old.NewEvent
			}
			a.From = ""
			final[a.Article] = a
		}
		return nil
	}
	err = ReadArticles(r, func(_ int, a *news.Article) error {
		n++
		if !stream {
			order = append(order, a.ID)
		}
		batch = append(batch, *a)
		if len(batch) >= RunBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, fmt.Errorf("cluster: %w", err)
	}
	for _, id := range order {
		if a, ok := final[id]; ok {
			if err := enc.Encode(a); err != nil {
				return n, fmt.Errorf("cluster: write: %w", err)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("cluster: write: %w", err)
	}
	return n, nil
}
