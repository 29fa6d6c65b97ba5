// Package feed turns RSS, Atom and JSON Feed documents into news articles.
//
// Many news feeds carry only a headline and a one-line summary; the article
// itself is on the linked page. An item whose feed text is that short is
// completed by fetching its page (through the polite fetch client) and
// extracting it with internal/ingest/html; an item that carries its full text
// (content:encoded, Atom content, JSON content_html) is used as it is.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/ingest/html"
	"github.com/dossier-news/dossier/internal/news"
)

// FullText is the length (in characters) from which an item's own text is
// taken as the article rather than as a summary of it.
const FullText = 500

// Feed is a parsed feed.
type Feed struct {
	URL   string
	Title string
	Link  string
	Lang  string
	Items []Item
}

// Item is one feed entry.
type Item struct {
	// Key identifies the item within its feed across polls: the GUID, else
	// the link, else a hash of title and text.
	Key  string
	Link string
	// Article holds what the feed says: title, author, date, and its text
	// (HTML removed), which is the whole article only when Full is set.
	Article news.Article
	Full    bool
}

// Parse reads an RSS, Atom or JSON feed. feedURL resolves relative links
// and names the feed in errors.
func Parse(r io.Reader, feedURL string) (*Feed, error) {
	gf, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	base, _ := nurl.Parse(feedURL)
	f := &Feed{URL: feedURL, Title: clean(gf.Title), Link: resolve(base, gf.Link), Lang: normLang(gf.Language)}
	// Relative item links are relative to the site the feed describes.
	if site, err := nurl.Parse(f.Link); err == nil && f.Link != "" {
		base = site
	}
	if f.Lang == "" && gf.DublinCoreExt != nil && len(gf.DublinCoreExt.Language) > 0 {
		f.Lang = normLang(gf.DublinCoreExt.Language[0])
	}
	seen := map[string]bool{}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := item(gi, base, f)
		if it.Key == "" || seen[it.Key] {
			continue // nothing to identify it by, or a repeat within the feed
		}
		seen[it.Key] = true
		f.Items = append(f.Items, it)
	}
	return f, nil
}

func item(gi *gofeed.Item, base *nurl.URL, f *Feed) Item {
	link := resolve(base, gi.Link)
	if link == "" {
		for _, l := range gi.Links {
			if link = resolve(base, l); link != "" {
				break
			}
		}
	}
	content := htmlText(gi.Content)
	desc := htmlText(gi.Description)
	text, full := desc, false
	if utf8.RuneCountInString(content) >= FullText {
		text, full = content, true
	} else if utf8.RuneCountInString(desc) >= FullText*2 {
		// No content element, but a description long enough to be the
		// article (some feeds put the whole story there).
		full = true
	} else if len(content) > len(desc) {
		text = content
	}
	a := news.Article{
		Title:  clean(htmlText(gi.Title)),
		Text:   text,
		URL:    link,
		Lang:   f.Lang,
		Origin: f.URL,
	}
	for _, p := range gi.Authors {
		if p != nil && clean(p.Name) != "" {
			if a.Author != "" {
				a.Author += ", "
			}
			a.Author += clean(p.Name)
		}
	}
	if a.Author == "" && gi.DublinCoreExt != nil && len(gi.DublinCoreExt.Creator) > 0 {
		a.Author = clean(gi.DublinCoreExt.Creator[0])
	}
	a.Image = itemImage(gi, base)
	switch {
	case gi.PublishedParsed != nil:
		a.Published = gi.PublishedParsed.UTC()
	case gi.UpdatedParsed != nil:
		a.Published = gi.UpdatedParsed.UTC()
	}
	if h := news.OutletOf(link); h != "" {
		a.Source = h
	} else {
		a.Source = news.OutletOf(f.Link)
	}
	if a.Source == "" {
		a.Source = news.OutletOf(f.URL)
	}
	a.Inferred = append(a.Inferred, "source")

	key := strings.TrimSpace(gi.GUID)
	if key == "" {
		key = link
	}
	if key == "" && (a.Title != "" || a.Text != "") {
		key = "hash:" + hashKey(a.Title+"\n"+a.Text)
	}
	return Item{Key: key, Link: link, Article: a, Full: full}
}

// itemImage is the picture of a feed item: gofeed's (an image enclosure,
// itunes:image), else Media RSS media:thumbnail or an image media:content.
func itemImage(gi *gofeed.Item, base *nurl.URL) string {
	if gi.Image != nil {
		if u := resolve(base, gi.Image.URL); u != "" {
			return u
		}
	}
	for _, name := range []string{"thumbnail", "content"} {
		for _, ext := range gi.Extensions["media"][name] {
			if name == "content" && !strings.HasPrefix(ext.Attrs["medium"], "image") && !strings.HasPrefix(ext.Attrs["type"], "image/") {
				continue
			}
			if u := resolve(base, ext.Attrs["url"]); u != "" {
				return u
			}
		}
	}
	return ""
}

// Resolve returns the item's article: the feed's own text when it is the
// full article, else the linked page fetched and extracted, with the feed's
// title, author and date filling what the page lacks. When robots.txt
// forbids the page, the feed's summary is used if it has one. Other fetch
// failures are returned, so that a watcher can try the item again later.
func Resolve(ctx context.Context, c *fetch.Client, it Item) (news.Article, error) {
	a := it.Article
	if it.Full || it.Link == "" {
		if it.Link == "" && !it.Full && a.Text == "" {
			return news.Article{}, fmt.Errorf("feed item %q: no link and no text", it.Key)
		}
		return finish(a), nil
	}
	resp, err := c.Get(ctx, it.Link, fetch.Conditional{})
	if err != nil {
		// A page that will never be had (robots.txt, 4xx) leaves the
		// feed's own text, which is better than nothing; a transient
		// failure is returned so that the item is tried again.
		if a.Text != "" && permanent(err) {
			return finish(a), nil
		}
		return news.Article{}, fmt.Errorf("feed item %s: %w", it.Key, err)
	}
	pa, err := html.ExtractWithCharset(bytes.NewReader(resp.Body), resp.URL, resp.ContentType)
	if err != nil {
		if a.Text != "" {
			return finish(a), nil
		}
		return news.Article{}, fmt.Errorf("feed item %s: %w", it.Key, err)
	}
	return finish(merge(*pa, a)), nil
}

// merge prefers the page for text, URL and outlet, and the feed for what a
// feed states explicitly: its date (pages often lack one or carry only
// the update time) and, when the page has none, title, author, language and
// picture.
func merge(page, item news.Article) news.Article {
	out := page
	out.Origin = item.URL
	if !item.Published.IsZero() && (page.Published.IsZero() || page.IsInferred("published")) {
		out.Published = item.Published
		out.Inferred = without(out.Inferred, "published")
	}
	if (out.Title == "" || out.IsInferred("title")) && item.Title != "" {
		out.Title = item.Title
		out.Inferred = without(out.Inferred, "title")
	}
	if out.Author == "" {
		out.Author = item.Author
	}
	if out.Image == "" {
		out.Image = item.Image
	}
	if out.Lang == "" {
		out.Lang = item.Lang
	}
	return out
}

// finish fills the date of an undated item with the time it was read,
// recorded as inferred, and a missing title from the text.
func finish(a news.Article) news.Article {
	if a.Published.IsZero() {
		a.Published = time.Now().UTC().Truncate(time.Second)
		a.Inferred = append(without(a.Inferred, "published"), "published")
	}
	if a.Title == "" {
		line, _, _ := strings.Cut(a.Text, "\n")
		if r := []rune(line); len(r) > 100 {
			line = string(r[:100]) + "…"
		}
		a.Title = line
		a.Inferred = append(without(a.Inferred, "title"), "title")
	}
	return a
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// htmlText renders feed HTML (or plain text, which parses as a text node)
// as plain text.
func htmlText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return clean(s)
	}
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return clean(s)
	}
	root := &xhtml.Node{Type: xhtml.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return strings.ToValidUTF8(html.Text(root), "\uFFFD")
}

func resolve(base *nurl.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := nurl.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" {
		return ""
	}
	return r.String()
}

func clean(s string) string {
	return strings.ToValidUTF8(strings.Join(strings.Fields(s), " "), "\uFFFD")
}

func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}

// permanent reports whether a fetch error will not go away by retrying.
func permanent(err error) bool {
	if errors.Is(err, fetch.ErrDisallowed) {
		return true
	}
	var se *fetch.StatusError
	return errors.As(err, &se) && se.StatusCode >= 400 && se.StatusCode < 500 && se.StatusCode != 429
}
