package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/news"
)

const longPara = "The finance ministry said on Tuesday that the budget deficit narrowed to 3.1 per cent of economic output last year, better than the 3.6 per cent it had forecast in the spring, thanks mainly to higher tax receipts from corporate profits and a fall in interest payments on public debt. "

// storyPage is an article page as a news site would serve it.
func storyPage(title string) string {
	return `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | Example Times</title>
<meta property="og:site_name" content="Example Times"><meta property="og:title" content="` + title + `"></head>
<body><nav><a href="/">Home</a><a href="/business">Business</a></nav>
<article><h1>` + title + `</h1><p>` + longPara + `</p><p>Economists said the figures gave the government room to cut taxes before next year's election, although the central bank warned that inflation remained above its target.</p><p>The opposition called the numbers "an accounting trick" and demanded an independent audit of the public accounts.</p></article>
<aside class="comments"><p>First!</p></aside><footer>© Example Times</footer></body></html>`
}

func rss(host string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Times - Business</title><link>http://` + host + `/</link><language>en-gb</language>
<item><title>Deficit narrows</title><link>http://` + host + `/story/1</link><guid isPermaLink="false">story-1</guid>
<description>Budget deficit narrower than forecast.</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><dc:creator>A. Writer</dc:creator></item>
<item><title>Full text item</title><link>http://` + host + `/story/2</link>
<description>Short.</description><content:encoded><![CDATA[<p>` + longPara + `</p><p>` + longPara + `</p>]]></content:encoded><pubDate>Wed, 06 Mar 2024 11:30:00 +0100</pubDate></item>
<item><title>Blocked</title><link>http://` + host + `/private/3</link><description>Summary of a page robots.txt forbids.</description></item>
</channel></rss>`
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "text/xml") // not a feed type: the body tells
			fmt.Fprint(w, rss(r.Host))
		case r.URL.Path == "/greek":
			// Charset only in the header, as many Greek sites send it.
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-7")
			b, _ := charmap.ISO8859_7.NewEncoder().String("<html><body><article><p>" + strings.Repeat(greekPara+" ", 3) + "</p></article></body></html>")
			fmt.Fprint(w, b)
		case strings.HasPrefix(r.URL.Path, "/story/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, storyPage("Deficit narrows to 3.1%"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func client() *fetch.Client {
	return fetch.New(fetch.Options{PerHost: time.Millisecond, Timeout: 5 * time.Second, MaxRetries: -1})
}

func TestFetchURLFeed(t *testing.T) {
	s := newServer(t)
	arts, err := FetchURL(context.Background(), client(), s.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Fatalf("FetchURL = %d articles, want 3", len(arts))
	}
	// Item 1: summary only → page fetched and extracted; the feed's date and author kept.
	a := arts[0]
	if !strings.Contains(a.Text, "budget deficit narrowed to 3.1 per cent") || strings.Contains(a.Text, "First!") {
		t.Errorf("item 1 text = %q, want the page's article", a.Text)
	}
	if want := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC); !a.Published.Equal(want) || a.IsInferred("published") {
		t.Errorf("item 1 published = %v (inferred %v), want %v from the feed", a.Published, a.Inferred, want)
	}
	// The outlet is the host, for the page fetched as for the feed's own items: one outlet.
	if a.Source != "127.0.0.1" || a.Lang != "en" || a.URL != s.URL+"/story/1" {
		t.Errorf("item 1 source, lang, url = %q, %q, %q; want 127.0.0.1, en, %s", a.Source, a.Lang, a.URL, s.URL+"/story/1")
	}
	for _, x := range arts[1:] {
		if x.Source != a.Source {
			t.Errorf("item %q source = %q, the fetched page's %q: one outlet named twice", x.Title, x.Source, a.Source)
		}
	}
	// Item 2: content:encoded → used as is, no page fetch needed.
	b := arts[1]
	if b.Title != "Full text item" || strings.Count(b.Text, "budget deficit") != 2 || !strings.Contains(b.Text, "\n\n") {
		t.Errorf("item 2 = %q / %q, want the feed's two paragraphs", b.Title, b.Text)
	}
	if want := time.Date(2024, 3, 6, 10, 30, 0, 0, time.UTC); !b.Published.Equal(want) {
		t.Errorf("item 2 published = %v, want %v", b.Published, want)
	}
	// Item 3: page disallowed by robots.txt → the feed's summary.
	c := arts[2]
	if c.Text != "Summary of a page robots.txt forbids." || !c.IsInferred("published") {
		t.Errorf("item 3 = %q inferred %v, want the summary with an inferred date", c.Text, c.Inferred)
	}
}

const greekPara = "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τους αγρότες που επλήγησαν από τις πλημμύρες στη Θεσσαλία."

func TestFetchURLPage(t *testing.T) {
	s := newServer(t)
	greek, err := FetchURL(context.Background(), client(), s.URL+"/greek")
	if err != nil || len(greek) != 1 || !strings.Contains(greek[0].Text, greekPara) {
		t.Errorf("FetchURL(ISO-8859-7 page) = %+v, %v; want the Greek text in UTF-8", greek, err)
	}
	arts, err := FetchURL(context.Background(), client(), s.URL+"/story/9")
	if err != nil || len(arts) != 1 || arts[0].Title != "Deficit narrows to 3.1%" {
		t.Fatalf("FetchURL(page) = %+v, %v", arts, err)
	}
	if _, err := FetchURL(context.Background(), client(), s.URL+"/nothing"); err == nil {
		t.Errorf("FetchURL(404) = nil error")
	}
}

func TestParseFormats(t *testing.T) {
	cyr := "Центральный банк сохранил ключевую ставку на уровне 16 процентов годовых"
	win, err := charmap.Windows1251.NewEncoder().String(`<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Вести</title><link>https://vesti.example/</link>
<item><title>Ставка</title><link>/news/1</link><description>` + cyr + `</description></item></channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, doc         string
		wantKeys          []string
		wantTitle, inText string
		full              bool
	}{
		{"atom", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>T</title><link href="https://atom.example/"/>
<entry><id>tag:atom.example,2024:1</id><title type="html">Wahl &amp;amp; Ergebnis</title><link href="https://atom.example/a/1"/><updated>2024-04-01T08:00:00Z</updated><summary>Kurz.</summary></entry></feed>`,
			[]string{"tag:atom.example,2024:1"}, "Wahl & Ergebnis", "Kurz.", false},
		{"json feed", `{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://j.example/","items":[
{"id":"1","url":"https://j.example/1","title":"One","content_html":"<p>` + strings.Repeat("word ", 120) + `</p>","date_published":"2024-01-02T03:04:05Z"},
{"url":"https://j.example/2","title":"Two","summary":"s"}]}`,
			[]string{"1", "https://j.example/2"}, "One", "word word", true},
		{"rss windows-1251", win, []string{"https://vesti.example/news/1"}, "Ставка", cyr, false},
		{"rss duplicate guid", `<rss version="2.0"><channel><title>x</title><item><guid>g</guid><title>a</title></item><item><guid>g</guid><title>b</title></item></channel></rss>`,
			[]string{"g"}, "a", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(tc.doc), "https://feeds.example/f")
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, it := range f.Items {
				keys = append(keys, it.Key)
			}
			if fmt.Sprint(keys) != fmt.Sprint(tc.wantKeys) {
				t.Fatalf("keys = %q, want %q", keys, tc.wantKeys)
			}
			it := f.Items[0]
			if it.Article.Title != tc.wantTitle || !strings.Contains(it.Article.Text, tc.inText) || it.Full != tc.full {
				t.Errorf("item = %q / %q full=%v, want %q / …%q… full=%v", it.Article.Title, it.Article.Text, it.Full, tc.wantTitle, tc.inText, tc.full)
			}
		})
	}
	if _, err := Parse(strings.NewReader("<html><body>not a feed</body></html>"), "https://x.example/f"); err == nil || !strings.Contains(err.Error(), "https://x.example/f") {
		t.Errorf("Parse(html) = %v, want an error naming the feed", err)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		ct, body string
		want     Kind
	}{
		{"text/html", "<?xml version='1.0'?><!-- c --><rss version='2.0'>", KindFeed},
		{"application/xml", "\ufeff<feed xmlns='http://www.w3.org/2005/Atom'>", KindFeed},
		{"application/json", `{"version": "https://jsonfeed.org/version/1", "items": []}`, KindFeed},
		{"text/xml", "<!DOCTYPE html><html>", KindHTML},
		{"", "<html><body>x</body></html>", KindHTML},
		{"application/rss+xml", "garbage", KindFeed},
		{"text/html; charset=utf-8", "<div>fragment</div>", KindHTML},
		{"image/png", "\x89PNG", KindUnknown},
		{"application/json", `{"a":1}`, KindUnknown},
		// A DOCTYPE after the XML declaration or comments, with an
		// internal subset or quoted literals holding '>'.
		{"text/html", "<?xml version=\"1.0\"?>\n<!-- generated -->\n<!DOCTYPE rss [\n<!ENTITY nbsp \"&#160;\">\n<!ENTITY copy \"&#169;\">\n]>\n<rss version=\"2.0\">", KindFeed},
		{"", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % HTMLlat1 PUBLIC \"-//W3C//ENTITIES Latin 1//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent\"> %HTMLlat1;]><rss>", KindFeed},
		{"text/plain", "<!DOCTYPE feed SYSTEM \"a>b.dtd\"><feed xmlns=\"http://www.w3.org/2005/Atom\">", KindFeed},
		{"", "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [" + strings.Repeat("<!ENTITY e \"x\">\n", 150) + "]>\n<rdf:RDF>", KindFeed},
		{"application/xml", "<!DOCTYPE rss [ unterminated", KindUnknown},
	}
	for _, tc := range tests {
		if got := Sniff(tc.ct, []byte(tc.body)); got != tc.want {
			t.Errorf("Sniff(%q, %q) = %v, want %v", tc.ct, tc.body, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(rss("example.org"))
	f.Add(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content type="html">&lt;p&gt;x</content></entry></feed>`)
	f.Add(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"x"}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		fd, err := Parse(strings.NewReader(doc), "https://feeds.example/f")
		if err != nil {
			return
		}
		keys := map[string]bool{}
		for _, it := range fd.Items {
			if it.Key == "" || keys[it.Key] {
				t.Fatalf("empty or repeated key %q", it.Key)
			}
			keys[it.Key] = true
			for _, s := range []string{it.Article.Title, it.Article.Text, it.Article.Author} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 %q", s)
				}
			}
		}
		Sniff("", []byte(doc))
	})
}

func TestParseItemImage(t *testing.T) {
	doc := `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>x</title><link>https://port.example/</link>
<item><guid>1</guid><title>Crane falls</title><link>https://port.example/a/1</link><media:thumbnail url="/img/crane.jpg"/></item>
<item><guid>2</guid><title>Quay reopens</title><link>https://port.example/a/2</link><enclosure url="https://cdn.port.example/quay.jpg" type="image/jpeg" length="1"/></item>
<item><guid>3</guid><title>No picture</title><link>https://port.example/a/3</link></item>
</channel></rss>`
	f, err := Parse(strings.NewReader(doc), "https://port.example/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range f.Items {
		got = append(got, it.Article.Image)
	}
	if want := []string{"https://port.example/img/crane.jpg", "https://cdn.port.example/quay.jpg", ""}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("item images = %q, want %q", got, want)
	}
	// A page without a picture of its own keeps the feed's.
	if m := merge(news.Article{Text: "t"}, f.Items[0].Article); m.Image != "https://port.example/img/crane.jpg" {
		t.Errorf("merge image = %q, want the item's", m.Image)
	}
	if m := merge(news.Article{Text: "t", Image: "https://port.example/og.jpg"}, f.Items[0].Article); m.Image != "https://port.example/og.jpg" {
		t.Errorf("merge image = %q, want the page's own", m.Image)
	}
}
