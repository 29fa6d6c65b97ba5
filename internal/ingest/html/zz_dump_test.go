package html

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestTmpDump(t *testing.T) {
	out := os.Getenv("DUMP")
	if out == "" {
		t.Skip()
	}
	res := map[string]any{}
	for _, pg := range realPages(t) {
		a, err := Extract(bytes.NewReader(pg.source), "https://example.org/"+pg.name)
		if err != nil {
			res[pg.name] = err.Error()
		} else {
			res[pg.name] = a
		}
	}
	files, _ := filepath.Glob("testdata/*.html")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		a, err := Extract(bytes.NewReader(src), "https://example.org/x")
		if err != nil {
			res[f] = err.Error()
		} else {
			res[f] = a
		}
	}
	js, _ := json.MarshalIndent(res, "", " ")
	os.WriteFile(out, js, 0o644)
}
