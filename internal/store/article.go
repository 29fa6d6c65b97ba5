package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Batch is what one Commit stores, in one transaction.
type Batch struct {
	Articles []news.Article  // new articles, Event and DuplicateOf already set
	Analyses []news.Analysis // extracted facts, keyed by Analysis.Article
	Events   []news.Event    // events created or changed: full reconciled dossier, upserted
	Links    []Link          // storyline links; stored in both directions
	// Merges are events found to be one with another: applied first, each
	// moves every article of From to To, deletes From and leaves a redirect
	// so that From still answers with To.
	Merges []Merge
	// Moves reassign single stored articles to another event (clustering
	// split an event it had grown by chaining); applied after Merges.
	Moves []Move
	// Keys are the new articles' keys (article id → cluster.Keys), by
	// which a later batch recalls their events (see Recall).
	Keys map[string][]string
}

// Merge folds event From into event To.
type Merge struct{ From, To string }

// Move puts a stored article into another event.
type Move struct{ Article, Event string }

// Link is a storyline link between two events.
type Link struct {
	From, To string
	Score    float64
	Reason   string
}

// Commit stores b in one transaction: all of it or, on error or crash, none of it.
//
// It is idempotent: an article whose id or content hash is already stored is skipped
// without error, events are upserted, and links overwrite links between the same events.
// An analysis whose article is already stored under that id replaces its analysis, so
// re-extracting an article is a Commit with only Analyses. Each event's Articles list is the truth
// about membership: the articles it names get their Event set to it.
func (db *DB) Commit(ctx context.Context, b Batch) error {
	return db.writeTx(ctx, "commit", func(tx *sql.Tx) error {
		if db.pg {
			// Serialise commits so that article seq values (taken from an identity sequence)
			// become visible in increasing order: ArticlesSince(afterSeq) can then never miss
			// a row committed late with a smaller seq. It also orders concurrent upserts of
			// the same events, which rules out deadlocks between workers.
			if _, err := cleaned(tx).ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, CommitLockKey); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
		}
		for _, m := range b.Merges {
			if err := db.mergeEvent(ctx, tx, m); err != nil {
				return fmt.Errorf("merge event %s into %s: %w", m.From, m.To, err)
			}
		}
		for _, m := range b.Moves {
			if err := db.moveArticles(ctx, tx, m.Event, []string{m.Article}); err != nil {
				return fmt.Errorf("move article %s to event %s: %w", m.Article, m.Event, err)
			}
		}
		analyses := make(map[string]*news.Analysis, len(b.Analyses))
		for i := range b.Analyses {
			analyses[b.Analyses[i].Article] = &b.Analyses[i]
		}
		var fts []ftsRow // SQLite full-text rows, written last (see ftsRow)
		inserted, err := db.insertArticles(ctx, tx, b.Articles, analyses, &fts)
		if err != nil {
			return err
		}
		if err := db.insertKeys(ctx, tx, b.Keys, inserted); err != nil {
			return err
		}
		if len(inserted) > 0 {
			if _, err := cleaned(tx).ExecContext(ctx, `INSERT INTO article_batches (last_seq) SELECT MAX(seq) FROM articles`); err != nil {
				return fmt.Errorf("log batch: %w", err)
			}
		}
		if err := db.pruneLogs(ctx, tx); err != nil {
			return fmt.Errorf("prune replay logs: %w", err)
		}
		for id, an := range analyses {
			if inserted[id] {
				continue
			}
			js, err := json.Marshal(an)
			if err != nil {
				return fmt.Errorf("article %s: encode analysis: %w", id, err)
			}
			if _, err := cleaned(tx).ExecContext(ctx, db.q(`UPDATE articles SET analysis = ? WHERE id = ?`), string(js), id); err != nil {
				return fmt.Errorf("article %s: store analysis: %w", id, err)
			}
		}
		events := make([]*news.Event, len(b.Events))
		for i := range b.Events {
			events[i] = &b.Events[i]
		}
		sort.SliceStable(events, func(i, j int) bool { return events[i].ID < events[j].ID })
		var links []Link
		for _, e := range events {
			if err := db.upsertEvent(ctx, tx, e, &fts); err != nil {
				return fmt.Errorf("event %s: %w", e.ID, err)
			}
			for _, r := range e.Related {
				links = append(links, Link{From: e.ID, To: r.Event, Score: r.Score, Reason: r.Reason})
			}
		}
		links = append(links, b.Links...)
		if err := db.insertLinks(ctx, tx, links); err != nil {
			return err
		}
		return writeFTS(ctx, tx, fts)
	})
}

// pruneLogs keeps the newest db.logKeep rows of the replay logs (see defaultLogKeep): one
// range delete on each primary key, nothing to do until a log outgrows it.
func (db *DB) pruneLogs(ctx context.Context, tx *sql.Tx) error {
	if db.logKeep <= 0 {
		return nil
	}
	for _, q := range []string{
		`DELETE FROM article_batches WHERE last_seq < (SELECT MAX(seq) FROM articles) - ?`,
		`DELETE FROM article_moves WHERE seq <= (SELECT MAX(seq) FROM article_moves) - ?`,
	} {
		if _, err := cleaned(tx).ExecContext(ctx, db.q(q), db.logKeep); err != nil {
			return err
		}
	}
	return nil
}

// ftsRow is one row for an SQLite FTS5 table. Commit writes them after every other
// statement: FTS5 flushes its pending terms to disk at every statement savepoint, and
// INSERT ... ON CONFLICT opens one, so interleaving would write one index segment per
// article (and then merge them) instead of one per Commit. Measured: 3x faster commits.
type ftsRow struct {
	table   string // "articles_fts" or "events_fts"
	rowid   int64
	cols    [2]string
	replace bool // delete the row first (events change; articles never do)
}

func writeFTS(ctx context.Context, tx *sql.Tx, rows []ftsRow) error {
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	stmt := func(query string) (*sql.Stmt, error) {
		if st := stmts[query]; st != nil {
			return st, nil
		}
		st, err := tx.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		stmts[query] = st
		return st, nil
	}
	for _, r := range rows {
		cols := "title, body"
		if r.table == "events_fts" {
			cols = "title, summary"
		}
		if r.replace {
			del, err := stmt(`DELETE FROM ` + r.table + ` WHERE rowid = ?`)
			if err != nil {
				return fmt.Errorf("index: %w", err)
			}
			if _, err := del.ExecContext(ctx, r.rowid); err != nil {
				return fmt.Errorf("index: %w", err)
			}
		}
		ins, err := stmt(`INSERT INTO ` + r.table + ` (rowid, ` + cols + `) VALUES (?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		if _, err := ins.ExecContext(ctx, r.rowid, r.cols[0], r.cols[1]); err != nil {
			return fmt.Errorf("index %s row %d: %w", r.table, r.rowid, err)
		}
	}
	return nil
}

const articleColumns = `id, hash, title, body, published, source, url, lang, author, image, origin, inferred, event, duplicate_of, analysis, stored_at`

// insertArticles inserts the articles not stored yet and reports which ids it inserted.
func (db *DB) insertArticles(ctx context.Context, tx *sql.Tx, articles []news.Article, analyses map[string]*news.Analysis, fts *[]ftsRow) (map[string]bool, error) {
	inserted := map[string]bool{}
	if len(articles) == 0 {
		return inserted, nil
	}
	query := `INSERT INTO articles (` + articleColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING seq`
	if db.pg {
		query = `INSERT INTO articles (` + articleColumns + `, tsv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?)) ON CONFLICT DO NOTHING RETURNING seq`
	}
	ins, err := tx.PrepareContext(ctx, db.q(query))
	if err != nil {
		return nil, fmt.Errorf("prepare insert article: %w", err)
	}
	defer ins.Close()
	stored := now()
	for i := range articles {
		a := &articles[i]
		if a.ID == "" {
			return nil, fmt.Errorf("article %d of batch (%q): empty id", i, a.Title)
		}
		inferred, err := json.Marshal(nonNil(a.Inferred))
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
		var analysis any
		if an := analyses[a.ID]; an != nil {
			js, err := json.Marshal(an)
			if err != nil {
				return nil, fmt.Errorf("article %s: encode analysis: %w", a.ID, err)
			}
			analysis = string(js)
		}
		var hash any
		if a.Hash != "" {
			hash = clean(a.Hash)
		}
		title, text := clean(a.Title), clean(a.Text)
		args := []any{clean(a.ID), hash, title, text, micros(a.Published), clean(a.Source), clean(a.URL), clean(a.Lang),
			clean(a.Author), clean(a.Image), clean(a.Origin), string(inferred), clean(a.Event), clean(a.DuplicateOf), analysis, stored}
		ftTitle, ftBody := foldText(title), foldText(text)
		if db.pg {
			args = append(args, ftTitle, ftBody)
		}
		var seq int64
		err = ins.QueryRowContext(ctx, args...).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			continue // id or hash already stored
		}
		if err != nil {
			return nil, fmt.Errorf("article %s: insert: %w", a.ID, err)
		}
		inserted[a.ID] = true
		if !db.pg {
			*fts = append(*fts, ftsRow{table: "articles_fts", rowid: seq, cols: [2]string{ftTitle, ftBody}})
		}
	}
	return inserted, nil
}

// clean makes s storable in PostgreSQL, which rejects NUL and invalid UTF-8 in text, without
// moving any byte offset (analyses point into Text): NUL becomes a space and each invalid
// byte a '?'. Both dialects store the cleaned text, so they hold the same thing.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b[i] = '?'
		case r == 0:
			b[i] = ' '
		}
		i += size
	}
	return string(b)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Known reports which of ids and content hashes are already stored: the keys of the map are
// the ids and hashes found. Empty strings are never found.
func (db *DB) Known(ctx context.Context, ids, hashes []string) (map[string]bool, error) {
	found := map[string]bool{}
	for _, col := range []struct {
		name string
		keys []string
	}{{"id", ids}, {"hash", hashes}} {
		var keys []string
		for _, k := range col.keys {
			if k != "" {
				keys = append(keys, k)
			}
		}
		for _, part := range chunks(keys, 500) {
			rows, err := cleaned(db.r).QueryContext(ctx, db.q(`SELECT `+col.name+` FROM articles WHERE `+col.name+` IN (`+placeholders(len(part))+`)`), anys(part)...)
			if err != nil {
				return nil, fmt.Errorf("store: known: %w", err)
			}
			for rows.Next() {
				var k string
				if err := rows.Scan(&k); err != nil {
					rows.Close()
					return nil, fmt.Errorf("store: known: %w", err)
				}
				found[k] = true
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nil, fmt.Errorf("store: known: %w", err)
			}
		}
	}
	return found, nil
}

// articleRow scans the columns of articleColumns, preceded by seq.
type articleRow struct {
	seq      int64
	a        news.Article
	analysis sql.NullString
}

const selectArticle = `SELECT seq, ` + articleColumns + ` FROM articles`

func scanArticle(rows interface{ Scan(...any) error }) (articleRow, error) {
	var r articleRow
	var hash sql.NullString
	var published, stored int64
	var inferred string
	err := rows.Scan(&r.seq, &r.a.ID, &hash, &r.a.Title, &r.a.Text, &published, &r.a.Source, &r.a.URL, &r.a.Lang,
		&r.a.Author, &r.a.Image, &r.a.Origin, &inferred, &r.a.Event, &r.a.DuplicateOf, &r.analysis, &stored)
	if err != nil {
		return r, err
	}
	r.a.Hash = hash.String
	r.a.Published = fromMicros(published)
	if err := json.Unmarshal([]byte(inferred), &r.a.Inferred); err != nil {
		return r, fmt.Errorf("article %s: decode inferred: %w", r.a.ID, err)
	}
	if len(r.a.Inferred) == 0 {
		r.a.Inferred = nil
	}
	return r, nil
}

func (r articleRow) decodeAnalysis() (news.Analysis, error) {
	var an news.Analysis
	if !r.analysis.Valid {
		return an, nil
	}
	if err := json.Unmarshal([]byte(r.analysis.String), &an); err != nil {
		return an, fmt.Errorf("article %s: decode analysis: %w", r.a.ID, err)
	}
	return an, nil
}

// queryArticles runs a query selecting selectArticle's columns and calls fn for each row.
func queryArticles(ctx context.Context, q querier, query string, args []any, fn func(articleRow) error) error {
	rows, err := cleaned(q).QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanArticle(rows)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ArticlesSince returns the articles stored after sequence number afterSeq and published at
// or after publishedSince (zero: all), in storage order, with Event and DuplicateOf set, and
// the last sequence number seen, to pass as afterSeq next time. Rows skipped by the date
// filter still advance that number.
func (db *DB) ArticlesSince(ctx context.Context, afterSeq int64, publishedSince time.Time) ([]news.Article, int64, error) {
	return db.ArticlesAfter(ctx, afterSeq, publishedSince, 0)
}

// ArticlesPublished returns the stored articles published in [from, to],
// with their events, oldest first: what a clusterer needs in memory to
// decide a batch of that time (see pipeline).
func (db *DB) ArticlesPublished(ctx context.Context, from, to time.Time) ([]news.Article, error) {
	var out []news.Article
	err := db.readTx(ctx, "articles published", func(tx *sql.Tx) error {
		query := selectArticle + ` WHERE published >= ? AND published <= ? ORDER BY published, id`
		return queryArticles(ctx, tx, db.q(query), []any{micros(from), micros(to)}, func(r articleRow) error {
			out = append(out, r.a)
			return nil
		})
	})
	return out, err
}

// ArticlesAfter is ArticlesSince returning at most limit articles (0: no limit); the
// sequence number returned is then that of the last article returned when the limit was
// reached, so callers can page through a large store.
func (db *DB) ArticlesAfter(ctx context.Context, afterSeq int64, publishedSince time.Time, limit int) ([]news.Article, int64, error) {
	var out []news.Article
	last := afterSeq
	err := db.readTx(ctx, "articles since", func(tx *sql.Tx) error {
		query := selectArticle + ` WHERE seq > ?`
		args := []any{afterSeq}
		if !publishedSince.IsZero() {
			query += ` AND published >= ?`
			args = append(args, micros(publishedSince))
		}
		query += ` ORDER BY seq`
		if limit > 0 {
			query += ` LIMIT ?`
			args = append(args, limit)
		}
		err := queryArticles(ctx, tx, db.q(query), args, func(r articleRow) error {
			out = append(out, r.a)
			last = r.seq
			return nil
		})
		if err != nil {
			return err
		}
		if limit > 0 && len(out) == limit {
			return nil
		}
		var maxSeq sql.NullInt64
		if err := cleaned(tx).QueryRowContext(ctx, `SELECT max(seq) FROM articles`).Scan(&maxSeq); err != nil {
			return err
		}
		if maxSeq.Valid && maxSeq.Int64 > last {
			last = maxSeq.Int64
		}
		return nil
	})
	if err != nil {
		return nil, afterSeq, err
	}
	return out, last, nil
}

// BatchesSince returns the articles stored after sequence number afterSeq, grouped by
// the Commit that stored them, each group in seq order (the order the batch was given in),
// with each article's current event; and the last sequence number seen. Another process
// replays them batch by batch to reach the state of the clusterer that decided them.
// Articles without a batch record join the next batch recorded (records older than
// defaultLogKeep articles are pruned), or come last as one group (stored by a store older
// than schema version 3).
func (db *DB) BatchesSince(ctx context.Context, afterSeq int64) ([][]news.Article, int64, error) {
	var out [][]news.Article
	last := afterSeq
	err := db.readTx(ctx, "batches since", func(tx *sql.Tx) error {
		rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT last_seq FROM article_batches WHERE last_seq > ? ORDER BY last_seq`), afterSeq)
		if err != nil {
			return err
		}
		var ends []int64
		for rows.Next() {
			var end int64
			if err := rows.Scan(&end); err != nil {
				rows.Close()
				return err
			}
			ends = append(ends, end)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		var group []news.Article
		err = queryArticles(ctx, tx, db.q(selectArticle+` WHERE seq > ? ORDER BY seq`), []any{afterSeq}, func(r articleRow) error {
			for len(ends) > 0 && r.seq > ends[0] {
				if len(group) > 0 {
					out = append(out, group)
					group = nil
				}
				ends = ends[1:]
			}
			group = append(group, r.a)
			last = r.seq
			return nil
		})
		if len(group) > 0 {
			out = append(out, group)
		}
		return err
	})
	if err != nil {
		return nil, afterSeq, err
	}
	return out, last, nil
}

// EventArticles returns the articles of an event and their analyses, in publication order.
// An article without analysis gets a zero Analysis.
func (db *DB) EventArticles(ctx context.Context, eventID string) ([]news.Article, []news.Analysis, error) {
	var arts []news.Article
	var ans []news.Analysis
	err := queryArticles(ctx, db.r, db.q(selectArticle+` WHERE event = ? ORDER BY published, seq`), []any{eventID}, func(r articleRow) error {
		an, err := r.decodeAnalysis()
		if err != nil {
			return err
		}
		arts = append(arts, r.a)
		ans = append(ans, an)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: articles of event %s: %w", eventID, err)
	}
	return arts, ans, nil
}

// Article returns one article and its analysis, or ErrNotFound.
func (db *DB) Article(ctx context.Context, id string) (news.Article, news.Analysis, error) {
	r, err := scanArticle(cleaned(db.r).QueryRowContext(ctx, db.q(selectArticle+` WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return news.Article{}, news.Analysis{}, fmt.Errorf("store: article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return news.Article{}, news.Analysis{}, fmt.Errorf("store: article %s: %w", id, err)
	}
	an, err := r.decodeAnalysis()
	if err != nil {
		return news.Article{}, news.Analysis{}, fmt.Errorf("store: %w", err)
	}
	return r.a, an, nil
}

// EachArticle calls fn with every article and its analysis in storage order. It reads in
// pages, holding no transaction while fn runs, so fn may write elsewhere (migrate --from);
// articles committed while it runs are included if their seq is past the current page.
func (db *DB) EachArticle(ctx context.Context, fn func(news.Article, news.Analysis) error) error {
	const page = 500
	var after int64
	for {
		type item struct {
			a  news.Article
			an news.Analysis
		}
		var items []item
		err := queryArticles(ctx, db.r, db.q(selectArticle+` WHERE seq > ? ORDER BY seq LIMIT ?`), []any{after, page}, func(r articleRow) error {
			an, err := r.decodeAnalysis()
			if err != nil {
				return err
			}
			items = append(items, item{r.a, an})
			after = r.seq
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: each article: %w", err)
		}
		for _, it := range items {
			if err := fn(it.a, it.an); err != nil {
				return err
			}
		}
		if len(items) < page {
			return nil
		}
	}
}

// EventSources returns, for each of the events ids, the citation fields of its articles (ID,
// Title, Source, URL, Published, DuplicateOf, Event; no text), in publication order: what a
// list or a feed entry needs to name an event's sources without reading their texts.
func (db *DB) EventSources(ctx context.Context, ids []string) (map[string][]news.Article, error) {
	out := make(map[string][]news.Article, len(ids))
	for _, part := range chunks(ids, 500) {
		rows, err := cleaned(db.r).QueryContext(ctx, db.q(`SELECT event, id, title, source, url, published, duplicate_of
			FROM articles WHERE event IN (`+placeholders(len(part))+`) ORDER BY event, published, seq`), anys(part)...)
		if err != nil {
			return nil, fmt.Errorf("store: event sources: %w", err)
		}
		for rows.Next() {
			var a news.Article
			var published int64
			if err := rows.Scan(&a.Event, &a.ID, &a.Title, &a.Source, &a.URL, &published, &a.DuplicateOf); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: event sources: %w", err)
			}
			a.Published = fromMicros(published)
			out[a.Event] = append(out[a.Event], a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: event sources: %w", err)
		}
	}
	return out, nil
}
