package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// TestMigrateFilesKeys: articles stored without keys (as a store of schema
// version 4 holds them) get their keys from `dossier migrate`, which says
// how many; a second run has nothing to file.
func TestMigrateFilesKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)
	old := []news.Article{
		{ID: "o1", Source: "a.example", Lang: "en", Published: at, Title: "Ferry stalls off Carrow Point", Text: "The ferry Halden Star stalled off Carrow Point, said captain Ilse Brammer.", Event: "e1"},
		{ID: "o2", Source: "b.example", Lang: "en", Published: at, Title: "Rain", Text: "It rained all day.", Event: "e2"},
	}
	if err := db.Commit(ctx, store.Batch{Articles: old}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, stderr := dossier(t, "", "migrate", "--db", path)
	if code != exitOK || !strings.Contains(out, "keys filed for 2 articles") {
		t.Fatalf("migrate = exit %d, stdout %q, stderr %q; want the keys of 2 articles filed", code, out, stderr)
	}
	code, out, stderr = dossier(t, "", "migrate", "--db", path)
	if code != exitOK || strings.Contains(out, "keys filed") {
		t.Errorf("migrate again = exit %d, stdout %q, stderr %q; want nothing left to file", code, out, stderr)
	}
}
