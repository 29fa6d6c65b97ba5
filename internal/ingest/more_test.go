package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// warcRecord renders one WARC response record holding an HTTP page.
func warcRecord(uri string, html []byte) []byte {
	var http bytes.Buffer
	fmt.Fprintf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(html))
	http.Write(html)
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-11-21T09:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", uri, http.Len())
	b.Write(http.Bytes())
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// TestWARC walks a plain and a gzipped WARC file and stdin holding one.
func TestWARC(t *testing.T) {
	page, err := os.ReadFile("testdata/walk/f.html")
	if err != nil {
		t.Fatal(err)
	}
	rec := warcRecord("https://news.example.com/iceland-volcano", page)
	dir := t.TempDir()
	paths := []string{write(t, dir, "a.warc", rec), write(t, dir, "b.warc.gz", gz(t, rec))}
	for _, p := range paths {
		res := walkAll(t, []string{p}, Options{})
		if len(res) != 1 || res[0].Article == nil || res[0].Article.Title != "Volcano erupts in Iceland" || res[0].Article.Hash == "" {
			t.Errorf("Walk(%s) = %+v, want the volcano article, normalised", filepath.Base(p), res)
		}
	}
	res := walkAll(t, []string{"-"}, Options{Stdin: bytes.NewReader(rec)})
	if len(res) != 1 || res[0].Article == nil {
		t.Errorf("Walk(- with WARC) = %+v, want one article", res)
	}
}

// corpusPath finds the ECB+ dev file at ../shared/data beside the
// directory holding go.mod.
func corpusPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod not found above the package")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", "ecbplus", "ecbplus.dev.jsonl.gz")
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}

// corpus returns the path of the ECB+ dev file, skipping when shared
// data is absent.
func corpus(tb testing.TB) string {
	tb.Helper()
	p, err := corpusPath()
	if err != nil {
		tb.Skipf("ECB+ corpus (../shared/data/ecbplus/ecbplus.dev.jsonl.gz) absent: %v", err)
	}
	return p
}

// TestECBPlus ingests the real ECB+ dev file: every line must come
// through, ids must be kept, and the publication date is inferred from the
// text where the article prints one.
func TestECBPlus(t *testing.T) {
	p := corpus(t)
	var n, dated, plus, titled int
	ids := map[string]bool{}
	err := Walk(context.Background(), []string{p}, Options{}, func(a *news.Article, err error) error {
		if err != nil {
			t.Errorf("ECB+: %v", err)
			return nil
		}
		n++
		if ids[a.ID] {
			t.Errorf("ECB+: duplicate id %s", a.ID)
		}
		ids[a.ID] = true
		if a.Lang != "en" || a.Hash == "" || a.Title == "" {
			t.Errorf("ECB+ %s: lang %q hash %q title %q", a.ID, a.Lang, a.Hash, a.Title)
		}
		if a.Title != "" {
			titled++
		}
		if strings.HasSuffix(a.ID, "ecbplus") {
			plus++
			if !a.Published.IsZero() {
				dated++
				if y := a.Published.Year(); y < 2000 || y > 2014 {
					t.Errorf("ECB+ %s: published %v, outside the corpus years", a.ID, a.Published)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 772 {
		t.Errorf("ECB+: %d articles, want 772", n)
	}
	t.Logf("ECB+: %d articles, %d titled; published inferred for %d of %d ecbplus articles (%.0f%%)", n, titled, dated, plus, 100*float64(dated)/float64(plus))
	if plus == 0 || float64(dated)/float64(plus) < 0.7 {
		t.Errorf("ECB+: published inferred for %d of %d ecbplus articles, want at least 70%%", dated, plus)
	}
}

// FuzzJSONL feeds arbitrary bytes to the JSONL reader: it must not panic,
// must number lines in order, and every article must be valid UTF-8 with
// a text, an id and a hash.
func FuzzJSONL(f *testing.F) {
	if data, err := os.ReadFile("testdata/walk/a.jsonl"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(goodLine + "\n\n{\"text\":\"\xff\"}\r\n{\"id\":1.5,\"text\":\"x\",\"published\":1e30}"))
	f.Add([]byte(`{"text":"a","published":"13.12.2024"}` + "\n" + `{"text":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := &walker{ctx: context.Background(), opt: Options{MaxBytes: 1 << 10}}
		last := 0
		w.fn = func(a *news.Article, err error) error {
			if err != nil {
				e, ok := err.(*Error)
				if !ok || (e.Line != 0 && e.Line < last) {
					t.Fatalf("bad error %#v after line %d", err, last)
				}
				last = e.Line
				return nil
			}
			if !utf8.ValidString(a.Text) || strings.TrimSpace(a.Text+a.Title) == "" || a.ID == "" || len(a.Hash) != 64 {
				t.Fatalf("bad article %+v", a)
			}
			if y := a.Published.Year(); !a.Published.IsZero() && (y < 1900 || y > 2100) {
				t.Fatalf("published %v out of range", a.Published)
			}
			return nil
		}
		if err := w.jsonl("fuzz.jsonl", bufio.NewReaderSize(bytes.NewReader(data), 16)); err != nil {
			t.Fatalf("jsonl: %v", err)
		}
	})
}

// FuzzText checks the bare-text reader and the metadata inference: no
// panic, and a normalised article always has text, id, hash, a title of
// bounded length, and a date in range.
func FuzzText(f *testing.F) {
	for _, name := range []string{"c.txt", "d.md", "e.text"} {
		if data, err := os.ReadFile(filepath.Join("testdata/walk", name)); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("Title: x\nPublished: 2024-12-13\n\n")
	f.Add("---\nlang: de\n---\n# Kopf\nText")
	f.Add("May 2 , 2013\n\n.")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the walker rejects invalid UTF-8 before this point
		}
		a, err := ParseText(s)
		if err != nil {
			return
		}
		if err := Normalize(a); err != nil {
			return
		}
		if a.Text == "" || a.ID == "" || len(a.Hash) != 64 || !utf8.ValidString(a.Title) {
			t.Fatalf("bad article %+v", a)
		}
		if a.IsInferred("title") && utf8.RuneCountInString(a.Title) > maxHeadline+1 {
			t.Fatalf("inferred title of %d runes", utf8.RuneCountInString(a.Title))
		}
		if y := a.Published.Year(); !a.Published.IsZero() && (y < 1900 || y > 2100) {
			t.Fatalf("published %v out of range", a.Published)
		}
	})
}

// FuzzSniff checks that sniffing and reading standard input never panic
// and always end in articles or *Errors.
func FuzzSniff(f *testing.F) {
	f.Add([]byte(goodLine))
	f.Add([]byte("<html><body><p>x</p></body></html>"))
	f.Add([]byte("[{\"text\":\"a\"}]"))
	f.Add([]byte("{\n\"text\": \"b\"\n}"))
	f.Add([]byte("\x1f\x8b\x08\x00"))
	f.Add([]byte("WARC/1.0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		switch Sniff(data) {
		case "gzip", "warc", "json", "jsonl", "html", "text":
		default:
			t.Fatalf("Sniff(%q) = unknown format", data)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := Walk(ctx, []string{"-"}, Options{Stdin: bytes.NewReader(data), MaxBytes: 1 << 12}, func(a *news.Article, err error) error {
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("error %T %v, want *Error", err, err)
				}
			} else if a.Text == "" || a.Hash == "" {
				t.Fatalf("bad article %+v", a)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Walk(-) = %v", err)
		}
	})
}

// BenchmarkJSONL measures reading and normalising the ECB+ dev file
// (772 articles), or a synthetic one when shared data is absent.
func BenchmarkJSONL(b *testing.B) {
	var data []byte
	if p, err := corpusPath(); err == nil {
		data, _ = os.ReadFile(p)
	}
	if data == nil {
		var buf bytes.Buffer
		for i := range 500 {
			fmt.Fprintf(&buf, `{"id":"s%d","text":"The council met on Monday, December %d, 2024 and approved the budget. %s"}`+"\n", i, i%28+1, strings.Repeat("More words follow here. ", 60))
		}
		data = buf.Bytes()
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		err := Walk(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(a *news.Article, err error) error {
			if err != nil {
				b.Fatal(err)
			}
			n++
			return nil
		})
		if err != nil || n == 0 {
			b.Fatalf("Walk = %v, %d articles", err, n)
		}
	}
}

// TestSymlinks follows links to files but not links to directories, which
// could loop.
func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.txt", []byte("Headline\nBody text of the linked article."))
	if err := os.Symlink(p, filepath.Join(dir, "b.txt")); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	res := walkAll(t, []string{dir}, Options{})
	if len(res) != 2 || res[0].Article == nil || res[1].Article == nil || res[0].Article.Hash != res[1].Article.Hash {
		t.Errorf("Walk(dir with links) = %+v, want the article twice", res)
	}
}

// TestJSONFormsByContent reads JSONL named .json and an array named
// .jsonl by what they hold.
func TestJSONFormsByContent(t *testing.T) {
	dir := t.TempDir()
	two := goodLine + "\n" + strings.Replace(goodLine, "x1", "x2", 1) + "\n"
	for _, p := range []string{
		write(t, dir, "lines.json", []byte(two)),
		write(t, dir, "array.jsonl", []byte("[\n"+goodLine+",\n"+strings.Replace(goodLine, "x1", "x2", 1)+"\n]\n")),
	} {
		res := walkAll(t, []string{p}, Options{})
		if len(res) != 2 || res[0].Article == nil || res[1].Article == nil || res[1].Article.ID != "x2" {
			t.Errorf("Walk(%s) = %+v, want articles x1 and x2", filepath.Base(p), res)
		}
	}
}
