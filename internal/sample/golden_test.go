package sample

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGenerateGolden pins the output of Generate for one seed, so that a
// change to the word lists or templates shows up in review as a diff of
// testdata/generate_seed1.golden.jsonl (rewrite it with -update).
func TestGenerateGolden(t *testing.T) {
	arts, labels := Generate(6, 1)
	var b bytes.Buffer
	if err := WriteJSONL(&b, arts, labels); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "generate_seed1.golden.jsonl")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("Generate(6, 1) differs from %s; if the change is intended, rerun with -update and review the diff", path)
	}
}
