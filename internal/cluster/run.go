package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// ReadArticles calls fn for each article of a JSON article stream (JSONL,
// an array, gzip detected by its magic bytes), decoded by ingest's one
// decoder under its caps; every article needs an id and a text. The first
// bad article stops the read with its *ingest.Error (line, field).
func ReadArticles(r io.Reader, fn func(line int, a *news.Article) error) error {
	d := ingest.Decoder{Name: "input", RequireID: true, Gzip: true}
	return d.Decode(r, func(rec *ingest.Record, err error) error {
		if err != nil {
			return err
		}
		return fn(rec.Line, &rec.Article)
	})
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
