package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

var update = flag.Bool("update", false, "rewrite golden files")

// result is one call of Walk's fn, as the golden file records it.
type result struct {
	Article *news.Article `json:"article,omitempty"`
	Error   string        `json:"error,omitempty"`
}

// walkAll collects everything Walk reports.
func walkAll(t *testing.T, paths []string, opt Options) []result {
	t.Helper()
	var out []result
	err := Walk(context.Background(), paths, opt, func(a *news.Article, err error) error {
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				t.Errorf("Walk reported %T %v, want *Error", err, err)
			}
			out = append(out, result{Error: err.Error()})
			return nil
		}
		out = append(out, result{Article: a})
		return nil
	})
	if err != nil {
		t.Fatalf("Walk(%v) = %v", paths, err)
	}
	return out
}

// TestWalkGolden walks testdata/walk and compares every article and error
// with testdata/walk.golden.json (go test ./internal/ingest -run
// WalkGolden -update rewrites it).
func TestWalkGolden(t *testing.T) {
	got, err := json.MarshalIndent(walkAll(t, []string{"testdata/walk"}, Options{}), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "testdata/walk.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Walk(testdata/walk) differs from %s:\n%s", golden, got)
	}
}

func TestWalkSkipsHidden(t *testing.T) {
	for _, r := range walkAll(t, []string{"testdata/walk"}, Options{}) {
		s := r.Error
		if r.Article != nil {
			s = r.Article.Origin + " " + r.Article.Text
		}
		if strings.Contains(s, "skipped") || strings.Contains(s, ".hidden") || strings.Contains(s, ".dot") {
			t.Errorf("Walk read a hidden file: %s", s)
		}
	}
}

func TestWalkNeverKeepsCluster(t *testing.T) {
	for _, r := range walkAll(t, []string{"testdata/walk/a.jsonl"}, Options{}) {
		if r.Article == nil {
			continue
		}
		b, _ := json.Marshal(r.Article)
		if bytes.Contains(b, []byte("ecbplus")) && !strings.Contains(r.Article.Text, "ecbplus") && !strings.Contains(r.Article.ID, "ecbplus") {
			t.Errorf("gold label leaked into %s", b)
		}
	}
}

// write creates a file under dir and returns its path.
func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const goodLine = `{"id":"x1","text":"The council met on Monday and approved the new budget after a long debate.","lang":"en"}`

// TestBadInput checks that each kind of bad input yields one clear *Error
// naming the file (and line), and that the good input beside it still
// comes through.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		max        int64
		line       int
		want       string // substring of the reason
	}{
		{"empty", "empty.txt", nil, 0, 0, "empty file"},
		{"empty jsonl", "empty.jsonl", nil, 0, 0, "empty file"},
		{"whitespace text", "blank.txt", []byte("  \n\n  \n"), 0, 0, "missing text"},
		{"binary", "bin.txt", []byte("text\x00\x01\x02more"), 0, 0, "binary data (NUL byte at byte 4)"},
		{"control bytes", "ctl.txt", bytes.Repeat([]byte("ab\x01\x02\x03"), 20), 0, 0, "binary data (60 control bytes in the first 100)"},
		{"binary html", "bin.html", []byte("<html>\x00</html>"), 0, 0, "NUL byte at offset 6"},
		{"invalid utf8 text", "latin1.txt", []byte("Caf\xe9 au lait is served here."), 0, 0, "invalid UTF-8 at byte 3"},
		{"invalid utf8 jsonl", "bad.jsonl", []byte(goodLine + "\n{\"text\":\"caf\xe9\"}\n"), 0, 2, "invalid UTF-8 at byte 12 of the line"},
		{"huge text", "huge.txt", bytes.Repeat([]byte("word "), 100), 64, 0, "too large (500 bytes, limit 64)"},
		{"huge line", "huge.jsonl", []byte(goodLine + "\n" + `{"text":"` + strings.Repeat("x", 300) + `"}` + "\n"), 200, 2, "too large (311 bytes, limit 200)"},
		{"malformed json line", "m.jsonl", []byte(goodLine + "\n{\"id\": 1, \"text\": }\n"), 0, 2, "invalid JSON: invalid character '}'"},
		{"not an object", "arr.jsonl", []byte(goodLine + "\n[1,2]\n"), 0, 2, "not a JSON object"},
		{"missing text", "nt.jsonl", []byte(goodLine + "\n{\"id\":\"y\",\"title\":\" \"}\n"), 0, 2, `field "text": missing`},
		{"wrong type", "wt.jsonl", []byte(goodLine + "\n{\"text\": 42}\n"), 0, 2, `field "text": got a JSON number, want a string`},
		{"bad date", "bd.jsonl", []byte(goodLine + "\n{\"text\":\"some text here\",\"published\":\"soon\"}\n"), 0, 2, `field "published": "soon" is not a date`},
		{"json missing text", "a.json", []byte("[\n" + goodLine + ",\n {\"id\": \"z\"}\n]"), 0, 3, `element 2: field "text": missing`},
		{"json syntax", "s.json", []byte("[\n" + goodLine + ",\n {\"id\": }\n]"), 0, 3, "element 2: invalid JSON"},
		{"json scalar", "n.json", []byte("42"), 0, 1, "not JSON"},
		{"bad header date", "h.txt", []byte("Title: T\nPublished: someday\n\nBody text."), 0, 0, `header Published: "someday" is not a date`},
		{"unknown ext", "data.xyz", []byte("hello"), 0, 0, "unknown file type (.xyz); supported: .txt"},
		{"no ext", "README", []byte("hello"), 0, 0, "unknown file type (none)"},
		{"unknown gz", "a.tar.gz", []byte("hello"), 0, 0, "unknown file type (.tar.gz)"},
		{"bad gzip", "t.jsonl.gz", []byte{0x1f, 0x8b, 0, 0}, 0, 0, "gzip:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, dir, tc.file, tc.data)
			res := walkAll(t, []string{p}, Options{MaxBytes: tc.max})
			var errs []string
			articles := 0
			for _, r := range res {
				if r.Error != "" {
					errs = append(errs, r.Error)
				} else {
					articles++
				}
			}
			if len(errs) != 1 {
				t.Fatalf("Walk(%s) errors = %q, want exactly one", tc.file, errs)
			}
			prefix := p + ": "
			if tc.line > 0 {
				prefix = p + ":" + strconv.Itoa(tc.line) + ": "
			}
			if !strings.HasPrefix(errs[0], prefix) || !strings.Contains(errs[0], tc.want) {
				t.Errorf("Walk(%s) error = %q, want prefix %q and %q", tc.file, errs[0], prefix, tc.want)
			}
			if tc.line > 1 && articles == 0 {
				t.Errorf("Walk(%s): the good line before the bad one was lost", tc.file)
			}
		})
	}
}

func TestMissingPath(t *testing.T) {
	res := walkAll(t, []string{"testdata/does-not-exist", "testdata/walk/c.txt"}, Options{})
	if len(res) != 2 || !strings.Contains(res[0].Error, "testdata/does-not-exist: stat: no such file") || res[1].Article == nil {
		t.Errorf("Walk(missing, good) = %+v, want an error then an article", res)
	}
}

// TestGzipByMagic checks that gzip is recognised by content whatever the
// name says.
func TestGzipByMagic(t *testing.T) {
	dir := t.TempDir()
	lines := []byte(goodLine + "\n")
	paths := []string{
		write(t, dir, "zipped-without-suffix.jsonl", gz(t, lines)),
		write(t, dir, "plain-with-suffix.jsonl.gz", lines),
		write(t, dir, "array.json.gz", gz(t, []byte("["+goodLine+"]"))),
		write(t, dir, "z.ndjson.gz", gz(t, lines)),
	}
	for _, p := range paths {
		res := walkAll(t, []string{p}, Options{})
		if len(res) != 1 || res[0].Article == nil || res[0].Article.ID != "x1" {
			t.Errorf("Walk(%s) = %+v, want article x1", filepath.Base(p), res)
		}
	}
}

func TestStdinSniffing(t *testing.T) {
	html, err := os.ReadFile("testdata/walk/f.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		input  []byte
		titles []string
	}{
		{"jsonl", []byte(goodLine + "\n" + strings.Replace(goodLine, "x1", "x2", 1) + "\n"), []string{"The council met on Monday and approved the new budget after a long debate.", "The council met on Monday and approved the new budget after a long debate."}},
		{"json object", []byte("{\n  \"title\": \"Pretty\",\n  \"text\": \"Pretty printed object text.\"\n}\n"), []string{"Pretty"}},
		{"json array", []byte(" [" + goodLine + "]"), []string{"The council met on Monday and approved the new budget after a long debate."}},
		{"html", html, []string{"Volcano erupts in Iceland"}},
		{"text", []byte("Headline of a plain text\nBody of the plain text goes here. It has two sentences."), []string{"Headline of a plain text"}},
		{"gzip jsonl", gz(t, []byte(goodLine+"\n")), []string{"The council met on Monday and approved the new budget after a long debate."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := walkAll(t, []string{"-"}, Options{Stdin: bytes.NewReader(tc.input)})
			var titles []string
			for _, r := range res {
				if r.Error != "" {
					t.Errorf("stdin %s: %s", tc.name, r.Error)
					continue
				}
				if r.Article.Origin == "" || !strings.HasPrefix(r.Article.Origin, "-") {
					t.Errorf("stdin %s: Origin = %q, want -", tc.name, r.Article.Origin)
				}
				titles = append(titles, r.Article.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tc.titles, "|") {
				t.Errorf("stdin %s titles = %q, want %q", tc.name, titles, tc.titles)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\xef\xbb\xbf{\"a\":1}\n{\"a\":2}", "jsonl"},
		{"{\"a\":1}", "jsonl"},
		{"{\n \"a\": 1\n}", "json"},
		{"  [ {}, {} ]", "json"},
		{"<!DOCTYPE html><html>", "html"},
		{"<?xml version=\"1.0\"?><html xmlns=\"x\">", "html"},
		{"WARC/1.1\r\nWARC-Type: warcinfo", "warc"},
		{"\x1f\x8b\x08", "gzip"},
		{"Just some text", "text"},
		{"<3 love", "text"},
		{"", "text"},
	}
	for _, tc := range tests {
		if got := Sniff([]byte(tc.in)); got != tc.want {
			t.Errorf("Sniff(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	stop := errors.New("enough")
	calls := 0
	err := Walk(context.Background(), []string{"testdata/walk"}, Options{}, func(a *news.Article, err error) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Walk with stopping fn = %v after %d calls, want %v after 1", err, calls, stop)
	}
}

func TestWalkCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Walk(ctx, []string{"testdata/walk"}, Options{}, func(*news.Article, error) error {
		t.Error("fn called after cancel")
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Walk(cancelled) = %v, want context.Canceled", err)
	}
}

func TestProgressMatchesTotalSize(t *testing.T) {
	paths := []string{"testdata/walk"}
	total := TotalSize(paths)
	var seen int64
	walkAll(t, paths, Options{Progress: func(n int64) { seen += n }})
	if total == 0 || seen != total {
		t.Errorf("Progress saw %d bytes, TotalSize = %d; want them equal and > 0", seen, total)
	}
	if n := TotalSize([]string{"-"}); n != 0 {
		t.Errorf("TotalSize(-) = %d, want 0", n)
	}
}

// TestIdempotent checks that ingesting the same input twice, or the same
// text through another format, gives the same ID and Hash.
func TestIdempotent(t *testing.T) {
	first := walkAll(t, []string{"testdata/walk"}, Options{})
	second := walkAll(t, []string{"testdata/walk"}, Options{})
	if len(first) != len(second) {
		t.Fatalf("walks differ in length: %d, %d", len(first), len(second))
	}
	for i := range first {
		a, b := first[i].Article, second[i].Article
		if a == nil || b == nil {
			continue
		}
		if a.ID != b.ID || a.Hash != b.Hash {
			t.Errorf("re-ingest of %s: id %s/%s hash %s/%s", a.Origin, a.ID, b.ID, a.Hash, b.Hash)
		}
	}
	dir := t.TempDir()
	text := "Same story, told twice.\nThe minister resigned on Tuesday."
	txt := walkAll(t, []string{write(t, dir, "s.txt", []byte(text+"\n"))}, Options{})
	js, _ := json.Marshal(map[string]string{"text": "  same   STORY, told twice.\r\nThe minister resigned on Tuesday. "})
	jl := walkAll(t, []string{write(t, dir, "s.jsonl", js)}, Options{})
	if txt[0].Article.Hash != jl[0].Article.Hash || txt[0].Article.ID != jl[0].Article.ID {
		t.Errorf("same text via .txt and .jsonl: id %s/%s hash %s/%s", txt[0].Article.ID, jl[0].Article.ID, txt[0].Article.Hash, jl[0].Article.Hash)
	}
}

func TestNormalize(t *testing.T) {
	a := &news.Article{
		Text: "  Fire destroys historic warehouse\nMay 2 , 2013\nThe fire broke out on Tuesday.  ",
		URL:  "https://www.Example.com/news/fire",
		Lang: "EN-gb",
	}
	if err := Normalize(a); err != nil {
		t.Fatal(err)
	}
	want := news.Article{
		ID: "a" + a.ID[1:], Title: "Fire destroys historic warehouse", Source: "example.com", Lang: "en",
		Published: time.Date(2013, 5, 2, 0, 0, 0, 0, time.UTC),
	}
	if a.Title != want.Title || a.Source != want.Source || a.Lang != want.Lang || !a.Published.Equal(want.Published) {
		t.Errorf("Normalize = title %q source %q lang %q published %v, want %q %q %q %v", a.Title, a.Source, a.Lang, a.Published, want.Title, want.Source, want.Lang, want.Published)
	}
	if len(a.ID) != 17 || a.ID[0] != 'a' || len(a.Hash) != 64 {
		t.Errorf("Normalize id %q hash %q: want a+16 hex and 64 hex", a.ID, a.Hash)
	}
	if got := strings.Join(a.Inferred, ","); got != "source,id,title,published" {
		t.Errorf("Inferred = %s, want source,id,title,published", got)
	}
	if err := Normalize(&news.Article{Text: " \n "}); err == nil {
		t.Error("Normalize(empty text) = nil, want error")
	}
	// Nothing credible: no published date, never a guess from elsewhere.
	b := &news.Article{Text: "A short text with no date at all in it."}
	if err := Normalize(b); err != nil || !b.Published.IsZero() || b.IsInferred("published") {
		t.Errorf("Normalize(no date) = %v, published %v inferred %v", err, b.Published, b.Inferred)
	}
}

func TestInferTitle(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"headline line", "Storm hits coast\nThe storm hit the coast on Monday.", "Storm hits coast"},
		{"date line skipped", "May 2 , 2013 , 1 : 12 PM\nLawyer : Lindsay Lohan checks into rehab facility\nLindsay Lohan's attorney said Thursday ...", "Lawyer : Lindsay Lohan checks into rehab facility"},
		{"first line is a sentence", "The storm hit the coast on Monday. Thousands lost power.\nMore text.", "The storm hit the coast on Monday."},
		{"single paragraph", "Officials in the U.S. said on Monday that talks would go on. Nobody else spoke.", "Officials in the U.S. said on Monday that talks would go on."},
		{"long sentence cut", strings.Repeat("word ", 40) + "end.", strings.TrimSpace(strings.Repeat("word ", 20)) + "…"},
		{"russian", "Банк России сохранил ставку\nРешение принято в пятницу.", "Банк России сохранил ставку"},
		// A machine-translated first sentence runs long: cut at a clause, not mid-word.
		{"cut at a clause", "The regional council approved on Tuesday evening the new plan for the river dikes, which according to the engineers should hold back a flood of the kind seen every hundred years.",
			"The regional council approved on Tuesday evening the new plan for the river dikes…"},
		{"cut at a word", "Representatives of the municipalities concerned expressed their satisfaction yesterday afternoon with the extraordinarily comprehensive compensation arrangements.",
			"Representatives of the municipalities concerned expressed their satisfaction yesterday afternoon…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InferTitle(tc.text); got != tc.want {
				t.Errorf("InferTitle(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseText(t *testing.T) {
	a, err := ParseText("Title: Budget passes\nSource: example.org\nPublished: 2024-12-13\nURL: https://example.org/b\n\nThe budget passed.")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Budget passes" || a.Source != "example.org" || a.URL != "https://example.org/b" || a.Published.Format(time.DateOnly) != "2024-12-13" || a.Text != "The budget passed." {
		t.Errorf("ParseText(header block) = %+v", a)
	}
	a, err = ParseText("# Markdown heading\n\nBody text.")
	if err != nil || a.Title != "Markdown heading" || a.Text != "Body text." {
		t.Errorf("ParseText(markdown) = %+v, %v", a, err)
	}
	// No header: a credit line at either end names the outlet and leaves the body.
	for _, tc := range []struct{ name, text, source, body string }{
		{"credit line at the end", "The ferry resumed service.\nCrossings run hourly.\n\nSource: Harbour Gazette", "Harbour Gazette", "The ferry resumed service.\nCrossings run hourly."},
		{"credit line with a URL", "Source: https://www.harbour-gazette.example/ferry\nThe ferry resumed service.", "harbour-gazette.example", "The ferry resumed service."},
		{"URL in the text", "The ferry resumed service (https://ferries.example/status).\nMore at the port.", "ferries.example", "The ferry resumed service (https://ferries.example/status).\nMore at the port."},
		{"nothing told", "The ferry resumed service. A source: the operator.", "", "The ferry resumed service. A source: the operator."},
	} {
		a, err := ParseText(tc.text)
		if err != nil {
			t.Fatalf("ParseText(%s): %v", tc.name, err)
		}
		if a.Source != tc.source || a.Text != tc.body {
			t.Errorf("ParseText(%s) source %q, text %q; want %q, %q", tc.name, a.Source, a.Text, tc.source, tc.body)
		}
		if err := Normalize(a); err != nil || a.Source != tc.source {
			t.Errorf("Normalize(%s) source %q, %v; want %q (never the id)", tc.name, a.Source, err, tc.source)
		}
	}
	// A colon in the first line of a body is not a header.
	a, err = ParseText("Lawyer : Lindsay Lohan checks into rehab\nBody.")
	if err != nil || a.Title != "" || !strings.HasPrefix(a.Text, "Lawyer :") {
		t.Errorf("ParseText(colon headline) = %+v, %v", a, err)
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-12-13T10:00:00Z", "2024-12-13T10:00:00Z"},
		{"2024-12-13T10:00:00+01:00", "2024-12-13T09:00:00Z"},
		{"2024-12-13", "2024-12-13T00:00:00Z"},
		{"2024-12-13 10:00:00", "2024-12-13T10:00:00Z"},
		{"Fri, 13 Dec 2024 10:00:00 +0000", "2024-12-13T10:00:00Z"},
		{"13 December 2024", "2024-12-13T00:00:00Z"},
		{"13.12.2024", "2024-12-13T00:00:00Z"},
		{"December 13, 2024", "2024-12-13T00:00:00Z"},
	}
	for _, tc := range tests {
		got, err := ParseTime(tc.in)
		if err != nil || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("ParseTime(%q) = %v, %v, want %s", tc.in, got.UTC().Format(time.RFC3339), err, tc.want)
		}
	}
	for _, bad := range []string{"soon", "", "13 December", "0001-01-01T00:00:00Z"} {
		if _, err := ParseTime(bad); err == nil {
			t.Errorf("ParseTime(%q) = nil error, want one", bad)
		}
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ want, text string }{
		{"en", "The government announced on Monday that it would raise taxes on large companies to pay for the new hospitals."},
		{"de", "Die Bundesregierung hat am Montag angekündigt, die Steuern für große Unternehmen zu erhöhen, um neue Krankenhäuser zu bezahlen."},
		{"fr", "Le gouvernement a annoncé lundi qu'il augmenterait les impôts des grandes entreprises pour financer les nouveaux hôpitaux."},
		{"es", "El gobierno anunció el lunes que subirá los impuestos a las grandes empresas para pagar los nuevos hospitales."},
		{"ru", "Правительство объявило в понедельник, что повысит налоги для крупных компаний, чтобы оплатить новые больницы."},
		{"ar", "أعلنت الحكومة يوم الاثنين أنها سترفع الضرائب على الشركات الكبرى لتمويل المستشفيات الجديدة."},
		{"", "1234 5678"},
		// Short texts full of foreign names fool trigrams (this one read as
		// Norwegian); their function words do not.
		{"en", "Ministers meet in Tallinn. TALLINN, Dec 13 - Estonia's Mart Kivisaar met Sweden's foreign minister on Friday. \"We agreed on the cable,\" Kivisaar said. Amtsleiterin Regula Imhof warned residents. The group Rhin Vivant said the figures were not credible. Stadtpräsidentin Anna Müller spoke to reporters."},
		{"sv", "Regeringen meddelade på måndagen att den kommer att höja skatterna för stora företag för att betala för de nya sjukhusen."},
		{"nl", "De regering heeft maandag aangekondigd dat zij de belastingen voor grote bedrijven zal verhogen om de nieuwe ziekenhuizen te betalen."},
	}
	for _, tc := range tests {
		if got := DetectLang(tc.text); got != tc.want {
			t.Errorf("DetectLang(%.30q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	inner := errors.New("boom")
	e := &Error{Path: "a.jsonl", Line: 3, Err: inner}
	if e.Error() != "a.jsonl:3: boom" || !errors.Is(e, inner) {
		t.Errorf("Error = %q, Is = %v", e.Error(), errors.Is(e, inner))
	}
	if e := (&Error{Path: "b.txt", Err: inner}); e.Error() != "b.txt: boom" {
		t.Errorf("Error without line = %q", e.Error())
	}
}
