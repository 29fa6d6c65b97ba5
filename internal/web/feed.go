package web

import (
	"bytes"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Atom (RFC 4287) types: only what the feed of new events uses.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   atomText   `xml:"summary"`
	Content   *atomText  `xml:"content,omitempty"`
	Category  []atomCat  `xml:"category,omitempty"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// base returns the absolute root URL for links: the configured one, else the one the
// request came in on.
func (s *Server) base(r *http.Request) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// tagPrefix starts the ids of feeds and entries when no base URL is configured: a tag URI
// (RFC 4151) names a thing for good, whatever host name it is reached under.
const tagPrefix = "tag:dossier,2026:"

// entryID is the permanent id of an event's entry: BaseURL/events/ID when a base URL is
// configured, else tag:dossier,2026:event/ID. Never built from the request.
func (s *Server) entryID(id string) string {
	if s.baseURL != "" {
		return s.baseURL + eventURL(id)
	}
	return tagPrefix + "event/" + url.PathEscape(id)
}

// feedID is the permanent id of the feed of the filters in query (encoded by filterQuery).
func (s *Server) feedID(query string) string {
	id := tagPrefix + "events"
	if s.baseURL != "" {
		id = s.baseURL + "/events.atom"
	}
	if query != "" {
		id += "?" + query
	}
	return id
}

// feedSize is the number of entries of a feed unless limit asks for fewer or more.
const feedSize = 50

// maxEntrySources bounds the sources listed in one entry.
const maxEntrySources = 20

// handleAtom serves the newest events matching the list filters (q, place, entity, lang,
// outlet, from, to) as an Atom feed, so a reader can follow one topic. An event's entry is
// updated when articles are added to it, so readers see growing stories again; its id is
// permanent (entryID). Each entry carries the event's lead, its summary and its sources.
func (s *Server) handleAtom(w http.ResponseWriter, r *http.Request) error {
	f, ff, err := parseFilter(r.URL.Query(), feedSize)
	if err != nil {
		return err
	}
	f.Sort, f.Offset = "newest", 0
	evs, _, err := s.st.Events(r.Context(), f)
	if err != nil {
		return err
	}
	ids := make([]string, len(evs))
	for i, ev := range evs {
		ids[i] = ev.ID
	}
	srcs, err := s.st.EventSources(r.Context(), ids)
	if err != nil {
		return err
	}
	base := s.base(r)
	query := filterQuery(ff)
	title, self, alt := "Dossier: new events", base+"/events.atom", base+"/"
	if query != "" {
		title += " (" + filterTitle(ff) + ")"
		self += "?" + query
		alt += "?" + query
	}
	feed := atomFeed{
		Title:  title,
		ID:     s.feedID(query),
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: alt}},
		Author: atomPerson{Name: "Dossier"},
	}
	var newest time.Time
	for _, ev := range evs {
		if ev.Last.After(newest) {
			newest = ev.Last
		}
		e := atomEntry{
			Title:   valid(ev.Title),
			ID:      s.entryID(ev.ID),
			Updated: ev.Last.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: base + eventURL(ev.ID)}},
			Summary: atomText{Type: "text", Body: valid(entrySummary(ev))},
			Content: &atomText{Type: "html", Body: valid(entryContent(ev, srcs[ev.ID], base))},
		}
		if !ev.First.IsZero() {
			e.Published = ev.First.UTC().Format(time.RFC3339)
		}
		for _, l := range ev.Langs {
			e.Category = append(e.Category, atomCat{Term: "lang:" + l})
		}
		feed.Entries = append(feed.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	feed.Updated = newest.UTC().Format(time.RFC3339)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(buf.Bytes())
	return nil
}

func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// filterTitle says what a filtered feed follows, for its title.
func filterTitle(ff filterForm) string {
	var parts []string
	for _, kv := range [][2]string{{"", ff.Q}, {"place", ff.Place}, {"entity", ff.Entity}, {"language", ff.Lang},
		{"outlet", ff.Outlet}, {"from", ff.From}, {"to", ff.To}} {
		switch {
		case kv[1] == "":
		case kv[0] == "":
			parts = append(parts, strconv.Quote(kv[1]))
		default:
			parts = append(parts, kv[0]+" "+kv[1])
		}
	}
	return strings.Join(parts, ", ")
}

// entryFacts is the line of facts of an entry: size, dates, places.
func entryFacts(ev news.Event) string {
	s := plural(len(ev.Articles), "article") + " from " + plural(len(ev.Sources), "outlet")
	if d := fmtDateRange(ev.When); d != "" {
		s += "; " + d
	}
	if p := placeNames(ev.Where); p != "" {
		s += "; " + p
	}
	return s + "."
}

// entrySummary is an entry's plain-text summary: the lead, then the facts.
func entrySummary(ev news.Event) string {
	if ev.Lead != "" {
		return ev.Lead + " " + entryFacts(ev)
	}
	return entryFacts(ev)
}

// entryContent is an entry's HTML: the lead, the facts, and the sources, each outlet
// linked to its article (its own page when the article has no web address).
func entryContent(ev news.Event, arts []news.Article, base string) string {
	var b strings.Builder
	if ev.Lead != "" {
		b.WriteString("<p>" + html.EscapeString(ev.Lead) + "</p>\n")
	}
	b.WriteString("<p>" + html.EscapeString(entryFacts(ev)) + "</p>\n")
	n := 0
	for _, a := range arts {
		if a.DuplicateOf == "" {
			n++
		}
	}
	if n == 0 {
		return b.String()
	}
	b.WriteString("<p>Sources:</p>\n<ul>\n")
	shown := 0
	for _, a := range arts {
		if a.DuplicateOf != "" {
			continue // a syndicated copy says nothing its original does not
		}
		if shown == maxEntrySources {
			b.WriteString("<li>and " + plural(n-shown, "more article") + "</li>\n")
			break
		}
		shown++
		href := base + articleURL(a.ID)
		if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			href = a.URL
		}
		outlet := a.Source
		if outlet == "" {
			outlet = unknownOutlet
		}
		b.WriteString(`<li><a href="` + html.EscapeString(href) + `">` + html.EscapeString(outlet) + "</a>")
		if a.Title != "" {
			b.WriteString(": " + html.EscapeString(a.Title))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")
	return b.String()
}
