package reconcile

import (
	"bytes"
	"path"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/timex"
)

// furnitureClasses mark, by a part of their class attribute, the page
// elements around a story that are not the story: bylines, credits,
// captions, datelines, update notes, sharing and related links, site
// navigation.
var furnitureClasses = []string{"byline", "author", "credit", "caption", "dateline", "correction", "share",
	"related", "nav", "header", "footer", "banner", "cookie", "newsletter", "tag", "kicker", "most-read",
	"breadcrumb", "meta", "logo", "btn", "skip", "masthead"}

// furnitureTags are the elements that hold headings, captions, links and
// site chrome.
var furnitureTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"figcaption": true, "a": true, "nav": true, "header": true, "footer": true, "aside": true, "title": true, "button": true}

// furniture returns the texts of the furniture elements of an HTML page.
func furniture(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isFurniture(n) {
			if s := strings.Join(strings.Fields(textOf(n)), " "); s != "" {
				out = append(out, s)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func isFurniture(n *html.Node) bool {
	if furnitureTags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" {
			continue
		}
		for _, c := range furnitureClasses {
			if strings.Contains(a.Val, c) {
				return true
			}
		}
	}
	return false
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
		b.WriteByte(' ')
	}
	return b.String()
}

// statementWords counts a text's lower-case words that are not calendar
// words: a statement has verbs and function words, a dateline ("Antwerp,
// Wednesday, 18 December 2024.") has none.
func statementWords(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		r := []rune(w)[0]
		if unicode.IsLower(r) && !timex.CalendarWord(w) {
			n++
		}
	}
	return n
}

// TestDemoNoFurniture checks that no claim of the demo events is a
// heading (an article's title), a dateline, or the text of a page's
// byline, caption, photo credit, update note, link or navigation.
func TestDemoNoFurniture(t *testing.T) {
	names, err := sample.ArticleFiles()
	if err != nil {
		t.Fatal(err)
	}
	var pieces []string
	for _, name := range names {
		if path.Ext(name) != ".html" {
			continue
		}
		page, err := sample.Corpus.ReadFile(path.Join("corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		pieces = append(pieces, furniture(t, page)...)
	}
	if len(pieces) < 20 {
		t.Fatalf("found %d pieces of page furniture in the corpus pages, want at least 20", len(pieces))
	}
	arts, err := sample.Read(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, a := range arts {
		titles[strings.TrimSpace(a.Title)] = true
	}
	for name, ev := range demoEvents(t) {
		for _, c := range ev.Claims {
			text := strings.Join(strings.Fields(c.Text), " ")
			if titles[text] {
				t.Errorf("%s: claim %q is a headline", name, text)
			}
			if statementWords(text) < 2 {
				t.Errorf("%s: claim %q is no statement (a dateline?)", name, text)
			}
			for _, p := range pieces {
				if text == p || (len(strings.Fields(p)) >= 4 && strings.Contains(text, p)) {
					t.Errorf("%s: claim %q is page furniture %q", name, text, p)
				}
			}
			for _, v := range c.Values {
				if v.Value == "" {
					t.Errorf("%s: claim %q has an empty value", name, text)
				}
			}
		}
	}
}

// TestFurnitureNoClaim builds an event from two reports of my own writing
// around one statement: a dateline and an update note, or picture credits
// and site prompts that both share, are no claims; the statement is.
func TestFurnitureNoClaim(t *testing.T) {
	const statement = "A warehouse fire in Lyon forced 200 residents from their homes on Monday"
	credits := "\n\n(Photo: Jane Doe/Northwire Pictures Service)\n\nWe use cookies to give you the best browsing experience on our site.\n\nSign up for our free daily newsletter and get the news first."
	for _, tc := range []struct {
		name      string
		a, b      string
		furniture []string // what no claim may contain
	}{
		{"dateline and note",
			"Lyon, Monday, 3 March 2025.\n\n" + statement + ", the fire service said.\n\nThis article was updated at 18:00 with the number of residents.",
			"Lyon, today (03.03.2025).\n\n" + statement + ", firefighters said.\n\nAn earlier version of this story gave the wrong district.",
			[]string{"Lyon,", "This article", "An earlier version"}},
		{"credits and prompts",
			statement + ", the fire service said." + credits,
			statement + ", firefighters said." + credits,
			[]string{"Photo", "cookies", "newsletter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub := time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC)
			arts := []news.Article{
				{ID: "a", Source: "one.example", Lang: "en", Published: pub, Title: "Warehouse fire", Text: tc.a},
				{ID: "b", Source: "two.example", Lang: "en", Published: pub.Add(time.Hour), Title: "Fire in Lyon", Text: tc.b},
			}
			analyze := extractAnalyzer(t)
			ev := Build(news.Event{ID: "e"}, arts, []news.Analysis{analyze(&arts[0]), analyze(&arts[1])})
			found := false
			for _, c := range ev.Claims {
				if strings.HasPrefix(c.Text, statement) {
					found = true
					continue
				}
				for _, f := range tc.furniture {
					if strings.Contains(c.Text, f) {
						t.Errorf("claim %q is page furniture (%q)", c.Text, f)
					}
				}
			}
			if !found {
				t.Errorf("no claim of the statement; claims: %+v", ev.Claims)
			}
		})
	}
}
