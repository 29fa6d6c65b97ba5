package watch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadOPML(t *testing.T) {
	tests := []struct {
		file    string
		want    []string
		line    int   // of the error; 0 when there is none
		errIs   error // when set, the error wraps it
		errText string
	}{
		{file: "feeds.opml", want: []string{"https://one.example/feed.xml", "http://two.example/rss", "https://four.example/feed?lang=en&cat=world"}},
		{file: "bad-url.opml", line: 5, errText: `"ftp://two.example/feed.xml" is not an http(s) URL`},
		{file: "broken.opml", line: 6, errText: "element <outline> closed by </body>"},
		{file: "not-opml.opml", line: 2, errIs: ErrNotOPML},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			got, err := ReadOPML(path)
			if tt.line == 0 {
				if err != nil || !slices.Equal(got, tt.want) {
					t.Errorf("ReadOPML(%s) = %q, %v, want %q", path, got, err, tt.want)
				}
				return
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ReadOPML(%s) = %q, %v, want a *ParseError", path, got, err)
			}
			if pe.Path != path || pe.Line != tt.line {
				t.Errorf("ReadOPML(%s) error at %s:%d, want %s:%d (%v)", path, pe.Path, pe.Line, path, tt.line, err)
			}
			if prefix := path + ":" + strconv.Itoa(tt.line) + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
			if tt.errIs != nil && !errors.Is(err, tt.errIs) {
				t.Errorf("error %v is not %v", err, tt.errIs)
			}
			if tt.errText != "" && !strings.Contains(err.Error(), tt.errText) {
				t.Errorf("error %q does not say %q", err, tt.errText)
			}
		})
	}
}

func TestReadOPMLEmptyAndMissing(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.opml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadOPML(empty); !errors.Is(err, ErrNotOPML) || !strings.Contains(err.Error(), "empty.opml") {
		t.Errorf("ReadOPML(empty) = %v, want ErrNotOPML naming the file", err)
	}
	if _, err := ReadOPML(filepath.Join(dir, "missing.opml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadOPML(missing) = %v, want an error wrapping os.ErrNotExist", err)
	}
}

// FuzzParseOPML feeds the parser arbitrary bytes, seeded from testdata:
// it never panics, returns a *ParseError naming the input on failure, and
// otherwise only distinct http(s) URLs in valid UTF-8.
func FuzzParseOPML(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.opml"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<opml><body><outline xmlUrl="https://x.example/f"/></body></opml>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseOPML(strings.NewReader(string(b)), "fuzz.opml")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Path != "fuzz.opml" || pe.Line < 0 {
				t.Fatalf("error %v (%T) is no *ParseError naming fuzz.opml", err, err)
			}
			return
		}
		seen := map[string]bool{}
		for _, u := range got {
			if !utf8.ValidString(u) || !(strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) || seen[u] {
				t.Fatalf("ParseOPML returned %q in %q", u, got)
			}
			seen[u] = true
		}
	})
}
