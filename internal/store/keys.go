package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
)

// noKeys files an article whose text gives no key: the empty key, never
// asked for, says it was read (see migration 6).
var noKeys = []string{""}

// insertKeys files the keys of the articles of keys that inserted holds
// (the articles just inserted, see Batch.Keys; nil: all of them), under
// the empty key an article that has none.
func (db *DB) insertKeys(ctx context.Context, tx *sql.Tx, keys map[string][]string, inserted map[string]bool) error {
	if len(keys) == 0 {
		return nil
	}
	ins, err := tx.PrepareContext(ctx, db.q(`INSERT INTO article_keys (key, article) VALUES (?, ?) ON CONFLICT DO NOTHING`))
	if err != nil {
		return fmt.Errorf("prepare insert article key: %w", err)
	}
	defer ins.Close()
	for id, ks := range keys {
		if inserted != nil && !inserted[id] {
			continue
		}
		if len(ks) == 0 {
			ks = noKeys
		}
		for _, k := range ks {
			if _, err := ins.ExecContext(ctx, k, id); err != nil {
				return fmt.Errorf("article %s: store key %q: %w", id, k, err)
			}
		}
	}
	return nil
}

// keysOf returns the keys of the stored articles with the ids given.
func (db *DB) keysOf(ctx context.Context, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := anys(ids)
	rows, err := cleaned(db.r).QueryContext(ctx, db.q(`SELECT article, key FROM article_keys WHERE article IN (`+placeholders(len(ids))+`) ORDER BY article, key`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: keys of %d articles: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, k string
		if err := rows.Scan(&id, &k); err != nil {
			return nil, fmt.Errorf("store: keys of %d articles: %w", len(ids), err)
		}
		out[id] = append(out[id], k)
	}
	return out, rows.Err()
}

// Unkeyed returns up to limit stored articles after seq afterSeq (in seq
// order) that have no keys, those stored before keys existed, and the
// seq of the last one: what FileKeys is for.
func (db *DB) Unkeyed(ctx context.Context, afterSeq int64, limit int) ([]news.Article, int64, error) {
	var out []news.Article
	last := afterSeq
	err := queryArticles(ctx, db.r, db.q(selectArticle+` WHERE seq > ? AND NOT EXISTS (SELECT 1 FROM article_keys k WHERE k.article = articles.id) ORDER BY seq LIMIT ?`),
		[]any{afterSeq, limit}, func(r articleRow) error {
			out = append(out, r.a)
			last = r.seq
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("store: articles without keys: %w", err)
	}
	return out, last, nil
}

// FileKeys files the keys of stored articles (article id → keys; none: the
// empty key), in one transaction. Keys already filed are kept.
func (db *DB) FileKeys(ctx context.Context, keys map[string][]string) error {
	if len(keys) == 0 {
		return nil
	}
	return db.writeTx(ctx, "file article keys", func(tx *sql.Tx) error {
		return db.insertKeys(ctx, tx, keys, nil)
	})
}
