package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"time"
)

// WithClusterLock runs fn while holding the store's cluster lock, which serialises
// clustering decisions across goroutines and processes: a worker reads candidate events,
// decides, and commits without another worker deciding on the same stale view.
//
// On PostgreSQL it is the session advisory lock ClusterLockKey, taken with
// pg_advisory_lock on a connection reserved for it and released with pg_advisory_unlock; if
// the process dies, PostgreSQL releases it when the connection drops. On SQLite it is a
// process-wide semaphore plus an exclusive flock on "<db file>.cluster-lock", which the
// kernel releases when the process dies. The lock is not re-entrant: fn must not call
// WithClusterLock. fn's writes go through Commit as usual.
func (db *DB) WithClusterLock(ctx context.Context, fn func(ctx context.Context) error) error {
	if db.pg {
		return db.pgClusterLock(ctx, fn)
	}
	select {
	case db.sem <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("store: cluster lock: %w", ctx.Err())
	}
	defer func() { <-db.sem }()
	f, err := os.OpenFile(db.lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("store: cluster lock: %w", err)
	}
	defer f.Close()
	for {
		ok, err := tryLockFile(f)
		if err != nil {
			return fmt.Errorf("store: cluster lock %s: %w", db.lockPath, err)
		}
		if ok {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("store: cluster lock: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
	defer unlockFile(f)
	return fn(ctx)
}

func (db *DB) pgClusterLock(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: cluster lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, ClusterLockKey); err != nil {
		return fmt.Errorf("store: cluster lock: %w", err)
	}
	defer func() {
		// Unlock even if ctx is done. If that fails the session may still hold the lock:
		// discard the connection rather than return it to the pool, which ends the session
		// and so releases the lock.
		var unlocked bool
		uerr := conn.QueryRowContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, ClusterLockKey).Scan(&unlocked)
		if uerr != nil || !unlocked {
			conn.Raw(func(any) error { return driver.ErrBadConn })
			if uerr != nil {
				err = errors.Join(err, fmt.Errorf("store: cluster unlock: %w", uerr))
			}
		}
	}()
	return fn(ctx)
}
