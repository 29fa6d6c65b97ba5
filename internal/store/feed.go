package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
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
	// ClaimedUntil is when the lease of the process polling the feed
	// (ClaimedBy) ends; zero when nobody holds it.
	ClaimedUntil time.Time
	ClaimedBy    string
}

// FeedState returns the polling state of a feed, or FeedState{URL: url} if it was never
// saved.
func (db *DB) FeedState(ctx context.Context, url string) (FeedState, error) {
	s := FeedState{URL: url}
	var polled, next, claimed int64
	err := cleaned(db.r).QueryRowContext(ctx, db.q(`SELECT `+feedColumns+` FROM feed_state WHERE url = ?`), url).
		Scan(&s.URL, &s.ETag, &s.LastModified, &polled, &next, &s.Failures, &s.LastError, &claimed, &s.ClaimedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("store: feed state %s: %w", url, err)
	}
	s.LastPolled, s.NextPoll, s.ClaimedUntil = fromMicros(polled), fromMicros(next), claimTime(claimed)
	return s, nil
}

// claimTime reads claimed_until, where 0 means no claim.
func claimTime(us int64) time.Time {
	if us <= 0 {
		return time.Time{}
	}
	return fromMicros(us)
}

const feedColumns = `url, etag, last_modified, last_polled, next_poll, failures, last_error, claimed_until, claimed_by`

// SaveFeedState stores the polling state of a feed, replacing what was there, and
// releases the feed if it was claimed.
func (db *DB) SaveFeedState(ctx context.Context, s FeedState) error {
	if s.URL == "" {
		return errors.New("store: save feed state: empty url")
	}
	return db.writeTx(ctx, "save feed state "+s.URL, func(tx *sql.Tx) error {
		_, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO feed_state (url, etag, last_modified, last_polled, next_poll, failures, last_error, claimed_until, claimed_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, 0, '')
			ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
				last_polled = excluded.last_polled, next_poll = excluded.next_poll, failures = excluded.failures,
				last_error = excluded.last_error, claimed_until = 0, claimed_by = ''`),
			s.URL, s.ETag, s.LastModified, micros(s.LastPolled), micros(s.NextPoll), s.Failures, s.LastError)
		return err
	})
}

// ClaimFeeds claims, for owner and until now+lease, up to limit of the feeds among urls
// that are due (next poll reached) and not claimed by a live lease, and returns their
// states, the most overdue first. Feeds never seen are due. Several processes watching the
// same feeds thus share them instead of each fetching every one: on PostgreSQL the rows
// are taken with FOR UPDATE SKIP LOCKED, so concurrent claimers skip each other's rows
// rather than wait; on SQLite the single writer serialises claims. A lease ends when the
// owner saves the feed's state (SaveFeedState), releases it, or dies and the lease runs out.
func (db *DB) ClaimFeeds(ctx context.Context, urls []string, owner string, now time.Time, lease time.Duration, limit int) ([]FeedState, error) {
	if len(urls) == 0 || limit <= 0 {
		return nil, nil
	}
	var out []FeedState
	err := db.writeTx(ctx, "claim feeds", func(tx *sql.Tx) error {
		out = out[:0]
		// Feeds never seen get a row (due at once); one query finds them.
		for _, part := range chunks(urls, 500) {
			known := make(map[string]bool, len(part))
			rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT url FROM feed_state WHERE url IN (`+placeholders(len(part))+`)`), anys(part)...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var u string
				if err := rows.Scan(&u); err != nil {
					rows.Close()
					return err
				}
				known[u] = true
			}
			if err := rows.Close(); err != nil {
				return err
			}
			for _, u := range part {
				if known[u] {
					continue
				}
				if _, err := cleaned(tx).ExecContext(ctx, db.q(`INSERT INTO feed_state (url, etag, last_modified, last_polled, next_poll, failures, last_error)
					VALUES (?, '', '', ?, ?, 0, '') ON CONFLICT (url) DO NOTHING`), u, zeroMicros, zeroMicros); err != nil {
					return err
				}
				known[u] = true
			}
		}
		for _, part := range chunks(urls, 500) {
			if len(out) >= limit {
				break
			}
			lock := ""
			if db.pg {
				lock = ` FOR UPDATE SKIP LOCKED`
			}
			args := []any{micros(now.Add(lease)), owner}
			args = append(args, anys(part)...)
			args = append(args, micros(now), micros(now), limit-len(out))
			rows, err := cleaned(tx).QueryContext(ctx, db.q(`UPDATE feed_state SET claimed_until = ?, claimed_by = ?
				WHERE url IN (SELECT url FROM feed_state WHERE url IN (`+placeholders(len(part))+`)
					AND next_poll <= ? AND claimed_until <= ? ORDER BY next_poll, url LIMIT ?`+lock+`)
				RETURNING `+feedColumns), args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var s FeedState
				var polled, next, claimed int64
				if err := rows.Scan(&s.URL, &s.ETag, &s.LastModified, &polled, &next, &s.Failures, &s.LastError, &claimed, &s.ClaimedBy); err != nil {
					rows.Close()
					return err
				}
				s.LastPolled, s.NextPoll, s.ClaimedUntil = fromMicros(polled), fromMicros(next), claimTime(claimed)
				out = append(out, s)
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim feeds: %w", err)
	}
	slices.SortFunc(out, func(a, b FeedState) int {
		if c := a.NextPoll.Compare(b.NextPoll); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
	return out, nil
}

// NextFeedDue returns when the first of the feeds among urls becomes claimable: its next
// poll, or the end of another process's lease on it, whichever is later; zero time when a
// feed is unknown (due at once) or urls is empty. One query, however many feeds.
func (db *DB) NextFeedDue(ctx context.Context, urls []string) (time.Time, error) {
	var next time.Time
	for _, part := range chunks(urls, 500) {
		var n int
		var at sql.NullInt64
		err := cleaned(db.r).QueryRowContext(ctx, db.q(`SELECT count(*), MIN(CASE WHEN claimed_until > next_poll THEN claimed_until ELSE next_poll END)
			FROM feed_state WHERE url IN (`+placeholders(len(part))+`)`), anys(part)...).Scan(&n, &at)
		if err != nil {
			return time.Time{}, fmt.Errorf("store: next feed due: %w", err)
		}
		if n < len(part) {
			return time.Time{}, nil
		}
		if at.Valid {
			if t := fromMicros(at.Int64); next.IsZero() || t.Before(next) {
				next = t
			}
		}
	}
	return next, nil
}

// ReleaseFeed ends owner's claim on a feed without changing its state (a poll cut short
// by a stop), so another process may take it at once.
func (db *DB) ReleaseFeed(ctx context.Context, url, owner string) error {
	return db.writeTx(ctx, "release feed "+url, func(tx *sql.Tx) error {
		_, err := cleaned(tx).ExecContext(ctx, db.q(`UPDATE feed_state SET claimed_until = 0, claimed_by = '' WHERE url = ? AND claimed_by = ?`), url, owner)
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
