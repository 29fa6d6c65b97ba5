package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

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
