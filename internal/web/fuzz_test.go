package web

import (
	"bytes"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func FuzzParseArticles(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "post.jsonl"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`[{"text":"a"},{"title":"b"}]`))
	f.Add([]byte(`[{"text":"a"},{"title":"b","text":"c"}]`))
	f.Add([]byte("{\n \"text\": \"pretty\"\n}"))
	f.Add([]byte(`{"text":"a"`))
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"bom\"}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		arts, err := parseArticles(bytes.NewReader(body))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if len(arts) == 0 {
			t.Fatal("no error and no articles")
		}
		for i, a := range arts {
			if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
				t.Errorf("article %d has no text nor title", i)
			}
		}
	})
}

func TestParseArticlesFile(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "post.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	arts, err := parseArticles(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parseArticles(post.jsonl) = %v", err)
	}
	if len(arts) != 3 || arts[0].ID != "seed-1" || arts[2].Title != "A title" || arts[0].Published.IsZero() {
		t.Errorf("parseArticles(post.jsonl) = %+v", arts)
	}
}

var tag = regexp.MustCompile(`<(/?)(mark|a)\b[^>]*>`)

func FuzzHighlight(f *testing.F) {
	f.Add("Zoë met Ана in Genève <b>on</b> 3 May.", 0, 4, 9, 15, 2, 30)
	f.Add("plain", 0, 5, 0, 5, 1, 3)
	f.Add("a\xffb<c>", 0, 2, 1, 3, 3, 6)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, s3, e3 int) {
		an := news.Analysis{
			Mentions: []news.Mention{{Text: "m", Start: s1, End: e1, Type: news.Person, Entity: "person:<x>"}},
			Dates:    []news.DateMention{{Date: "2026-01-01", Start: s2, End: e2}},
			Quotes:   []news.Quote{{Speaker: `"q"`, Start: s3, End: e3}},
		}
		out, _ := highlight(text, an)
		s := string(out)
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 out: %q", s)
		}
		// Only our own tags are markup; everything else is escaped text
		// that reads back as the input.
		plain := tag.ReplaceAllString(s, "")
		if strings.ContainsAny(plain, "<>") {
			t.Fatalf("unescaped markup in %q", s)
		}
		// NUL is not allowed in HTML text; the escaper writes U+FFFD for it.
		if got, want := html.UnescapeString(plain), strings.ReplaceAll(validUTF8(text), "\x00", "\uFFFD"); got != want {
			t.Fatalf("text reads back as %q, want %q", got, want)
		}
		if strings.Count(s, "<mark")+strings.Count(s, "<a ") != strings.Count(s, "</mark>")+strings.Count(s, "</a>") {
			t.Fatalf("unbalanced tags in %q", s)
		}
	})
}

// TestHighlightGolden renders the fixture's articles and compares them with
// testdata/highlight/<id>.golden.html; -update rewrites the files.
func TestHighlightGolden(t *testing.T) {
	b := fixture()
	ans := map[string]news.Analysis{}
	for _, an := range b.Analyses {
		ans[an.Article] = an
	}
	for _, a := range b.Articles {
		if !strings.HasPrefix(a.ID, "quake-") && !strings.HasPrefix(a.ID, "talks-") && a.ID != "xss-1" {
			continue
		}
		t.Run(a.ID, func(t *testing.T) {
			out, _ := highlight(a.Text, ans[a.ID])
			path := filepath.Join("testdata", "highlight", a.ID+".golden.html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(out)+"\n" != string(want) {
				t.Errorf("highlight(%s) =\n%s\nwant\n%s", a.ID, out, want)
			}
		})
	}
}
