package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migration is one numbered schema change. The two dialects have the same numbers, names
// and meaning; a test checks that.
type migration struct {
	version int
	name    string // file name, e.g. "0001_init.sql"
	sql     string
}

var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

// loadMigrations reads the embedded migrations of a dialect ("sqlite" or "postgres") in
// order. Versions must run 1, 2, 3... without a gap, so that "version N" means the same
// schema everywhere.
func loadMigrations(dialect string) ([]migration, error) {
	dir := "migrations/" + dialect
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("store: migration %s/%s: name must look like 0001_init.sql", dir, e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		b, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration %s/%s: expected version %04d", dir, m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion returns the schema version this binary needs (the number of its
// migrations).
func SchemaVersion() int {
	ms, err := loadMigrations("sqlite")
	if err != nil {
		panic(err) // the embedded files are checked by tests
	}
	return len(ms)
}

const createSchemaMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL,
	applied_at BIGINT  NOT NULL
)`

// appliedVersions returns the versions recorded in schema_migrations, or none when the table
// does not exist.
func appliedVersions(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, pg bool) (map[int]bool, error) {
	var exists bool
	var err error
	if pg {
		err = q.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists)
	} else {
		err = q.QueryRowContext(ctx, `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists)
	}
	if err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	applied := map[int]bool{}
	if !exists {
		return applied, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema version: %w", err)
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

func maxVersion(applied map[int]bool) int {
	m := 0
	for v := range applied {
		m = max(m, v)
	}
	return m
}

// checkSchema refuses a database whose migrations are not exactly this binary's.
func (db *DB) checkSchema(ctx context.Context) error {
	ms, err := loadMigrations(db.Dialect())
	if err != nil {
		return err
	}
	applied, err := appliedVersions(ctx, db.r, db.pg)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	have := maxVersion(applied)
	if have > len(ms) {
		return &SchemaError{Have: have, Want: len(ms)}
	}
	for _, m := range ms {
		if !applied[m.version] {
			return &SchemaError{Have: have, Want: len(ms)}
		}
	}
	return nil
}

// migrate applies the migrations the database lacks, in order, each in its own transaction
// together with its schema_migrations row, so a crash leaves the schema at a known version.
// Concurrent migrators are serialised: on SQLite by the IMMEDIATE write transaction, on
// PostgreSQL by MigrateLockKey; each re-reads the applied versions under that lock.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(db.Dialect())
	if err != nil {
		return err
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if db.pg {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, MigrateLockKey); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, MigrateLockKey)
	}
	if _, err := conn.ExecContext(ctx, createSchemaMigrations); err != nil {
		return fmt.Errorf("store: migrate: create schema_migrations: %w", err)
	}
	applied, err := appliedVersions(ctx, conn, db.pg)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if have := maxVersion(applied); have > len(ms) {
		return &SchemaError{Have: have, Want: len(ms)}
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if err := db.applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	// Another process may have applied it between our read and our write lock (SQLite).
	var done int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&done); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`), m.version, m.name, now()); err != nil {
		return fmt.Errorf("store: migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migration %s: commit: %w", m.name, err)
	}
	return nil
}
