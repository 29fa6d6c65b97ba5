package html

import (
	"encoding/json"
	nurl "net/url"
	"strings"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what a page declares about itself.
type meta struct {
	title, ogTitle, h1 string
	author             string
	siteName           string
	canonical          string
	image              string // absolute URL of the page's picture (og:image)
	lang               string
	published          time.Time
}

// publishedKeys are meta names/properties/itemprops that carry the
// publication date, in order of trust.
var publishedKeys = []string{
	"article:published_time", "datepublished", "og:article:published_time",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "dc.date.created",
	"pubdate", "publishdate", "publish-date", "publish_date", "date", "sailthru.date",
	"parsely-pub-date", "article.published", "published_time", "cxenseparse:recs:publishtime",
}

var authorKeys = []string{"author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"}

// readMeta walks the document once, collecting meta tags, the canonical
// link, <html lang>, the first <h1> and JSON-LD article metadata.
func readMeta(doc *xhtml.Node, base *nurl.URL) meta {
	var m meta
	tags := map[string]string{} // lower-case key → first value
	var ld []string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = normLang(attr(n, "lang"))
				}
				if m.lang == "" {
					m.lang = normLang(attr(n, "xml:lang"))
				}
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = clean(n.FirstChild.Data)
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = clean(textContent(n))
				}
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, ok := tags[key]; !ok {
							tags[key] = content
						}
					}
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = absURL(base, attr(n, "href"))
				}
			case atom.Time:
				if strings.EqualFold(attr(n, "itemprop"), "datepublished") || hasToken(attr(n, "class"), "published") {
					if _, ok := tags["datepublished"]; !ok {
						if dt := attr(n, "datetime"); dt != "" {
							tags["datepublished"] = dt
						}
					}
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ld = append(ld, n.FirstChild.Data)
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	var j jsonLD
	for _, s := range ld {
		j.read(s)
	}

	m.ogTitle = firstNonEmpty(tags["og:title"], tags["twitter:title"], j.headline)
	// The outlet as the page names itself; the article's JSON-LD publisher
	// is the same declaration on pages without Open Graph tags, and keeps
	// one outlet from appearing under two names.
	m.siteName = firstNonEmpty(tags["og:site_name"], j.publisher, tags["application-name"])
	// The picture the page offers for previews of itself; Normalize keeps it only as an
	// http(s) URL.
	if img := firstNonEmpty(tags["og:image:secure_url"], tags["og:image"], tags["og:image:url"], tags["twitter:image"], tags["twitter:image:src"]); img != "" {
		m.image = absURL(base, strings.TrimSpace(img))
	}
	for _, k := range authorKeys {
		if v := clean(tags[k]); v != "" && !strings.HasPrefix(v, "http") {
			m.author = v
			break
		}
	}
	if m.author == "" {
		m.author = j.author
	}
	if m.lang == "" {
		m.lang = normLang(firstNonEmpty(tags["content-language"], tags["language"], tags["dc.language"], tags["og:locale"], j.lang))
	}
	if m.canonical == "" && j.url != "" {
		m.canonical = absURL(base, j.url)
	}
	if j.published != "" {
		m.published = parseDate(j.published)
	}
	for _, k := range publishedKeys {
		if !m.published.IsZero() {
			break
		}
		if v := tags[k]; v != "" {
			m.published = parseDate(v)
		}
	}
	return m
}

// jsonLD holds the fields Dossier reads from schema.org article objects.
type jsonLD struct {
	headline, author, published, url, lang, publisher string
}

var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "blogposting": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "backgroundnewsarticle": true,
	"webpage": false, "liveblogposting": true, "report": true, "scholarlyarticle": true,
}

func (j *jsonLD) read(s string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return
	}
	j.visit(v, 0)
}

func (j *jsonLD) visit(v any, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			j.visit(e, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			j.visit(g, depth+1)
		}
		if !isArticleType(x["@type"]) {
			return
		}
		if j.headline == "" {
			j.headline, _ = x["headline"].(string)
		}
		if j.published == "" {
			j.published, _ = x["datePublished"].(string)
		}
		if j.url == "" {
			j.url, _ = x["url"].(string)
		}
		if j.lang == "" {
			j.lang, _ = x["inLanguage"].(string)
		}
		if j.author == "" {
			j.author = ldName(x["author"])
		}
		if j.publisher == "" {
			if p, ok := x["publisher"].(map[string]any); ok {
				j.publisher = ldName(p)
			}
		}
	}
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldName reads a schema.org Person (or list of them) as "A, B".
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return clean(x)
	case map[string]any:
		s, _ := x["name"].(string)
		return clean(s)
	case []any:
		var names []string
		for _, e := range x {
			if n := ldName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02 15:04",
	time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700",
	"2006-01-02", "20060102", "2006/01/02", "January 2, 2006", "2 January 2006",
}

// parseDate reads a declared date; zero when it is in no known layout or
// outside 1995..(now+2 days), the range of plausible web news. The time
// keeps the offset the page wrote: its calendar day is the page's own,
// which converting to UTC would move for a story published near midnight.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1995 || t.After(time.Now().Add(48*time.Hour)) {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}

// normLang turns "en-GB", "en_GB" or "EN" into the ISO 639-1 code "en";
// anything that does not start with a two-letter code gives "".
func normLang(s string) string {
	s = strings.TrimSpace(s)
	s, _, _ = strings.Cut(s, ",")
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}

func absURL(base *nurl.URL, ref string) string {
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
	if r.Scheme != "http" && r.Scheme != "https" || r.Host == "" {
		return ""
	}
	return r.String()
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func textContent(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
