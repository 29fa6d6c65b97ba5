package sample

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// goldLine is one article in the labelled-corpus format of the shared data
// README: the JSONL fields Dossier ingests plus the gold cluster.
type goldLine struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Lang      string `json:"lang"`
	Cluster   string `json:"cluster,omitempty"`
}

// WriteJSONL writes articles as JSONL in the labelled-corpus format (id,
// title, text, published in RFC 3339, source, url, lang, and cluster from
// labels when it has the id), so generated articles can be ingested from a
// file or scored like the shared corpora. Articles are written in order.
func WriteJSONL(w io.Writer, arts []news.Article, labels map[string]string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range arts {
		a := &arts[i]
		l := goldLine{
			ID: a.ID, Title: a.Title, Text: a.Text, Source: a.Source,
			URL: a.URL, Lang: a.Lang, Cluster: labels[a.ID],
		}
		if !a.Published.IsZero() {
			l.Published = a.Published.UTC().Format(time.RFC3339)
		}
		if err := enc.Encode(&l); err != nil {
			return fmt.Errorf("sample: write article %s: %w", a.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("sample: write articles: %w", err)
	}
	return nil
}
