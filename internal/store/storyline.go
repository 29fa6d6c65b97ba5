package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dossier-news/dossier/internal/news"
)

// MaxStoryline bounds the events Storyline returns: storyline links are made between
// events that share actors, and a chain of them through a long-running topic would
// otherwise reach much of the store.
const MaxStoryline = 200

// Storyline returns the events of id's storyline, the events reachable from it through
// storyline links (Related) in either direction, id's own included, as list items (see
// Events) in time order: first publication, then id. A link to an event merged into another
// leads to that one; a link to an event not stored is skipped. An id merged away answers
// with the storyline of the event it was merged into. ErrNotFound when there is no such
// event.
func (db *DB) Storyline(ctx context.Context, id string) ([]news.Event, error) {
	var out []news.Event
	err := db.readTx(ctx, "storyline "+id, func(tx *sql.Tx) error {
		var n int
		if err := cleaned(tx).QueryRowContext(ctx, db.q(`SELECT count(*) FROM events WHERE id = ?`), id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			to, ok, err := db.redirect(ctx, tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return ErrNotFound
			}
			id = to
		}
		seen := map[string]bool{id: true}
		frontier := []string{id}
		for len(frontier) > 0 && len(seen) < MaxStoryline {
			var next []string
			for _, part := range chunks(frontier, 500) {
				rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT DISTINCT COALESCE(r.to_id, l.to_id)
					FROM event_links l LEFT JOIN event_redirects r ON r.from_id = l.to_id
					WHERE l.from_id IN (`+placeholders(len(part))+`) ORDER BY 1`), anys(part)...)
				if err != nil {
					return err
				}
				for rows.Next() {
					var to string
					if err := rows.Scan(&to); err != nil {
						rows.Close()
						return err
					}
					if !seen[to] && len(seen) < MaxStoryline {
						seen[to] = true
						next = append(next, to)
					}
				}
				rows.Close()
				if err := rows.Err(); err != nil {
					return err
				}
			}
			frontier = next
		}
		ids := make([]string, 0, len(seen))
		for k := range seen {
			ids = append(ids, k)
		}
		for _, part := range chunks(ids, 500) {
			rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT item FROM events WHERE id IN (`+placeholders(len(part))+`)`), anys(part)...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var item string
				if err := rows.Scan(&item); err != nil {
					rows.Close()
					return err
				}
				var e news.Event
				if err := json.Unmarshal([]byte(item), &e); err != nil {
					rows.Close()
					return fmt.Errorf("decode event: %w", err)
				}
				out = append(out, e)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b news.Event) int {
		return cmp.Or(a.First.Compare(b.First), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}
