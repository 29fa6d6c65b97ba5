package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Recall returns the stored articles of the events that share keys with a
// batch through articles published outside [lo, hi] (the clusterer's
// window, which it holds already), by the rule of cluster.Archive.Recall:
// a key on more than posting articles is not followed; the events sharing
// the most keys come first (ties by id), whole, while they fit in limit
// articles. The articles come in publication order, with Event set. The
// empty key (an article with none) is never followed.
func (db *DB) Recall(ctx context.Context, keys []string, lo, hi time.Time, posting, limit int) ([]news.Article, error) {
	keys = slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == "" }) // see noKeys
	if len(keys) == 0 {
		return nil, nil
	}
	var out []news.Article
	err := db.readTx(ctx, "recall events by key", func(tx *sql.Tx) error {
		// The events sharing keys, with their sizes: which fit is decided
		// here, and their articles are read in one query.
		// At most a batch's keys (256 articles × 12): under the dialects'
		// parameter limits.
		args := append(anys(keys), posting, zeroMicros, micros(lo), micros(hi))
		query := `WITH k AS (SELECT key FROM article_keys WHERE key IN (` + placeholders(len(keys)) + `) GROUP BY key HAVING count(*) <= ?),
			e AS (SELECT a.event, count(DISTINCT ak.key) AS n FROM article_keys ak
				JOIN k ON k.key = ak.key JOIN articles a ON a.id = ak.article
				WHERE a.event <> '' AND a.published <> ? AND (a.published < ? OR a.published > ?)
				GROUP BY a.event)
			SELECT e.event, (SELECT count(*) FROM articles x WHERE x.event = e.event) FROM e ORDER BY e.n DESC, e.event`
		rows, err := cleaned(tx).QueryContext(ctx, db.q(query), args...)
		if err != nil {
			return err
		}
		var events []any
		total := 0
		for rows.Next() {
			var ev string
			var size int
			if err := rows.Scan(&ev, &size); err != nil {
				rows.Close()
				return err
			}
			if total+size <= limit {
				events = append(events, ev)
				total += size
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(events) == 0 {
			return err
		}
		return queryArticles(ctx, tx, db.q(selectArticle+` WHERE event IN (`+placeholders(len(events))+`)`), events, func(r articleRow) error {
			out = append(out, r.a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	slices.SortFunc(out, func(x, y news.Article) int {
		if c := x.Published.Compare(y.Published); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return out, nil
}
