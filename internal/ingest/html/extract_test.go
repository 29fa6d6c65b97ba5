package html

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// pageURL gives each test page a stable address on a reserved domain.
func pageURL(name string) string { return "https://www." + name + ".example/news/story" }

func TestExtractGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata pages: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(bytes.NewReader(raw), pageURL(name))
			if err != nil {
				t.Fatalf("Extract(%s) error: %v", f, err)
			}
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".html") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Extract(%s) =\n%s\nwant\n%s", f, got, want)
			}
		})
	}
}

// TestExtractBoilerplate checks the mechanism, not just the golden bytes:
// navigation, ads and comments around the article must not reach the text.
func TestExtractBoilerplate(t *testing.T) {
	tests := []struct {
		file    string
		must    []string
		mustNot []string
	}{
		{"guardian-style", []string{"More than 4,000 people", "release an initial €20m in aid."},
			[]string{"Subscribe", "Advertisement", "rainyday77", "Most viewed", "Cookie", "Related stories"}},
		{"blog-br", []string{"9.4-kilometre tram line", "Local traders have asked for compensation"},
			[]string{"Copyright", "What a waste of money", "Sponsored"}},
		{"ru-windows-1251", []string{"четвёртому мосту через реку Обь", "«Это важнейший объект для всего региона»"},
			[]string{"Реклама", "Наконец-то"}},
		{"el-iso-8859-7", []string{"Σεισμική δόνηση μεγέθους 5,2", "Γεωδυναμικό Ινστιτούτο"}, []string{"Διαφήμιση"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tc.file+".html"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			a, err := Extract(f, pageURL(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(a.Text) {
				t.Errorf("text is not valid UTF-8")
			}
			for _, s := range tc.must {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q; text:\n%s", s, a.Text)
				}
			}
			for _, s := range tc.mustNot {
				if strings.Contains(a.Text, s) {
					t.Errorf("text contains boilerplate %q; text:\n%s", s, a.Text)
				}
			}
			if strings.Contains(a.Text, "\n\n\n") || !strings.Contains(a.Text, "\n\n") {
				t.Errorf("paragraphs not separated by exactly one blank line:\n%q", a.Text)
			}
		})
	}
}

func TestExtractMetadata(t *testing.T) {
	a := extractFile(t, "guardian-style", "")
	if want := "https://www.dailycourier.example/world/2024/may/16/italy-floods-emilia-romagna"; a.URL != want {
		t.Errorf("URL = %q, want %q", a.URL, want)
	}
	if want := time.Date(2024, 5, 16, 8, 42, 11, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", a.Published, want)
	}
	// The outlet is named by its host (as feeds and JSONL name it), not by og:site_name.
	if a.Source != "dailycourier.example" || a.Lang != "en" || a.Author != "Maria Rossi" {
		t.Errorf("Source, Lang, Author = %q, %q, %q; want dailycourier.example, en, Maria Rossi", a.Source, a.Lang, a.Author)
	}
	if a.Title != "Floods force thousands from homes in northern Italy" {
		t.Errorf("Title = %q", a.Title)
	}
	if len(a.Inferred) != 0 {
		t.Errorf("Inferred = %v, want none", a.Inferred)
	}

	// No og:site_name, no declared language: outlet from the canonical URL's host, lang left empty.
	b := extractFile(t, "blog-br", "")
	if b.Source != "blog-br.example" || b.IsInferred("source") {
		t.Errorf("Source = %q (inferred %v), want blog-br.example, not inferred", b.Source, b.Inferred)
	}
	if b.Lang != "" {
		t.Errorf("Lang = %q, want empty (the caller detects)", b.Lang)
	}
}

func extractFile(t *testing.T, name, contentType string) *newsArticle {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := ExtractWithCharset(bytes.NewReader(raw), pageURL(name), contentType)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestExtractCharsets(t *testing.T) {
	greek := "Η Βουλή ψήφισε τον νέο νόμο για την προστασία των δασών μετά από πολύωρη συζήτηση. Η αντιπολίτευση καταψήφισε το νομοσχέδιο."
	cyr := "Государственная дума приняла в первом чтении законопроект о защите лесов. Документ поддержали 320 депутатов, против выступили 15."
	page := func(meta, body string) string {
		return "<html><head>" + meta + "<title>t</title></head><body><article><p>" + body + "</p><p>" + body + "</p><p>" + body + "</p></article></body></html>"
	}
	enc := func(cm *charmap.Charmap, s string) []byte {
		b, err := cm.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		want        string
	}{
		{"meta windows-1251", enc(charmap.Windows1251, page(`<meta charset="windows-1251">`, cyr)), "", cyr},
		{"header windows-1251", enc(charmap.Windows1251, page("", cyr)), "text/html; charset=windows-1251", cyr},
		{"header ISO-8859-7", enc(charmap.ISO8859_7, page("", greek)), "text/html; charset=ISO-8859-7", greek},
		{"http-equiv ISO-8859-7", enc(charmap.ISO8859_7, page(`<meta http-equiv="content-type" content="text/html; charset=iso-8859-7">`, greek)), "", greek},
		{"header wrongly says utf-8", enc(charmap.Windows1251, page(`<meta charset="windows-1251">`, cyr)), "text/html; charset=utf-8", cyr},
		{"header wrongly says windows-1251", []byte(page(`<meta charset="utf-8">`, greek)), "text/html; charset=windows-1251", greek},
		{"koi8-r", enc(charmap.KOI8R, page(`<meta charset="koi8-r">`, cyr)), "", cyr},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), page("", greek)...), "", greek},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ExtractWithCharset(bytes.NewReader(tc.raw), "https://example.org/a", tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(a.Text) || !strings.Contains(a.Text, tc.want) {
				t.Errorf("ExtractWithCharset text = %q, want it to contain %q", a.Text, tc.want)
			}
		})
	}
}

// TestExtractShortArticle covers pages where readability finds little and
// trafilatura is tried too: a brief news item must still come out.
func TestExtractShortArticle(t *testing.T) {
	page := `<html><head><title>Brief</title></head><body><div class="menu"><a href="/">Home</a></div>
<div class="item"><h1>Road closed after landslide</h1><div class="txt">The coastal road between Amalfi and Positano was closed on Sunday after a landslide, police said. No one was hurt.</div></div>
<div class="footer">Contact</div></body></html>`
	a, err := Extract(strings.NewReader(page), "https://brief.example/n/1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The coastal road between Amalfi and Positano was closed on Sunday") || strings.Contains(a.Text, "Contact") {
		t.Errorf("text = %q", a.Text)
	}
}

func TestExtractErrors(t *testing.T) {
	tests := []struct{ name, page string }{
		{"empty", ""},
		{"no body text", "<html><head><title>Home</title></head><body><nav><a href=/>Home</a></nav></body></html>"},
		{"only script", "<html><body><script>var x = 'lots of text lots of text lots of text lots of text lots of text lots of text';</script></body></html>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tc.page), "https://example.org/x")
			if err == nil {
				t.Fatalf("Extract(%q) = %+v, want error", tc.page, a)
			}
			if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "https://example.org/x") {
				t.Errorf("Extract error = %v, want ErrNoText naming the page", err)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>One  two\nthree.</p><p>Four.</p>", "One two three.\n\nFour."},
		{"inline", "<p>a<b>b</b> <i>c</i></p>", "ab c"},
		{"br", "<div>line one<br>line two<br><br>para two</div>", "line one\nline two\n\npara two"},
		{"nbsp and lists", "<ul><li>x\u00a0y</li><li>z</li></ul>", "x y\n\nz"},
		{"script dropped", "<p>a<script>bad()</script>b</p>", "ab"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.in)
			if got := Text(doc); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("<p>\xff\xfe broken</p>"), "text/html; charset=utf-8")
	f.Add([]byte("<html lang='zz-ZZ'><meta charset=bogus><p>x</p>"), "text/html; charset=iso-8859-7")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		a, err := ExtractWithCharset(bytes.NewReader(page), "https://example.org/p", contentType)
		if err != nil {
			if a != nil {
				t.Errorf("error %v with non-nil article", err)
			}
			return
		}
		for name, s := range map[string]string{"text": a.Text, "title": a.Title, "author": a.Author, "source": a.Source} {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not valid UTF-8: %q", name, s)
			}
		}
		if utf8.RuneCountInString(a.Text) < minText {
			t.Errorf("accepted text shorter than %d: %q", minText, a.Text)
		}
		if y := a.Published.Year(); !a.Published.IsZero() && (y < 1995 || y > time.Now().Year()+1) {
			t.Errorf("Published = %v out of range", a.Published)
		}
	})
}

// BenchmarkExtract measures pages per second through the whole extraction
// (charset, parse, metadata, readability, date) over the testdata pages.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.html")
	var pages [][]byte
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
	}
	n := 0
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		raw := pages[n%len(pages)]
		if _, err := Extract(bytes.NewReader(raw), "https://www.example.org/news/a"); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportRate(b, n, cpu)
}

// portalPage pads a test article with what a large news portal wraps
// around it: a mega-menu, a big inline state script, teaser grids and a
// long comment thread, to about 250 KB, the size of a typical front-line
// news page.
func portalPage(tb testing.TB) []byte {
	raw, err := os.ReadFile("testdata/guardian-style.html")
	if err != nil {
		tb.Fatal(err)
	}
	var menu, teasers, comments, state strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&menu, `<li class="menu-item"><a href="/section/%d" data-track="nav-%d">Section %d</a></li>`, i, i, i)
	}
	for i := 0; i < 120; i++ {
		fmt.Fprintf(&teasers, `<div class="teaser card"><a href="/story/%d"><img src="/img/%d.jpg" alt="teaser %d" loading="lazy"><h3>Teaser headline number %d about something else</h3></a><p class="teaser-text">A short teaser text for another story, number %d.</p></div>`, i, i, i, i, i)
	}
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&comments, `<div class="comment" id="c%d"><span class="comment-author">reader%d</span><p>This is reader comment number %d, with an opinion about the story and some more words to make it realistic.</p><button>Reply</button></div>`, i, i, i)
	}
	state.WriteString(`<script>window.__STATE__ = {"items":[`)
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&state, `{"id":%d,"title":"Headline %d","url":"/story/%d","tags":["a","b"]},`, i, i, i)
	}
	state.WriteString(`{}]};</script>`)
	s := string(raw)
	s = strings.Replace(s, `<nav class="main-nav">`, `<nav class="main-nav"><ul class="mega">`+menu.String()+`</ul>`, 1)
	s = strings.Replace(s, `<section class="comments" id="comments">`, `<section class="comments" id="comments">`+comments.String(), 1)
	s = strings.Replace(s, `<footer`, `<div class="teasers">`+teasers.String()+`</div>`+state.String()+`<footer`, 1)
	return []byte(s)
}

func BenchmarkExtractPortal(b *testing.B) {
	page := portalPage(b)
	n := 0
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		a, err := Extract(bytes.NewReader(page), "https://www.example.org/news/a")
		if err != nil {
			b.Fatal(err)
		}
		if strings.Contains(a.Text, "reader comment number") {
			b.Fatal("comments leaked into the text")
		}
		n++
	}
	reportRate(b, n, cpu)
}

// reportRate reports pages per second of wall time and per second of CPU
// time (user+system, all threads, GC included). The machine is shared, so
// wall time depends on the neighbours; CPU time is the per-core cost.
func reportRate(b *testing.B, n int, cpu0 time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	if used := cpuTime() - cpu0; used > 0 {
		b.ReportMetric(float64(n)/used.Seconds(), "pages/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestExtractBufferReuse: an article must share no memory that a later
// call reuses (pages were once read into pooled buffers, where an article
// keeping a reference into its page would change when the next page is
// read). Extract each page, then extract others concurrently many
// times, and check the first results are unchanged and the later ones equal.
func TestExtractBufferReuse(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	if len(files) < 2 {
		t.Skip("need two testdata pages")
	}
	var pages [][]byte
	var first []*newsArticle
	var snap []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(bytes.NewReader(raw), "https://example.org/"+filepath.Base(f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		pages, first = append(pages, raw), append(first, a)
		snap = append(snap, fmt.Sprintf("%+v", *a))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				k := (g + i) % len(pages)
				a, err := Extract(bytes.NewReader(pages[k]), "https://example.org/"+filepath.Base(files[k]))
				if err != nil || fmt.Sprintf("%+v", *a) != snap[k] {
					select {
					case errs <- files[k]:
					default:
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for f := range errs {
		t.Errorf("%s: concurrent extraction differs from the first", f)
	}
	for i, a := range first {
		if got := fmt.Sprintf("%+v", *a); got != snap[i] {
			t.Errorf("%s: article changed after later extractions", files[i])
		}
	}
}

func TestExtractImage(t *testing.T) {
	page := func(meta string) string {
		return `<!doctype html><html lang="en"><head><title>Harbour crane topples in storm</title>` + meta +
			`</head><body><article><h1>Harbour crane topples in storm</h1>` +
			`<p>A container crane fell onto the quay during the night storm, the port authority said on Tuesday.</p>` +
			`<p>No one was hurt, but two ships were held at anchor until the wreck could be cleared from the berth.</p>` +
			`<p>Engineers will inspect the remaining cranes before work resumes, a spokesman for the operator said.</p>` +
			`</article></body></html>`
	}
	tests := []struct {
		name, meta, want string
	}{
		{"og:image relative to the page", `<meta property="og:image" content="/img/crane.jpg">`, "https://port.example/img/crane.jpg"},
		{"twitter:image", `<meta name="twitter:image" content="https://cdn.port.example/c.png">`, "https://cdn.port.example/c.png"},
		{"og:image first", `<meta property="og:image" content="https://a.example/1.jpg"><meta name="twitter:image" content="https://a.example/2.jpg">`, "https://a.example/1.jpg"},
		{"not http", `<meta property="og:image" content="javascript:alert(1)">`, ""},
		{"none", ``, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ExtractWithCharset(strings.NewReader(page(tc.meta)), "https://port.example/news/crane", "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Image != tc.want {
				t.Errorf("Image = %q, want %q", a.Image, tc.want)
			}
		})
	}
}
