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

// defaultRankLimit is the number of matches above which hits of a kind are ordered newest
// first rather than by relevance: ranking means scoring every match (about 100 ms for 50,000
// articles on SQLite), and among that many matches of a common word relevance says little.
const defaultRankLimit = 5000

// SearchCountCap bounds the matches Search counts per kind (events,
// articles): a total of 2*SearchCountCap or more means "at least that many".
const SearchCountCap = 10000

// Search finds events (by title, summary and their articles' titles) and articles (by title
// and text) matching q,
// accent- and case-folded (see doc.go for the query syntax). Events come first, then
// articles; each kind is ordered by relevance, or newest first when it has more than
// defaultRankLimit matches. The total counts both kinds, each up to SearchCountCap. A query
// with no word that must match (nothing, or exclusions alone) finds nothing.
func (db *DB) Search(ctx context.Context, q string, limit, offset int) ([]SearchHit, int, error) {
	pq := parseQuery(q)
	if pq.empty() {
		return nil, 0, nil
	}
	terms := pq.positive()
	limit, offset = pageOf(limit, offset)
	arg := ftsQuery(pq)
	if db.pg {
		arg = tsQuery(pq)
	}
	var hits []SearchHit
	var total int
	err := db.readTx(ctx, "search", func(tx *sql.Tx) error {
		var nEvents, nArticles int
		// Counting every match of a common word means reading every matching
		// row (a second on PostgreSQL at 100k articles), so counts stop at
		// SearchCountCap: past it, a total says "at least".
		count := `SELECT (SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH ? LIMIT ?) e),
			(SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?) a)`
		if db.pg {
			count = `SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE tsv @@ to_tsquery('simple', ?) LIMIT ?) e),
				(SELECT count(*) FROM (SELECT 1 FROM articles WHERE tsv @@ to_tsquery('simple', ?) LIMIT ?) a)`
		}
		if err := cleaned(tx).QueryRowContext(ctx, db.q(count), arg, SearchCountCap, arg, SearchCountCap).Scan(&nEvents, &nArticles); err != nil {
			return err
		}
		total = nEvents + nArticles
		// The page is the events slice [offset, offset+limit) followed by articles.
		var bodies []string
		if offset < nEvents {
			rows, err := cleaned(tx).QueryContext(ctx, db.q(db.searchSQL("event", nEvents > db.rankLimit)), arg, limit, offset)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				h := SearchHit{Kind: "event"}
				var published int64
				var summary string
				if err := rows.Scan(&h.ID, &h.Title, &published, &summary); err != nil {
					return err
				}
				h.Event, h.Published = h.ID, fromMicros(published)
				hits = append(hits, h)
				bodies = append(bodies, summary)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			rows.Close()
		}
		if n := limit - len(hits); n > 0 && nArticles > 0 {
			aOffset := max(0, offset-nEvents)
			if aOffset < nArticles {
				rows, err := cleaned(tx).QueryContext(ctx, db.q(db.searchSQL("article", nArticles > db.rankLimit)), arg, n, aOffset)
				if err != nil {
					return err
				}
				defer rows.Close()
				for rows.Next() {
					h := SearchHit{Kind: "article"}
					var published int64
					var body string
					if err := rows.Scan(&h.ID, &h.Event, &h.Title, &published, &body); err != nil {
						return err
					}
					h.Published = fromMicros(published)
					hits = append(hits, h)
					bodies = append(bodies, body)
				}
				if err := rows.Err(); err != nil {
					return err
				}
			}
		}
		for i := range hits {
			hits[i].Snippet = snippet(bodies[i], terms)
			if hits[i].Snippet == "" {
				// The match was in the title: show the opening of the text instead.
				hits[i].Snippet = excerpt(bodies[i], 0, 200)
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return hits, total, nil
}

// searchSQL returns the query for one page of hits of a kind ("event" or "article"), with
// parameters (query, limit, offset). The page is chosen on the full-text index alone, then
// joined to its table, so only the rows shown are read.
func (db *DB) searchSQL(kind string, newest bool) string {
	if db.pg {
		order := `ts_rank(t.tsv, q) DESC, t.seq DESC`
		if newest {
			order = `t.seq DESC`
		}
		if kind == "event" {
			return `SELECT t.id, t.title, t.first_pub, t.summary FROM events t, to_tsquery('simple', ?) q
				WHERE t.tsv @@ q ORDER BY ` + order + ` LIMIT ? OFFSET ?`
		}
		return `SELECT t.id, t.event, t.title, t.published, t.body FROM articles t, to_tsquery('simple', ?) q
			WHERE t.tsv @@ q ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	}
	// bm25 is smaller for better matches; titles weigh four times the rest.
	order, outer := `score, rowid DESC`, `f.score, f.rowid DESC`
	if newest {
		order, outer = `rowid DESC`, `f.rowid DESC`
	}
	if kind == "event" {
		return `SELECT t.id, t.title, t.first_pub, t.summary FROM (
			SELECT rowid, bm25(events_fts, 4.0, 1.0) AS score FROM events_fts WHERE events_fts MATCH ? ORDER BY ` + order + ` LIMIT ? OFFSET ?
		) f JOIN events t ON t.seq = f.rowid ORDER BY ` + outer
	}
	return `SELECT t.id, t.event, t.title, t.published, t.body FROM (
		SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY ` + order + ` LIMIT ? OFFSET ?
	) f JOIN articles t ON t.seq = f.rowid ORDER BY ` + outer
}

// searchDebug is used by tests to show what a query became.
func (db *DB) searchDebug(q string) string {
	if db.pg {
		return fmt.Sprintf("tsquery %q", tsQuery(parseQuery(q)))
	}
	return fmt.Sprintf("fts5 %q", ftsQuery(parseQuery(q)))
}
