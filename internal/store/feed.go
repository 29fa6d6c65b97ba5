package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FeedState is what `dossier watch` remembers about polling one feed.
type FeedState struct {
	URL          string
	ETag         string
	LastModified string
	LastPolled   time.Time
	NextPoll     time.Time
	Failures     int
	LastError    string
}

// FeedState returns the polling state of a feed, or FeedState{URL: url} if it was never
// saved.
func (db *DB) FeedState(ctx context.Context, url string) (FeedState, error) {
	s := FeedState{URL: url}
	var polled, next int64
	err := cleaned(db.r).QueryRowContext(ctx, db.q(`SELECT etag, last_modified, last_polled, next_poll, failures, last_error FROM feed_state WHERE url = ?`), url).
		Scan(&s.ETag, &s.LastModified, &polled, &next, &s.Failures, &s.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("store: feed state %s: %w", url, err)
	}
	s.LastPolled, s.NextPoll = fromMicros(polled), fromMicros(next)
	return s, nil
}

// SaveFeedState stores the polling state of a feed, replacing what was there.
func (db *DB) SaveFeedState(ctx context.Context, s FeedState) error {
	if s.URL == "" {
		return errors.New("store: save feed state: empty url")
	}
	return db.writeTx(ctx, "save feed state "+s.URL, func(tx *sql.Tx) error {
		_, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO feed_state (url, etag, last_modified, last_polled, next_poll, failures, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
				last_polled = excluded.last_polled, next_poll = excluded.next_poll, failures = excluded.failures,
				last_error = excluded.last_error`),
			s.URL, s.ETag, s.LastModified, micros(s.LastPolled), micros(s.NextPoll), s.Failures, s.LastError)
		return err
	})
}

// SeenItem reports whether MarkSeen recorded itemKey for the feed.
func (db *DB) SeenItem(ctx context.Context, feedURL, itemKey string) (bool, error) {
	var n int
	err := cleaned(db.r).QueryRowContext(ctx, db.q(`SELECT count(*) FROM feed_seen WHERE feed_url = ? AND item_key = ?`), feedURL, itemKey).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: seen item %s: %w", feedURL, err)
	}
	return n > 0, nil
}

// MarkSeen records item keys (GUIDs or links) of a feed as processed; marking one twice is
// harmless.
func (db *DB) MarkSeen(ctx context.Context, feedURL string, itemKeys []string) error {
	if len(itemKeys) == 0 {
		return nil
	}
	return db.writeTx(ctx, "mark seen "+feedURL, func(tx *sql.Tx) error {
		at := now()
		for _, k := range itemKeys {
			if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO feed_seen (feed_url, item_key, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`), feedURL, k, at); err != nil {
				return err
			}
		}
		return nil
	})
}
