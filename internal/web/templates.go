package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// templates holds one parsed set per page: the layout and partials cloned,
// plus the page's own file, so pages may each define "title" and "content".
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates(as *assets) (*templates, error) {
	funcs := template.FuncMap{
		"asset":       as.url,
		"eventURL":    eventURL,
		"timelineURL": timelineURL,
		"entityURL":   entityURL,
		"articleURL":  articleURL,
		"date":        fmtDate,
		"datetime":    fmtDateTime,
		"iso":         func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"dateRange":   fmtDateRange,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
		"plural":      plural,
		"figure":      fmtFigure,
		"typeLabel":   typeLabel,
		"typeName":    typeName,
		"statusLabel": statusLabel,
		"places":      placeNames,
		"outlet":      outletName,
		"pct":         func(f float64) string { return strconv.Itoa(int(math.Round(f*100))) + "%" },
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(embedded, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	files, err := fs.Glob(embedded, "templates/page_*.html")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/page_"), ".html")
		c, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout for %s: %w", f, err)
		}
		if _, err := c.ParseFS(embedded, f); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		t.pages[name] = c
	}
	return t, nil
}

// page is what the layout sees; Data is the page's own view model.
type page struct {
	Title string
	Nav   string // "events", "entities", "search": the highlighted tab
	Q     string // search box contents
	// Feed is the Atom feed the page advertises (<link rel=alternate>);
	// empty is the feed of all new events.
	Feed string
	Data any
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage executes a page into a buffer first, so a template failure
// becomes a clean 500 instead of a truncated page with status 200.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, p any) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		panic("web: undeclared page template " + name)
	}
	pg, ok := p.(page)
	if !ok {
		pg = page{Data: p}
		if ep, isErr := p.(errorPage); isErr {
			pg.Title = ep.Title
		}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", pg); err != nil {
		s.log.Error("render page", "page", name, "path", r.URL.Path, "error", err)
		if name != "error" {
			s.renderPage(w, r, http.StatusInternalServerError, "error",
				errorPage{Status: 500, Title: "Internal Server Error", Message: "internal server error"})
			return
		}
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Event pictures are the outlets' own (og:image), loaded from their
	// servers without a referrer; nothing else may come from elsewhere.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https: http:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func eventURL(id string) string    { return "/events/" + url.PathEscape(id) }
func timelineURL(id string) string { return eventURL(id) + "/timeline" }
func entityURL(id string) string   { return "/entities/" + url.PathEscape(id) }
func articleURL(id string) string  { return "/articles/" + url.PathEscape(id) }

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006")
}

func fmtDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006, 15:04 UTC")
}

// fmtDateRange writes a calendar range the way a reader says it.
func fmtDateRange(d news.DateRange) string {
	parse := func(s string) (time.Time, bool) {
		t, err := time.Parse("2006-01-02", s)
		return t, err == nil
	}
	a, okA := parse(d.Start)
	b, okB := parse(d.End)
	switch {
	case !okA && !okB:
		return ""
	case !okB || (okA && a.Equal(b)):
		return a.Format("2 Jan 2006")
	case !okA:
		return "until " + b.Format("2 Jan 2006")
	case a.Year() == b.Year() && a.Month() == b.Month():
		return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 Jan 2006"))
	case a.Year() == b.Year():
		return a.Format("2 Jan") + " – " + b.Format("2 Jan 2006")
	}
	return a.Format("2 Jan 2006") + " – " + b.Format("2 Jan 2006")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ey") {
		return strconv.Itoa(n) + " " + word[:len(word)-1] + "ies"
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// fmtFigure writes a figure's value with thousands separators, and its
// range when it has one.
func fmtFigure(f news.Figure) string {
	s := news.FormatNumber(f.Value)
	if f.Max > f.Value {
		s += "–" + news.FormatNumber(f.Max)
	}
	return s
}

func typeLabel(t news.EntityType) string {
	switch t {
	case news.Person:
		return "People"
	case news.Org:
		return "Organisations"
	case news.Place:
		return "Places"
	}
	return "Other"
}

func statusLabel(s string) string {
	switch s {
	case news.Corroborated:
		return "Corroborated"
	case news.Single:
		return "Single source"
	case news.Conflicting:
		return "Conflicting"
	}
	return s
}

// unknownOutlet names the outlet of an article whose input did not tell it
// (a bare text file without a source line or a URL): never its id, which is
// a hash.
const unknownOutlet = "unknown outlet"

func outletName(source string) string {
	if source == "" {
		return unknownOutlet
	}
	return source
}

func placeNames(ps []news.GeoPlace) string {
	names := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.Name != "" {
			names = append(names, p.Name)
		}
	}
	return strings.Join(names, ", ")
}
