package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/store"
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
	Category  []atomCat  `xml:"category,omitempty"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// base returns the absolute root URL: the configured one, else the one the
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

// handleAtom serves the newest events as an Atom feed. An event's entry is
// updated when articles are added to it, so readers see growing stories
// again; its id is the event URL, stable across updates.
func (s *Server) handleAtom(w http.ResponseWriter, r *http.Request) error {
	evs, _, err := s.st.Events(r.Context(), store.EventFilter{Sort: "newest", Limit: 50})
	if err != nil {
		return err
	}
	base := s.base(r)
	f := atomFeed{
		Title:  "Dossier: new events",
		ID:     base + "/",
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + "/events.atom"}, {Rel: "alternate", Type: "text/html", Href: base + "/"}},
		Author: atomPerson{Name: "Dossier"},
	}
	var newest time.Time
	for _, ev := range evs {
		if ev.Last.After(newest) {
			newest = ev.Last
		}
		var sum strings.Builder
		sum.WriteString(plural(len(ev.Articles), "article") + " from " + plural(len(ev.Sources), "outlet"))
		if d := fmtDateRange(ev.When); d != "" {
			sum.WriteString("; " + d)
		}
		if p := placeNames(ev.Where); p != "" {
			sum.WriteString("; " + p)
		}
		sum.WriteString(".")
		for _, ss := range ev.Summary {
			sum.WriteString(" " + ss.Text)
		}
		e := atomEntry{
			Title:   ev.Title,
			ID:      base + eventURL(ev.ID),
			Updated: ev.Last.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: base + eventURL(ev.ID)}},
			Summary: atomText{Type: "text", Body: strings.ToValidUTF8(sum.String(), "\uFFFD")},
		}
		if !ev.First.IsZero() {
			e.Published = ev.First.UTC().Format(time.RFC3339)
		}
		for _, l := range ev.Langs {
			e.Category = append(e.Category, atomCat{Term: "lang:" + l})
		}
		f.Entries = append(f.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(buf.Bytes())
	return nil
}
