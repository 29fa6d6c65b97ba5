package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCommandsRefuseMissingDB: a mistyped --db must fail with exit
// code 4 and a message naming the file, and must not leave an empty
// database behind; the commands that write still create one.
func TestReadCommandsRefuseMissingDB(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "mistyped.db")
	tests := []struct {
		name string
		args []string
	}{
		{"events", []string{"events", "--db", missing}},
		{"events sqlite:", []string{"events", "--db", "sqlite:" + missing}},
		{"show", []string{"show", "--db", missing, "ev-1"}},
		{"search", []string{"search", "--db", missing, "quake"}},
		{"serve", []string{"serve", "--db", missing, "--addr", "127.0.0.1:0"}},
		{"serve --write", []string{"serve", "--write", "--db", missing, "--addr", "127.0.0.1:0"}},
		{"migrate --from", []string{"migrate", "--from", missing, "--to", filepath.Join(dir, "copy.db")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := dossier(t, "", tc.args...)
			if code != exitNotFound || !strings.Contains(stderr, "mistyped.db does not exist") {
				t.Errorf("dossier %v = exit %d, stderr %q; want exit 4 naming the file", tc.args, code, stderr)
			}
			if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("dossier %v created %s", tc.args, missing)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "copy.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("migrate from a missing store created its target")
	}
	made := filepath.Join(dir, "new.db")
	if code, _, stderr := dossier(t, "", "migrate", "--db", made); code != exitOK {
		t.Fatalf("migrate = exit %d: %s", code, stderr)
	}
	if code, _, stderr := dossier(t, "", "events", "--db", made); code != exitOK {
		t.Errorf("events on a migrated store = exit %d: %s", code, stderr)
	}
	page := filepath.Join(dir, "a.jsonl")
	if err := os.WriteFile(page, []byte(`{"id":"x","text":"The council met on Monday and approved the budget."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ingested := filepath.Join(dir, "ingested.db")
	if code, _, stderr := dossier(t, "", "ingest", "--db", ingested, page); code != exitOK {
		t.Errorf("ingest into a new store = exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(ingested); err != nil {
		t.Errorf("ingest did not create its store: %v", err)
	}
}

// TestGitIgnoresDemoLeftovers: after `dossier demo` in a checkout, git
// must not see the store or its cluster lock file (kept on close: removing
// it would race with another process's flock).
func TestGitIgnoresDemoLeftovers(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".gitignore")); err != nil {
		t.Skipf("no .gitignore at %s: not a checkout", root)
	}
	for _, name := range []string{"dossier.db", "dossier.db-wal", "dossier.db.cluster-lock", "sub/other.db.cluster-lock"} {
		cmd := exec.Command(git, "check-ignore", "-q", "--no-index", name)
		cmd.Dir = root
		if err := cmd.Run(); err != nil {
			t.Errorf("git check-ignore %s: %v, want it ignored by .gitignore", name, err)
		}
	}
}
