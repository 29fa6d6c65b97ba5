package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// SearchHit is one result of Search.
type SearchHit struct {
	Kind      string    `json:"kind"` // "event" or "article"
	ID        string    `json:"id"`
	Event     string    `json:"event,omitempty"`
	Title     string    `json:"title"`
	Snippet   string    `json:"snippet"` // plain text, the caller escapes it
	Published time.Time `json:"published"`
}

// Search finds events (by title and summary) and articles (by title and text) matching q,
// accent- and case-folded (see fold.go for the query syntax). Events come first, then
// articles, each by relevance; the total counts both. A query with no words finds nothing.
func (db *DB) Search(ctx context.Context, q string, limit, offset int) ([]SearchHit, int, error) {
	terms := parseQuery(q)
	if len(terms) == 0 {
		return nil, 0, nil
	}
	limit, offset = pageOf(limit, offset)
	var countSQL, listSQL string
	var arg string
	if db.pg {
		arg = tsQuery(terms)
		countSQL = `SELECT (SELECT count(*) FROM events WHERE tsv @@ to_tsquery('simple', ?))
			+ (SELECT count(*) FROM articles WHERE tsv @@ to_tsquery('simple', ?))`
		listSQL = `SELECT kind, id, event, title, published, body FROM (
			SELECT 0 AS ord, 'event' AS kind, e.id, e.id AS event, e.title, e.first_pub AS published, e.summary AS body,
				ts_rank(e.tsv, q) AS rank, e.seq
			FROM events e, to_tsquery('simple', ?) q WHERE e.tsv @@ q
			UNION ALL
			SELECT 1, 'article', a.id, a.event, a.title, a.published, '', ts_rank(a.tsv, q), a.seq
			FROM articles a, to_tsquery('simple', ?) q WHERE a.tsv @@ q
		) hits ORDER BY ord, rank DESC, seq DESC LIMIT ? OFFSET ?`
	} else {
		arg = ftsQuery(terms)
		countSQL = `SELECT (SELECT count(*) FROM events_fts WHERE events_fts MATCH ?)
			+ (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?)`
		// bm25 is smaller for better matches; titles weigh four times the body.
		listSQL = `SELECT kind, id, event, title, published, body FROM (
			SELECT 0 AS ord, 'event' AS kind, e.id AS id, e.id AS event, e.title AS title, e.first_pub AS published,
				e.summary AS body, f.rank AS rank, e.seq AS seq
			FROM (SELECT rowid, bm25(events_fts, 4.0, 1.0) AS rank FROM events_fts WHERE events_fts MATCH ?) f
			JOIN events e ON e.seq = f.rowid
			UNION ALL
			SELECT 1, 'article', a.id, a.event, a.title, a.published, '', f.rank, a.seq
			FROM (SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH ?) f
			JOIN articles a ON a.seq = f.rowid
		) ORDER BY ord, rank, seq DESC LIMIT ? OFFSET ?`
	}
	var hits []SearchHit
	var total int
	err := db.readTx(ctx, "search", func(tx *sql.Tx) error {
		if err := cleaned(tx).QueryRowContext(ctx, db.q(countSQL), arg, arg).Scan(&total); err != nil {
			return err
		}
		if offset >= total {
			return nil
		}
		rows, err := cleaned(tx).QueryContext(ctx, db.q(listSQL), arg, arg, limit, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		var bodies []string
		for rows.Next() {
			var h SearchHit
			var published int64
			var body string
			if err := rows.Scan(&h.Kind, &h.ID, &h.Event, &h.Title, &published, &body); err != nil {
				return err
			}
			h.Published = fromMicros(published)
			hits = append(hits, h)
			bodies = append(bodies, body)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		// Article bodies are read only for the page of hits, not for every match.
		var ids []string
		for _, h := range hits {
			if h.Kind == "article" {
				ids = append(ids, h.ID)
			}
		}
		text := map[string]string{}
		if len(ids) > 0 {
			rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT id, body FROM articles WHERE id IN (`+placeholders(len(ids))+`)`), anys(ids)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, body string
				if err := rows.Scan(&id, &body); err != nil {
					return err
				}
				text[id] = body
			}
			if err := rows.Err(); err != nil {
				return err
			}
		}
		for i := range hits {
			body := bodies[i]
			if hits[i].Kind == "article" {
				body = text[hits[i].ID]
			}
			hits[i].Snippet = snippet(body, terms)
			if hits[i].Snippet == "" {
				// The match was in the title: show the opening of the text instead.
				hits[i].Snippet = excerpt(body, 0, 200)
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return hits, total, nil
}

// searchDebug is used by tests to show what a query became.
func (db *DB) searchDebug(q string) string {
	if db.pg {
		return fmt.Sprintf("tsquery %q", tsQuery(parseQuery(q)))
	}
	return fmt.Sprintf("fts5 %q", ftsQuery(parseQuery(q)))
}
