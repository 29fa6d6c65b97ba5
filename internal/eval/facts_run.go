package eval

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

// Ingest runs gold through the whole pipeline (extract → cluster →
// reconcile → store), in file order and in batches of batch articles as
// `dossier ingest` does, into a fresh SQLite store in a temporary
// directory, and returns every event with its full dossier. logger may be
// nil.
func Ingest(ctx context.Context, gold []GoldArticle, batch int, logger *slog.Logger) ([]news.Event, error) {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dir, err := os.MkdirTemp("", "dossier-eval-")
	if err != nil {
		return nil, fmt.Errorf("eval ingest: %w", err)
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, filepath.Join(dir, "eval.db"))
	if err != nil {
		return nil, fmt.Errorf("eval ingest: %w", err)
	}
	defer db.Close()
	an, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("eval ingest: load extractor: %w", err)
	}
	p := pipeline.New(db, an, pipeline.Options{Logger: logger})
	walk := func(fn func(*news.Article, error) error) error {
		for i := range gold {
			a := gold[i].Article
			if err := fn(&a, nil); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := p.IngestAll(ctx, walk, batch, nil); err != nil {
		return nil, fmt.Errorf("eval ingest: %w", err)
	}
	evs, err := db.EventsBetween(ctx, time.Time{}, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("eval ingest: %w", err)
	}
	return evs, nil
}

// RunFacts ingests gold through the pipeline (Ingest) and scores the
// events against the incidents (ScoreFacts), timing the whole.
func RunFacts(ctx context.Context, gold []GoldArticle, incidents []Incident, batch int, logger *slog.Logger) (FactsReport, error) {
	start := time.Now()
	evs, err := Ingest(ctx, gold, batch, logger)
	if err != nil {
		return FactsReport{}, err
	}
	r := ScoreFacts(gold, evs, incidents)
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}
