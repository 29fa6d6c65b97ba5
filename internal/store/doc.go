// Package store keeps Dossier's articles, events and feed state: the last stage of the
// pipeline (ingest → extract → cluster → reconcile → store) and the source the CLI and the
// web server read from.
//
// One concrete type, [DB], speaks two dialects. SQLite (modernc.org/sqlite, pure Go) is the
// default: a single file, migrated when opened. PostgreSQL (pgx through database/sql) is for
// many workers writing into one database; it is migrated by [Migrate] (`dossier migrate`) and
// [Open] refuses a schema older or newer than the binary. The SQL is written by hand, the same
// statements for both wherever the dialects agree; the differences (placeholders, full-text
// search, locking) are confined to the few places that test db.pg.
//
// # SQLite
//
// The file runs in WAL mode with foreign_keys=ON, busy_timeout and synchronous=NORMAL. Writes
// go through a pool of exactly one connection whose transactions begin IMMEDIATE, so a write
// never upgrades a read lock half-way (the cause of SQLITE_BUSY that busy_timeout cannot
// cure); reads use a separate pool of query_only connections that WAL lets run beside the
// writer. Other processes writing the same file wait on busy_timeout. A process killed in the
// middle of a Commit loses that transaction and nothing before it.
//
// # PostgreSQL features used, and PostgreSQL-compatible engines
//
// Only standard PostgreSQL 15 SQL, no extensions: GENERATED ... AS IDENTITY, INSERT ... ON
// CONFLICT, RETURNING, to_regclass, tsvector/tsquery with the built-in 'simple' configuration
// and GIN indexes, and advisory locks (pg_advisory_lock, pg_advisory_xact_lock). Distributed
// engines that speak the PostgreSQL protocol differ on the last two; as far as their
// documentation said when this was written: CockroachDB accepts advisory-lock calls but does
// not lock (so concurrent clustering decisions would not be serialised) and supports tsvector
// with GIN only from v23.1; YugabyteDB supports GIN and tsvector, advisory locks only in recent
// releases; Google Spanner's and Amazon Aurora DSQL's PostgreSQL interfaces have neither
// advisory locks nor tsvector. Such engines would need another lock (a row in a lock table)
// and another search index.
//
// Advisory lock keys (64-bit, one namespace per database, shared by every schema in it):
// [ClusterLockKey] for WithClusterLock, [CommitLockKey] held by each Commit transaction so that
// article seq values become visible in commit order, [MigrateLockKey] held while migrating.
//
// # Text search
//
// Both dialects index text folded in Go, see fold.go: decomposed (NFD), combining marks
// dropped, a few letters without decomposition mapped (ø→o, ł→l, đ→d), case-folded, and split
// into tokens of letters, digits and marks, with each Han or kana character a token of its
// own. "Zürich" and "zurich", "Ελλάδα" and "ΕΛΛΑΔΑ" are the same token. Queries are folded the
// same way: every word must match, "quoted words" must match as a phrase, a trailing * makes
// a prefix, OR between two terms lets either match (binding tighter than the implied AND), and
// NOT before a term or a - glued to it excludes it; the operators count in capitals only. Both
// dialects get the same expression (ftsQuery, tsQuery), so they find the same rows. Snippets are cut from the original text around the first match, in Go.
package store
