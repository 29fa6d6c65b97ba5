package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// ErrNotFound is returned by lookups of an id that is not stored.
var ErrNotFound = errors.New("store: not found")

// ErrSchemaMismatch is matched (errors.Is) by the *SchemaError Open returns when the database
// schema is older or newer than this binary.
var ErrSchemaMismatch = errors.New("store: schema version mismatch")

// SchemaError says which schema version the database has and which one the binary needs.
type SchemaError struct {
	Have, Want int
}

func (e *SchemaError) Error() string {
	if e.Have > e.Want {
		return fmt.Sprintf("store: database schema is at version %d, newer than version %d that this dossier binary knows: upgrade dossier", e.Have, e.Want)
	}
	if e.Have == 0 {
		return fmt.Sprintf("store: database has no dossier schema (this binary needs version %d): run `dossier migrate` with the same database address first", e.Want)
	}
	return fmt.Sprintf("store: database schema is at version %d, this dossier binary needs version %d: run `dossier migrate` with the same database address first", e.Have, e.Want)
}

// Is makes errors.Is(err, ErrSchemaMismatch) true.
func (e *SchemaError) Is(target error) bool { return target == ErrSchemaMismatch }

// Advisory lock keys used on PostgreSQL. They spell "Doss" in the high 32 bits so they are
// unlikely to meet another application's keys in the same database.
const (
	// ClusterLockKey is held, on a dedicated connection, for the duration of WithClusterLock.
	ClusterLockKey int64 = 0x446f737300000001
	// CommitLockKey is held by every Commit transaction (pg_advisory_xact_lock).
	CommitLockKey int64 = 0x446f737300000002
	// MigrateLockKey is held while Migrate applies migrations.
	MigrateLockKey int64 = 0x446f737300000003
)

// DB is a Dossier store on SQLite or PostgreSQL. It is safe for concurrent use.
type DB struct {
	pg bool
	// w takes every write. On SQLite it is a pool of one connection whose transactions begin
	// IMMEDIATE; on PostgreSQL it is the same pool as r.
	w *sql.DB
	// r takes reads. On SQLite a pool of query_only connections.
	r *sql.DB

	// SQLite only: the cluster lock is a one-slot semaphore (a mutex that can give up when
	// the context ends) plus an flock on lockPath for other processes.
	lockPath string
	sem      chan struct{}

	rankLimit int // see defaultRankLimit; tests lower it
	logKeep   int // see defaultLogKeep; tests lower it
}

// defaultLogKeep is how many of the newest rows the logs other workers replay from
// (article_batches, article_moves) keep. A worker further behind than that restores the
// stored decisions of its time window instead of replaying (the pipeline's Options.Replay
// is 20,000 articles), so older rows serve nobody; without pruning the logs would grow for
// ever.
const defaultLogKeep = 200000

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string {
	if db.pg {
		return "postgres"
	}
	return "sqlite"
}

// Close closes the database.
func (db *DB) Close() error {
	var err error
	if db.r != db.w {
		err = db.r.Close()
	}
	return errors.Join(err, db.w.Close())
}

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens or creates a store. dsn is a file path ("dossier.db"), "sqlite:path/to.db" or a
// "file:" URI for SQLite, which is created and migrated on open, or "postgres://..." /
// "postgresql://..." for PostgreSQL, which must have been migrated with Migrate: Open refuses
// a schema older or newer than the binary with a *SchemaError (ErrSchemaMismatch).
func Open(ctx context.Context, dsn string) (*DB, error) {
	if isPostgres(dsn) {
		return openPostgres(ctx, dsn, false)
	}
	return openSQLite(ctx, dsn)
}

// Migrate brings the schema of the database at dsn up to this binary's version. For SQLite
// it is what Open does anyway. It refuses a schema newer than the binary.
func Migrate(ctx context.Context, dsn string) error {
	if isPostgres(dsn) {
		db, err := openPostgres(ctx, dsn, true)
		if err != nil {
			return err
		}
		return db.Close()
	}
	db, err := openSQLite(ctx, dsn)
	if err != nil {
		return err
	}
	return db.Close()
}

func openPostgres(ctx context.Context, dsn string, migrate bool) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	// Enough for the web server's concurrent reads; many worker processes each hold a pool,
	// so stay well below PostgreSQL's default max_connections of 100.
	pool.SetMaxOpenConns(8)
	pool.SetMaxIdleConns(4)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to postgres %s: %w", redact(dsn), err)
	}
	db := &DB{pg: true, w: pool, r: pool, rankLimit: defaultRankLimit, logKeep: defaultLogKeep}
	if migrate {
		err = db.migrate(ctx)
	} else {
		err = db.checkSchema(ctx)
	}
	if err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// sqlitePath splits a SQLite dsn into the file path and the query string it carried.
func sqlitePath(dsn string) (path, query string, err error) {
	s := strings.TrimPrefix(dsn, "sqlite://")
	s = strings.TrimPrefix(s, "sqlite:")
	s = strings.TrimPrefix(s, "file:")
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s, query = s[:i], s[i+1:]
	}
	if s == "" || s == ":memory:" || strings.Contains(query, "mode=memory") {
		return "", "", fmt.Errorf("store: open %q: SQLite store needs a file path (an in-memory database cannot be shared by the read and write connections)", dsn)
	}
	return s, query, nil
}

func openSQLite(ctx context.Context, dsn string) (*DB, error) {
	path, query, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	// busy_timeout comes first (the driver orders it so) so that setting WAL waits for
	// another process instead of failing.
	common := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	if query != "" {
		common += "&" + query
	}
	name := "file:" + (&url.URL{Path: path}).EscapedPath()
	w, err := sql.Open("sqlite", name+"?_txlock=immediate&_pragma=journal_mode(WAL)&"+common)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One writer: database/sql queues writers in-process instead of letting them collide
	// on the file lock.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	db := &DB{w: w, r: w, lockPath: path + ".cluster-lock", sem: make(chan struct{}, 1), rankLimit: defaultRankLimit, logKeep: defaultLogKeep}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", name+"?_pragma=query_only(1)&"+common)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.r = r
	return db, nil
}

// redact hides a password in a PostgreSQL URL for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// q rewrites the ? placeholders of query into PostgreSQL's $1, $2... The store's SQL never
// has a ? inside a string literal.
func (db *DB) q(query string) string {
	if !db.pg {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// writeTx runs fn in a write transaction and commits it; op names the operation in errors.
func (db *DB) writeTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: begin: %w", op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: commit: %w", op, err)
	}
	return nil
}

// readTx runs fn in a read-only transaction, so that its queries see one snapshot.
func (db *DB) readTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.pg {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: %s: begin: %w", op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return tx.Commit()
}

// Times are stored as unix microseconds in UTC: exact in both dialects, ordered as integers,
// and wide enough for the zero time.Time.
var zeroMicros = time.Time{}.UnixMicro()

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time {
	if us == zeroMicros {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

func now() int64 { return time.Now().UnixMicro() }

// placeholders returns "?,?,...,?" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// chunks splits s into slices of at most n, for IN lists that must stay under the
// dialects' parameter limits (SQLite: 32766, PostgreSQL: 65535).
func chunks[T any](s []T, n int) [][]T {
	var out [][]T
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}

func anys[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// querier is what *sql.DB, *sql.Tx and *sql.Conn have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// cleanQuerier passes every string argument through clean, so that no input, stored or
// searched for, can make PostgreSQL reject a statement for NUL bytes or invalid UTF-8.
type cleanQuerier struct{ q querier }

func cleaned(q querier) cleanQuerier { return cleanQuerier{q} }

func cleanArgs(args []any) []any {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = clean(s)
		}
	}
	return args
}

func (c cleanQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(ctx, query, cleanArgs(args)...)
}

func (c cleanQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, query, cleanArgs(args)...)
}

func (c cleanQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, query, cleanArgs(args)...)
}
