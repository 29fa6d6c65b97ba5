package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// decodeAll runs d over in and returns the records and the errors.
func decodeAll(t testing.TB, d *Decoder, in string) ([]*Record, []*Error) {
	t.Helper()
	var recs []*Record
	var errs []*Error
	err := d.Decode(strings.NewReader(in), func(rec *Record, err error) error {
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Decode reported %T %v, want *Error", err, err)
			}
			errs = append(errs, e)
			return nil
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		t.Fatalf("Decode = %v", err)
	}
	return recs, errs
}

func TestDecodeForms(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		ids   []string
		lines []int
		elems []int
	}{
		{"jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\"}\r\n", []string{"a", "b"}, []int{1, 3}, []int{0, 0}},
		{"leading blank lines", "\n\n  {\"id\":\"a\",\"text\":\"x\"}\n", []string{"a"}, []int{3}, []int{0}},
		{"bom", "\ufeff{\"id\":\"a\",\"text\":\"x\"}", []string{"a"}, []int{1}, []int{0}},
		{"array one line", `[{"id":"a","text":"x"},{"id":"b","text":"y"}]`, []string{"a", "b"}, []int{1, 1}, []int{1, 2}},
		{"array pretty", "[\n {\"id\": \"a\",\n  \"text\": \"x\"},\n {\"id\": \"b\", \"text\": \"y\"}\n]\n", []string{"a", "b"}, []int{2, 4}, []int{1, 2}},
		{"pretty object", "{\n  \"id\": \"a\",\n  \"text\": \"x\"\n}\n", []string{"a"}, []int{1}, []int{0}},
		{"pretty objects", "{\n \"id\": \"a\", \"text\": \"x\"\n}\n{\n \"id\": \"b\", \"text\": \"}{\\\"\"\n}", []string{"a", "b"}, []int{1, 4}, []int{0, 0}},
		{"numeric id", `{"id":17,"text":"x"}`, []string{"17"}, []int{1}, []int{0}},
		{"unknown fields ignored", `{"id":"a","text":"x","cluster":"c1","hash":"h","inferred":["id"]}`, []string{"a"}, []int{1}, []int{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, errs := decodeAll(t, &Decoder{}, tc.in)
			if len(errs) > 0 {
				t.Fatalf("Decode(%q) errors %v", tc.in, errs)
			}
			if len(recs) != len(tc.ids) {
				t.Fatalf("Decode(%q) = %d records, want %d", tc.in, len(recs), len(tc.ids))
			}
			for i, r := range recs {
				if r.Article.ID != tc.ids[i] || r.Line != tc.lines[i] || r.Element != tc.elems[i] {
					t.Errorf("record %d = id %q line %d element %d, want %q %d %d", i, r.Article.ID, r.Line, r.Element, tc.ids[i], tc.lines[i], tc.elems[i])
				}
				if r.Extra != nil {
					t.Errorf("record %d: Extra %v without Keep", i, r.Extra)
				}
			}
		})
	}
}

// TestDecodeErrors checks that each bad article gives one *Error naming
// its line, element and field, and that the good ones around it survive.
func TestDecodeErrors(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	good := `{"id":"ok","text":"fine"}`
	tests := []struct {
		name        string
		d           Decoder
		in          string
		good        int
		line, elem  int
		field, want string
	}{
		{"missing text", Decoder{}, good + "\n{\"id\":\"b\",\"title\":\"\"}\n", 1, 2, 0, "text", "missing or empty"},
		{"blank text", Decoder{}, "{\"text\":\" \\n \"}\n" + good, 1, 1, 0, "text", "missing or empty"},
		{"text wrong type", Decoder{}, good + "\n{\"text\":42}\n", 1, 2, 0, "text", "got a JSON number, want a string"},
		{"id wrong type", Decoder{}, `{"id":[1],"text":"x"}` + "\n" + good, 1, 1, 0, "id", "want a string or a number"},
		{"id missing when required", Decoder{RequireID: true}, "{\"text\":\"x\"}\n" + good, 1, 1, 0, "id", "missing"},
		{"id too long", Decoder{}, `{"id":"` + long(MaxIDBytes+1) + `","text":"x"}` + "\n" + good, 1, 1, 0, "id", fmt.Sprintf("too long (%d bytes, limit %d)", MaxIDBytes+1, MaxIDBytes)},
		{"title too long", Decoder{}, good + "\n" + `{"title":"` + long(MaxTitleBytes+1) + `","text":"x"}`, 1, 2, 0, "title", "too long"},
		{"outlet too long", Decoder{}, `{"source":"` + long(MaxOutletBytes+1) + `","text":"x"}` + "\n" + good, 1, 1, 0, "source", "too long"},
		{"url too long", Decoder{}, `{"url":"https://x.org/` + long(MaxURLBytes) + `","text":"x"}` + "\n" + good, 1, 1, 0, "url", "too long"},
		{"author too long", Decoder{}, `{"author":"` + long(MaxAuthorBytes+1) + `","text":"x"}` + "\n" + good, 1, 1, 0, "author", "too long"},
		{"lang too long", Decoder{}, `{"lang":"` + long(MaxLangBytes+1) + `","text":"x"}` + "\n" + good, 1, 1, 0, "lang", "too long"},
		{"control in id", Decoder{}, `{"id":"a\nb","text":"x"}` + "\n" + good, 1, 1, 0, "id", "control character U+000A at byte 1"},
		{"control in url", Decoder{}, `{"url":"https://x.org/\u0007","text":"x"}` + "\n" + good, 1, 1, 0, "url", "control character U+0007"},
		{"bad date", Decoder{}, `{"text":"x","published":"soon"}` + "\n" + good, 1, 1, 0, "published", `"soon" is not a date`},
		{"date out of range", Decoder{}, `{"text":"x","published":1e30}` + "\n" + good, 1, 1, 0, "published", "out of range"},
		{"syntax", Decoder{}, good + "\n{\"text\": }\n" + good, 2, 2, 0, "", "invalid JSON"},
		{"truncated line", Decoder{}, good + "\n{\"id\":\"t\",\"text\":\"cut\n" + good, 2, 2, 0, "", "invalid JSON"},
		{"truncated object before next", Decoder{}, good + "\n{\"id\":\"t\",\"text\":\"cut\"\n" + good, 2, 2, 0, "", "invalid JSON"},
		{"not an object", Decoder{}, good + "\n[1]\n" + good, 2, 2, 0, "", "not a JSON object"},
		{"too large line", Decoder{MaxBytes: 64}, `{"text":"` + long(100) + `"}` + "\n" + good, 1, 1, 0, "", "too large (111 bytes, limit 64)"},
		{"invalid utf8", Decoder{}, good + "\n{\"text\":\"caf\xe9\"}\n", 1, 2, 0, "", "invalid UTF-8 at byte 12 of the line"},
		{"array element", Decoder{}, `[` + good + `,{"source":"b"},` + good + `]`, 2, 1, 2, "text", "missing"},
		{"array element too large", Decoder{MaxBytes: 64}, "[\n" + `{"text":"` + long(100) + `"},` + "\n" + good + "]", 1, 2, 1, "", "too large"},
		{"array element not object", Decoder{}, "[" + good + ",\"str\", 3, " + good + "]", 2, 1, 2, "", "not a JSON object"},
		{"array syntax inside element", Decoder{}, "[\n" + good + ",\n{\"id\": }\n]", 1, 3, 2, "", "invalid JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, errs := decodeAll(t, &tc.d, tc.in)
			if len(errs) < 1 {
				t.Fatalf("Decode(%.60q): no error", tc.in)
			}
			e := errs[0]
			if e.Line != tc.line || e.Element != tc.elem || e.Field != tc.field || !strings.Contains(e.Err.Error(), tc.want) {
				t.Errorf("Decode(%.60q) error = line %d element %d field %q %q, want %d %d %q %q", tc.in, e.Line, e.Element, e.Field, e.Err, tc.line, tc.elem, tc.field, tc.want)
			}
			if len(errs) > 1 && tc.name != "array element not object" {
				t.Errorf("Decode(%.60q) errors = %v, want one", tc.in, errs)
			}
			if len(recs) != tc.good {
				t.Errorf("Decode(%.60q) = %d good records, want %d: one bad article must not cost the others", tc.in, len(recs), tc.good)
			}
		})
	}
}

// TestDecodeFatal checks the problems that end an input: each is reported
// once, after the articles before it.
func TestDecodeFatal(t *testing.T) {
	good := `{"id":"ok","text":"fine"}`
	tests := []struct {
		name string
		d    Decoder
		in   string
		good int
		want string
	}{
		{"empty", Decoder{}, "  \n", 0, "input is empty"},
		{"scalar", Decoder{}, "42", 0, "not JSON"},
		{"incomplete object", Decoder{}, `{"id":"a","text":"x"`, 0, "cut short"},
		{"incomplete pretty object", Decoder{}, "{\n\"id\":\"a\",\n\"text\":\"x\"", 0, "incomplete JSON"},
		{"unclosed array", Decoder{}, "[" + good, 1, "before the closing ]"},
		{"missing comma", Decoder{}, "[" + good + " " + good + "]", 1, "want ',' or ']' after element 1"},
		{"data after array", Decoder{}, "[" + good + "] " + good, 1, "after the closing ]"},
		{"too many jsonl", Decoder{MaxArticles: 2}, good + "\n" + good + "\n" + good + "\n", 2, "too many articles: more than 2"},
		{"too many array", Decoder{MaxArticles: 1}, "[" + good + "," + good + "]", 1, "too many articles"},
		{"bad gzip", Decoder{Gzip: true}, "\x1f\x8b\x08\x00garbage", 0, "gzip:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, errs := decodeAll(t, &tc.d, tc.in)
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
				t.Fatalf("Decode(%q) errors = %v, want one with %q", tc.in, errs, tc.want)
			}
			if len(recs) != tc.good {
				t.Errorf("Decode(%q) = %d records, want %d", tc.in, len(recs), tc.good)
			}
		})
	}
	_, errs := decodeAll(t, &Decoder{MaxArticles: 1}, good+"\n"+good)
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooManyArticles) {
		t.Errorf("too many: errors %v, want one matching ErrTooManyArticles", errs)
	}
}

func TestDecodeKeepAndGzip(t *testing.T) {
	in := `{"id":"a","text":"x","cluster":"c1","topic":3,"other":1}` + "\n" + `{"id":"b","text":"y"}` + "\n"
	for name, data := range map[string][]byte{"plain": []byte(in), "gzip": gz(t, []byte(in))} {
		t.Run(name, func(t *testing.T) {
			d := &Decoder{Gzip: true, Keep: []string{"cluster", "topic"}}
			var recs []*Record
			err := d.Decode(bytes.NewReader(data), func(rec *Record, err error) error {
				if err != nil {
					t.Fatal(err)
				}
				recs = append(recs, rec)
				return nil
			})
			if err != nil || len(recs) != 2 {
				t.Fatalf("Decode = %d records, %v", len(recs), err)
			}
			if got := recs[0].Extra; string(got["cluster"]) != `"c1"` || string(got["topic"]) != "3" || got["other"] != nil {
				t.Errorf("Extra = %v, want cluster and topic only", got)
			}
			if recs[1].Extra != nil {
				t.Errorf("Extra of b = %v, want nil", recs[1].Extra)
			}
		})
	}
}

func TestDecodeStopsOnFnError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := (&Decoder{}).Decode(strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), func(*Record, error) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("Decode = %v after %d calls, want fn's error after 1", err, n)
	}
}

// TestDecodeBidi: the right-to-left override and its kin are dropped from
// ids, URLs and outlets, and kept in titles and texts (pages isolate them).
func TestDecodeBidi(t *testing.T) {
	in := `{"id":"gpj\u202e.exe","url":"https://x.org/\u2067a\u2069\u200e","source":"x\u061c.org","title":"t\u202eitle","text":"te\u202ext"}`
	recs, errs := decodeAll(t, &Decoder{}, in)
	if len(errs) > 0 || len(recs) != 1 {
		t.Fatalf("Decode = %v, %v", recs, errs)
	}
	a := recs[0].Article
	if a.ID != "gpj.exe" || a.URL != "https://x.org/a" || a.Source != "x.org" {
		t.Errorf("id %q url %q source %q, want bidi controls stripped", a.ID, a.URL, a.Source)
	}
	if a.Title != "t\u202eitle" || a.Text != "te\u202ext" {
		t.Errorf("title %q text %q, want them kept", a.Title, a.Text)
	}
}

func TestNormalizeStripsBidi(t *testing.T) {
	a := &news.Article{ID: "\u202eabc", URL: "https://x.org/\u202egpj.exe", Source: "\u200fx.org", Text: "Some text."}
	if err := Normalize(a); err != nil {
		t.Fatal(err)
	}
	if a.ID != "abc" || a.URL != "https://x.org/gpj.exe" || a.Source != "x.org" {
		t.Errorf("Normalize: id %q url %q source %q, want bidi controls stripped", a.ID, a.URL, a.Source)
	}
}

func TestErrorFormatFields(t *testing.T) {
	inner := errors.New("too long")
	tests := []struct {
		e    Error
		want string
	}{
		{Error{Path: "a.json", Line: 3, Element: 2, Field: "title", Err: inner}, `a.json:3: element 2: field "title": too long`},
		{Error{Line: 4, Field: "id", Err: inner}, `line 4: field "id": too long`},
		{Error{Err: inner}, `too long`},
	}
	for _, tc := range tests {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to the decoder: no panic, lines never
// go back, every record is a usable article within the caps, and every
// problem is an *Error.
func FuzzDecode(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "walk", "a.jsonl")); err == nil {
		f.Add(data)
	}
	f.Add([]byte(goodLine + "\n\n{\"text\":\"\xff\"}\r\n{\"id\":1.5,\"text\":\"x\",\"published\":1e30}"))
	f.Add([]byte("[\n" + goodLine + ",\n{\"id\": }, 3, \"s\"\n]"))
	f.Add([]byte("{\n \"text\": \"pretty\"\n}\n{\"text\":\"b\",\"url\":\"\u202e\"}"))
	f.Add([]byte(`[{"text":"a"}] {"text":"b"}`))
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"bom\",\"id\":\"a\\u0000\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &Decoder{Name: "fuzz", MaxBytes: 1 << 10, MaxArticles: 50, Keep: []string{"cluster"}}
		last, calls := 0, 0
		err := d.Decode(bytes.NewReader(data), func(rec *Record, err error) error {
			calls++
			line := 0
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Path != "fuzz" || e.Err == nil {
					t.Fatalf("error %T %v, want *Error naming the input", err, err)
				}
				line = e.Line
			} else {
				a := rec.Article
				line = rec.Line
				if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
					t.Fatalf("bad article %+v", a)
				}
				if len(a.ID) > MaxIDBytes || len(a.Title) > MaxTitleBytes || len(a.Source) > MaxOutletBytes || len(a.URL) > MaxURLBytes {
					t.Fatalf("article over the caps %+v", a)
				}
				if strings.ContainsAny(a.ID+a.URL+a.Source, bidiControls) {
					t.Fatalf("bidi control kept in %+v", a)
				}
				if y := a.Published.Year(); !a.Published.IsZero() && (y < 1900 || y > 2100) {
					t.Fatalf("published %v out of range", a.Published)
				}
			}
			if line != 0 && line < last {
				t.Fatalf("line %d after line %d", line, last)
			}
			if line != 0 {
				last = line
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Decode = %v", err)
		}
		if calls > 51+bytes.Count(data, []byte("\n"))+1 && calls > 51 {
			t.Fatalf("%d calls for %d articles at most", calls, d.MaxArticles)
		}
	})
}

// TestSavedPageWithoutExtension reads pages saved without an .html name,
// by their content, and still refuses other unknown files.
func TestSavedPageWithoutExtension(t *testing.T) {
	page := []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- saved from url=(0030)https://news.example/story -->\n<!DOCTYPE html>\n<html><head><title>Council approves the budget</title></head><body><article><p>The council met on Monday and approved the new budget after a long debate that lasted well into the night.</p><p>Members said the plan would fund the new school.</p></article></body></html>")
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"story", page, true},
		{"story.php", page, true},
		{"story.aspx", []byte("\n<HTML lang=en><BODY><P>The council met on Monday and approved the new budget after a long debate.</P></BODY></HTML>"), true},
		{"feed.xml", []byte(`<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel></channel></rss>`), false},
		{"notes.xyz", []byte("<p>a fragment is not a document</p>"), false},
		{"README", []byte("hello"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tc.name, tc.data)
			res := walkAll(t, []string{p}, Options{})
			if len(res) != 1 {
				t.Fatalf("Walk(%s) = %+v, want one result", tc.name, res)
			}
			if got := res[0].Article != nil; got != tc.ok {
				t.Errorf("Walk(%s) = %+v, read as a page: %v, want %v", tc.name, res[0], got, tc.ok)
			}
			if !tc.ok && !strings.Contains(res[0].Error, "unknown file type") {
				t.Errorf("Walk(%s) error = %q, want unknown file type", tc.name, res[0].Error)
			}
		})
	}
	// Standard input: the same page, sniffed.
	var got []*news.Article
	err := Walk(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(page)}, func(a *news.Article, err error) error {
		if err != nil {
			t.Errorf("Walk(-): %v", err)
			return nil
		}
		got = append(got, a)
		return nil
	})
	if err != nil || len(got) != 1 || !strings.Contains(got[0].Title, "budget") || strings.Contains(got[0].Text, "<p>") {
		t.Errorf("Walk(-) of a page = %+v, %v, want one article read as HTML", got, err)
	}
}

func TestHTMLDocument(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"\ufeff  <!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">", true},
		{"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", true},
		{"<!-- saved from url=(0022)http://example.org/ --><html>", true},
		{"<head><meta charset=utf-8>", true},
		{"<html5>", false},
		{"<!DOCTYPE htmlx>", false},
		{"<?xml version=\"1.0\"?><rss>", false},
		{"<!DOCTYPE rss><rss>", false},
		{"<!-- never closed", false},
		{"<p>fragment</p>", false},
		{"plain text", false},
	}
	for _, tc := range tests {
		if got := htmlDocument([]byte(tc.head)); got != tc.want {
			t.Errorf("htmlDocument(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

// TestDecodeTitleAlone: an archive record with a headline and no body is
// an article (gva.dev holds 62 of them), not an error.
func TestDecodeTitleAlone(t *testing.T) {
	recs, errs := decodeAll(t, &Decoder{}, "{\"id\":\"b\",\"title\":\"Two hurt in a crash\"}\n")
	if len(errs) != 0 || len(recs) != 1 || recs[0].Article.Title != "Two hurt in a crash" {
		t.Fatalf("records %+v, errors %v; want the article", recs, errs)
	}
}

func TestDecodeImage(t *testing.T) {
	tests := []struct {
		name, image, url, want string
	}{
		{"string", `"https://img.example/a.jpg"`, "", "https://img.example/a.jpg"},
		{"image object", `{"url": "https://img.example/b.jpg", "width": 800}`, "", "https://img.example/b.jpg"},
		{"list", `["https://img.example/c.jpg", "https://img.example/d.jpg"]`, "", "https://img.example/c.jpg"},
		{"relative to the url", `"/pics/e.jpg"`, "https://news.example/story/1", "https://news.example/pics/e.jpg"},
		{"relative without url", `"/pics/e.jpg"`, "", ""},
		{"not http", `"data:image/png;base64,AAAA"`, "", ""},
		{"null", `null`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := `{"id":"x1","title":"Bridge reopens","text":"The bridge reopened on Monday after repairs.","image":` + tc.image
			if tc.url != "" {
				in += `,"url":"` + tc.url + `"`
			}
			recs, errs := decodeAll(t, &Decoder{}, in+"}")
			if len(errs) > 0 || len(recs) != 1 {
				t.Fatalf("Decode = %v, %v", recs, errs)
			}
			a := recs[0].Article
			if err := Normalize(&a); err != nil {
				t.Fatal(err)
			}
			if a.Image != tc.want {
				t.Errorf("Image = %q, want %q", a.Image, tc.want)
			}
		})
	}
	_, errs := decodeAll(t, &Decoder{}, `{"id":"x2","text":"Some text.","image":42}`)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "image") {
		t.Errorf("Decode(image 42) errors = %v, want one naming the image field", errs)
	}
}
