package store

import (
	"context"
	"database/sql"
	"errors"
)

// mergeEvent moves the articles of m.From to m.To, deletes m.From with its
// rows (entities, places, languages, outlets, links, search text) and
// records the redirect, flattening any redirect that pointed at m.From.
func (db *DB) mergeEvent(ctx context.Context, tx *sql.Tx, m Merge) error {
	if m.From == "" || m.To == "" || m.From == m.To {
		return nil
	}
	q := cleaned(tx)
	if _, err := q.ExecContext(ctx, db.q(`INSERT INTO article_moves (article_id, event_id) SELECT id, ? FROM articles WHERE event = ? ORDER BY seq`), m.To, m.From); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, db.q(`UPDATE articles SET event = ? WHERE event = ?`), m.To, m.From); err != nil {
		return err
	}
	if !db.pg {
		if _, err := q.ExecContext(ctx, `DELETE FROM events_fts WHERE rowid = (SELECT seq FROM events WHERE id = ?)`, m.From); err != nil {
			return err
		}
	}
	steps := []struct {
		stmt string
		args []any
	}{
		{`DELETE FROM events WHERE id = ?`, []any{m.From}},
		{`DELETE FROM event_links WHERE from_id = ? OR to_id = ?`, []any{m.From, m.From}},
		{`UPDATE event_redirects SET to_id = ? WHERE to_id = ?`, []any{m.To, m.From}},
		{`INSERT INTO event_redirects (from_id, to_id) VALUES (?, ?) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id`, []any{m.From, m.To}},
	}
	for _, s := range steps {
		if _, err := q.ExecContext(ctx, db.q(s.stmt), s.args...); err != nil {
			return err
		}
	}
	return nil
}

// redirect returns the event id was merged into, if it was.
func (db *DB) redirect(ctx context.Context, tx *sql.Tx, id string) (string, bool, error) {
	var to string
	err := cleaned(tx).QueryRowContext(ctx, db.q(`SELECT to_id FROM event_redirects WHERE from_id = ?`), id).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return to, err == nil, err
}

// MovesSince returns the changes of stored articles' events committed after sequence
// number afterSeq, in commit order (a later move of one article comes after an earlier
// one), and the last sequence number seen. Articles inserted with their event are not
// moves; merges, splits and re-linkings are.
func (db *DB) MovesSince(ctx context.Context, afterSeq int64) ([]Move, int64, error) {
	var out []Move
	last := afterSeq
	err := db.readTx(ctx, "moves since", func(tx *sql.Tx) error {
		rows, err := cleaned(tx).QueryContext(ctx, db.q(`SELECT seq, article_id, event_id FROM article_moves WHERE seq > ? ORDER BY seq`), afterSeq)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Move
			if err := rows.Scan(&last, &m.Article, &m.Event); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, last, err
}

// LastMoveSeq returns the sequence number of the newest logged move (0 when there is
// none), so that a writer can step past its own moves.
func (db *DB) LastMoveSeq(ctx context.Context) (int64, error) {
	var last int64
	err := db.readTx(ctx, "last move seq", func(tx *sql.Tx) error {
		return cleaned(tx).QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM article_moves`).Scan(&last)
	})
	return last, err
}

// LastSeq returns the sequence number of the newest stored article (0 when
// there is none), so that a writer can step past what it just committed
// without reading it back.
func (db *DB) LastSeq(ctx context.Context) (int64, error) {
	var last int64
	err := db.readTx(ctx, "last seq", func(tx *sql.Tx) error {
		return cleaned(tx).QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&last)
	})
	return last, err
}
