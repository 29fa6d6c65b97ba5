package web

import (
	"context"
	"net"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/store"
)

// openFixtureStore opens a real SQLite store in a temporary directory and
// commits fixture() to it, as the pipeline would.
func openFixtureStore(t testing.TB) (Store, committer) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "dossier.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Commit(ctx, fixture()); err != nil {
		t.Fatalf("commit fixture: %v", err)
	}
	return db, db
}

func netListen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }
