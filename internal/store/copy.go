package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
)

// copyBatch is the number of articles (or events) per Commit in Copy: large enough to
// amortise a transaction, small enough that an interrupted copy redoes little.
const copyBatch = 500

// Copy copies everything src holds into dst (`dossier migrate --from sqlite:old.db --to
// postgres://...`): articles with their analyses and keys, events, storyline links and feed state.
// It commits in batches and skips articles dst already has (by id or content hash), and
// upserts the rest, so it is idempotent and an interrupted copy resumes where it stopped.
// progress, if not nil, is called after each batch with the number of articles and events
// done and their total.
func Copy(ctx context.Context, dst, src *DB, progress func(done, total int)) error {
	st, err := src.Stats(ctx)
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	total, done := st.Articles+st.Events, 0
	report := func(n int) {
		done += n
		if progress != nil {
			progress(min(done, total), total)
		}
	}

	var arts []news.Article
	var ans []news.Analysis
	flush := func() error {
		if len(arts) == 0 {
			return nil
		}
		n := len(arts)
		ids := make([]string, len(arts))
		hashes := make([]string, len(arts))
		for i, a := range arts {
			ids[i], hashes[i] = a.ID, a.Hash
		}
		known, err := dst.Known(ctx, ids, hashes)
		if err != nil {
			return err
		}
		var b Batch
		for i, a := range arts {
			if known[a.ID] || (a.Hash != "" && known[a.Hash]) {
				continue
			}
			b.Articles = append(b.Articles, a)
			if ans[i].Article != "" {
				b.Analyses = append(b.Analyses, ans[i])
			}
		}
		arts, ans = arts[:0], ans[:0]
		if len(b.Articles) > 0 {
			ids := make([]string, len(b.Articles))
			for i, a := range b.Articles {
				ids[i] = a.ID
			}
			if b.Keys, err = src.keysOf(ctx, ids); err != nil {
				return err
			}
			if err := dst.Commit(ctx, b); err != nil {
				return err
			}
		}
		report(n)
		return nil
	}
	err = src.EachArticle(ctx, func(a news.Article, an news.Analysis) error {
		arts = append(arts, a)
		ans = append(ans, an)
		if len(arts) >= copyBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("store: copy articles: %w", err)
	}

	// Events, in pages by seq, upserted as they are (their Related lives in event_links).
	var after int64
	for {
		var events []news.Event
		rows, err := cleaned(src.r).QueryContext(ctx, src.q(`SELECT seq, dossier FROM events WHERE seq > ? ORDER BY seq LIMIT ?`), after, copyBatch)
		if err != nil {
			return fmt.Errorf("store: copy events: %w", err)
		}
		for rows.Next() {
			var dossier string
			if err := rows.Scan(&after, &dossier); err != nil {
				rows.Close()
				return fmt.Errorf("store: copy events: %w", err)
			}
			var e news.Event
			if err := json.Unmarshal([]byte(dossier), &e); err != nil {
				rows.Close()
				return fmt.Errorf("store: copy event: decode: %w", err)
			}
			events = append(events, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: copy events: %w", err)
		}
		if len(events) == 0 {
			break
		}
		if err := dst.Commit(ctx, Batch{Events: events}); err != nil {
			return fmt.Errorf("store: copy events: %w", err)
		}
		report(len(events))
	}

	// Links: each direction is stored, so copying only from_id < to_id loses nothing.
	var links []Link
	err = eachRow(ctx, src.r, `SELECT from_id, to_id, score, reason FROM event_links WHERE from_id < to_id ORDER BY from_id, to_id`, nil,
		func(rows *sql.Rows) error {
			var l Link
			if err := rows.Scan(&l.From, &l.To, &l.Score, &l.Reason); err != nil {
				return err
			}
			links = append(links, l)
			return nil
		})
	if err != nil {
		return fmt.Errorf("store: copy links: %w", err)
	}
	for _, part := range chunks(links, copyBatch) {
		if err := dst.Commit(ctx, Batch{Links: part}); err != nil {
			return fmt.Errorf("store: copy links: %w", err)
		}
	}

	// Feed polling state and seen items.
	var states []FeedState
	err = eachRow(ctx, src.r, `SELECT url FROM feed_state ORDER BY url`, nil, func(rows *sql.Rows) error {
		var u string
		if err := rows.Scan(&u); err != nil {
			return err
		}
		states = append(states, FeedState{URL: u})
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: copy feed state: %w", err)
	}
	for _, s := range states {
		full, err := src.FeedState(ctx, s.URL)
		if err != nil {
			return fmt.Errorf("store: copy: %w", err)
		}
		if err := dst.SaveFeedState(ctx, full); err != nil {
			return fmt.Errorf("store: copy: %w", err)
		}
	}
	seen := map[string][]string{}
	var feeds []string
	err = eachRow(ctx, src.r, `SELECT feed_url, item_key FROM feed_seen ORDER BY feed_url, item_key`, nil, func(rows *sql.Rows) error {
		var f, k string
		if err := rows.Scan(&f, &k); err != nil {
			return err
		}
		if _, ok := seen[f]; !ok {
			feeds = append(feeds, f)
		}
		seen[f] = append(seen[f], k)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: copy seen items: %w", err)
	}
	for _, f := range feeds {
		for _, part := range chunks(seen[f], copyBatch) {
			if err := dst.MarkSeen(ctx, f, part); err != nil {
				return fmt.Errorf("store: copy: %w", err)
			}
		}
	}
	return nil
}

// eachRow runs query on q and calls fn for each row.
func eachRow(ctx context.Context, q *sql.DB, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
