package pipeline

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/news"
)

// KeyStore is what FileKeys needs of the store.
type KeyStore interface {
	Unkeyed(ctx context.Context, afterSeq int64, limit int) ([]news.Article, int64, error)
	FileKeys(ctx context.Context, keys map[string][]string) error
}

// keyPage is how many articles FileKeys reads and files at a time: one
// transaction each, so a killed backfill keeps what it filed and resumes.
const keyPage = 500

// FileKeys files the keys (cluster.Keys) of the stored articles that have
// none: those stored before the store kept keys (schema version 5), whose
// events a follow-up beyond the clusterer's window could not recall
// otherwise. It returns how many articles it filed; progress, if not nil,
// is called with that count after each page.
func FileKeys(ctx context.Context, st KeyStore, progress func(done int)) (int, error) {
	done := 0
	var after int64
	for {
		arts, last, err := st.Unkeyed(ctx, after, keyPage)
		if err != nil {
			return done, fmt.Errorf("file keys: %w", err)
		}
		if len(arts) == 0 {
			return done, nil
		}
		keys := make(map[string][]string, len(arts))
		for _, a := range arts {
			keys[a.ID] = cluster.Keys(a.Title, a.Text, a.Lang)
		}
		if err := st.FileKeys(ctx, keys); err != nil {
			return done, fmt.Errorf("file keys: %w", err)
		}
		done += len(arts)
		after = last
		if progress != nil {
			progress(done)
		}
	}
}
