package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrNoDatabase is matched (errors.Is) by the error OpenExisting returns
// when a SQLite database file does not exist.
var ErrNoDatabase = errors.New("store: no such database")

// OpenExisting is Open for commands that only read: it refuses a SQLite
// file that does not exist, with an error matching ErrNoDatabase, where
// Open would create an empty store (a mistyped --db would then list no
// events instead of failing). A PostgreSQL URL is opened as by Open,
// which refuses a database without the schema.
func OpenExisting(ctx context.Context, dsn string) (*DB, error) {
	if !isPostgres(dsn) {
		path, _, err := sqlitePath(dsn)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(path); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("%w: %s does not exist (only ingest, watch, demo and migrate create a database)", ErrNoDatabase, path)
			}
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	return Open(ctx, dsn)
}
