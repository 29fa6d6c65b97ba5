package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestMigrationsMatch checks that both dialects have the same numbered migrations, so that
// "schema version N" means the same thing on SQLite and PostgreSQL.
func TestMigrationsMatch(t *testing.T) {
	lite, err := loadMigrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadMigrations("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d sqlite migrations, %d postgres migrations, want the same non-zero number", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].name != pg[i].name {
			t.Errorf("migration %d: sqlite %s, postgres %s, want the same name", i+1, lite[i].name, pg[i].name)
		}
	}
	if SchemaVersion() != len(lite) {
		t.Errorf("SchemaVersion() = %d, want %d", SchemaVersion(), len(lite))
	}
}

// tables every migrated store must have.
var wantTables = []string{"schema_migrations", "articles", "events", "event_entities", "entity_names", "event_places",
	"event_langs", "event_outlets", "event_links", "feed_state", "feed_seen"}

// TestMigrateFresh applies all migrations to a fresh database of each dialect and checks
// what Open then accepts and refuses.
func TestMigrateFresh(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			if be.skip != "" {
				t.Skip(be.skip)
			}
			dsn := be.dsn(t)
			if be.name == "postgres" {
				// Not migrated yet: Open refuses and says what to run.
				_, err := Open(ctx, dsn)
				var se *SchemaError
				if !errors.As(err, &se) || se.Have != 0 || se.Want != SchemaVersion() || !strings.Contains(err.Error(), "dossier migrate") {
					t.Fatalf("Open(unmigrated) error = %v, want SchemaError{0, %d} naming `dossier migrate`", err, SchemaVersion())
				}
			}
			for range 2 { // migrating twice changes nothing
				if err := Migrate(ctx, dsn); err != nil {
					t.Fatalf("Migrate: %v", err)
				}
			}
			db := mustOpen(t, dsn)
			var n int
			if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != SchemaVersion() {
				t.Errorf("schema_migrations has %d rows, %v, want %d", n, err, SchemaVersion())
			}
			for _, table := range wantTables {
				if _, err := db.r.ExecContext(ctx, `SELECT count(*) FROM `+table); err != nil {
					t.Errorf("table %s: %v", table, err)
				}
			}
			// An older schema: the last migration not recorded.
			if _, err := db.w.ExecContext(ctx, db.q(`DELETE FROM schema_migrations WHERE version = ?`), SchemaVersion()); err != nil {
				t.Fatal(err)
			}
			if be.name == "postgres" {
				_, err := Open(ctx, dsn)
				if !errors.Is(err, ErrSchemaMismatch) || !strings.Contains(err.Error(), "dossier migrate") {
					t.Errorf("Open(older schema) error = %v, want ErrSchemaMismatch naming `dossier migrate`", err)
				}
			}
		})
	}
}

func TestOpenBadDSN(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{":memory:", "sqlite:", "sqlite:/nonexistent-dir/x/y.db", "postgres://127.0.0.1:1/nothing?connect_timeout=2"} {
		if db, err := Open(ctx, dsn); err == nil {
			db.Close()
			t.Errorf("Open(%q) = nil error, want one", dsn)
		} else if !strings.Contains(err.Error(), "store:") {
			t.Errorf("Open(%q) error = %q, want it to say store:", dsn, err)
		}
	}
}
