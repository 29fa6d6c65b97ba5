package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

const (
	pageSize    = 20
	maxPageSize = 200
)

// filterForm is the event list's filters as typed in the form, kept as
// strings so the form shows back exactly what was asked.
type filterForm struct {
	From, To, Place, Entity, Lang, Outlet, Q, Sort string
}

// parseFilter reads the event filters shared by the page and the API.
func parseFilter(q url.Values, defLimit int) (store.EventFilter, filterForm, error) {
	ff := filterForm{
		From:   strings.TrimSpace(q.Get("from")),
		To:     strings.TrimSpace(q.Get("to")),
		Place:  strings.TrimSpace(q.Get("place")),
		Entity: strings.TrimSpace(q.Get("entity")),
		Lang:   strings.ToLower(strings.TrimSpace(q.Get("lang"))),
		Outlet: strings.TrimSpace(q.Get("outlet")),
		Q:      strings.TrimSpace(q.Get("q")),
		Sort:   strings.TrimSpace(q.Get("sort")),
	}
	f := store.EventFilter{Place: ff.Place, Entity: ff.Entity, Lang: ff.Lang, Outlet: ff.Outlet, Query: ff.Q}
	var err error
	if ff.From != "" {
		if f.From, err = time.Parse("2006-01-02", ff.From); err != nil {
			return f, ff, errorf(http.StatusBadRequest, "from: %q is not a date (want YYYY-MM-DD)", ff.From)
		}
	}
	if ff.To != "" {
		if f.To, err = time.Parse("2006-01-02", ff.To); err != nil {
			return f, ff, errorf(http.StatusBadRequest, "to: %q is not a date (want YYYY-MM-DD)", ff.To)
		}
		// The form's "to" day is inclusive.
		f.To = f.To.Add(24*time.Hour - time.Nanosecond)
	}
	switch ff.Sort {
	case "", "newest":
		f.Sort = "newest"
	case "biggest":
		f.Sort = "biggest"
	default:
		return f, ff, errorf(http.StatusBadRequest, "sort: %q is not one of newest, biggest", ff.Sort)
	}
	if f.Limit, f.Offset, err = parsePaging(q, defLimit); err != nil {
		return f, ff, err
	}
	return f, ff, nil
}

// parsePaging reads limit and offset, refusing nonsense rather than
// silently clamping it, except that limit is capped at maxPageSize.
func parsePaging(q url.Values, defLimit int) (limit, offset int, err error) {
	limit = defLimit
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 {
			return 0, 0, errorf(http.StatusBadRequest, "limit: %q is not a positive integer", v)
		}
		limit = min(limit, maxPageSize)
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, errorf(http.StatusBadRequest, "offset: %q is not a non-negative integer", v)
		}
	}
	return limit, offset, nil
}

// pager holds the links of a paginated list.
type pager struct {
	Total, Offset, Limit int
	From, To             int // 1-based range shown
	Prev, Next           string
}

func makePager(r *http.Request, total, offset, limit int) pager {
	p := pager{Total: total, Offset: offset, Limit: limit}
	if total > 0 && offset < total {
		p.From, p.To = offset+1, min(offset+limit, total)
	}
	link := func(off int) string {
		q := r.URL.Query()
		if off == 0 {
			q.Del("offset")
		} else {
			q.Set("offset", strconv.Itoa(off))
		}
		if enc := q.Encode(); enc != "" {
			return r.URL.Path + "?" + enc
		}
		return r.URL.Path
	}
	if offset > 0 {
		p.Prev = link(max(0, offset-limit))
	}
	if offset+limit < total {
		p.Next = link(offset + limit)
	}
	return p
}

type indexData struct {
	Filter  filterForm
	Events  []news.Event
	Pager   pager
	Stats   store.Stats
	Sorts   []sortTab
	Filters bool   // some filter is set
	Feed    string // the Atom feed of the list's filters
}

type sortTab struct {
	Label, URL string
	Active     bool
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) error {
	f, ff, err := parseFilter(r.URL.Query(), pageSize)
	if err != nil {
		return err
	}
	evs, total, err := s.st.Events(r.Context(), f)
	if err != nil {
		return err
	}
	st, err := s.stats(r.Context())
	if err != nil {
		return err
	}
	d := indexData{
		Filter:  ff,
		Events:  evs,
		Pager:   makePager(r, total, f.Offset, f.Limit),
		Stats:   st,
		Filters: ff.From != "" || ff.To != "" || ff.Place != "" || ff.Entity != "" || ff.Lang != "" || ff.Outlet != "" || ff.Q != "",
		Feed:    feedURL(ff),
	}
	for _, so := range []struct{ key, label string }{{"newest", "Newest"}, {"biggest", "Biggest"}} {
		q := r.URL.Query()
		q.Del("offset")
		q.Set("sort", so.key)
		d.Sorts = append(d.Sorts, sortTab{Label: so.label, URL: "/?" + q.Encode(), Active: f.Sort == so.key})
	}
	pg := page{Title: "Latest events", Nav: "events", Data: d}
	if d.Filters {
		pg.Feed = d.Feed
	}
	s.renderPage(w, r, http.StatusOK, "index", pg)
	return nil
}

// filterQuery encodes the filters of ff (not sort or paging), sorted by key: the query
// of the feed of a list, and part of that feed's id.
func filterQuery(ff filterForm) string {
	q := url.Values{}
	for _, kv := range [][2]string{{"q", ff.Q}, {"place", ff.Place}, {"entity", ff.Entity}, {"lang", ff.Lang},
		{"outlet", ff.Outlet}, {"from", ff.From}, {"to", ff.To}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	return q.Encode()
}

// feedURL is the path of the Atom feed of the events ff selects.
func feedURL(ff filterForm) string {
	if q := filterQuery(ff); q != "" {
		return "/events.atom?" + q
	}
	return "/events.atom"
}

type timelineData struct {
	Ev     news.Event   // the event asked for
	Events []news.Event // its storyline, oldest first
}

// handleTimelinePage shows the events of one storyline in time order.
func (s *Server) handleTimelinePage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.timelineView(r)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "timeline", page{Title: "Story timeline: " + d.Ev.Title, Nav: "events", Data: d})
	return nil
}

func (s *Server) timelineView(r *http.Request) (timelineData, error) {
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		return timelineData{}, err
	}
	evs, err := s.st.Storyline(r.Context(), ev.ID)
	if err != nil {
		return timelineData{}, err
	}
	return timelineData{Ev: ev, Events: evs}, nil
}

// articleRef is an article as cited on an event page.
type articleRef struct {
	Num       int
	ID        string
	Title     string
	Source    string
	URL       string
	Lang      string
	Published time.Time
	Duplicate bool
}

type claimView struct {
	news.Claim
	Refs   []articleRef
	Values []claimValueView
}

type claimValueView struct {
	news.ClaimValue
	Refs []articleRef
}

type claimGroup struct {
	Status string
	Claims []claimView
}

type entityGroup struct {
	Type     news.EntityType
	Entities []news.Entity
}

type summaryView struct {
	Text string
	Refs []articleRef
}

type eventData struct {
	Ev       news.Event
	Refs     []articleRef
	Summary  []summaryView
	Claims   []claimGroup
	Entities []entityGroup
	Figures  []figureView
	Places   []news.GeoPlace
	Timeline template.HTML
	Map      template.HTML
	Sources  int
}

// figureView is one distinct figure of an event and how many of its
// articles give it.
type figureView struct {
	news.Figure
	Times int
}

// dedupeFigures folds figures with the same value, range and subject, as
// several articles repeat them; the first wording is kept.
func dedupeFigures(fs []news.Figure) []figureView {
	type key struct {
		v, max        float64
		counts, where string
	}
	idx := map[key]int{}
	var out []figureView
	for _, f := range fs {
		k := key{f.Value, f.Max, strings.ToLower(f.Counts), strings.ToLower(f.Where)}
		if i, ok := idx[k]; ok {
			out[i].Times++
			continue
		}
		idx[k] = len(out)
		out = append(out, figureView{Figure: f, Times: 1})
	}
	return out
}

func (s *Server) handleEventPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.eventView(r)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "event", page{Title: d.Ev.Title, Nav: "events", Data: d})
	return nil
}

func (s *Server) eventView(r *http.Request) (eventData, error) {
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		return eventData{}, err
	}
	arts, _, err := s.st.EventArticles(r.Context(), ev.ID)
	if err != nil {
		return eventData{}, err
	}
	d := eventData{Ev: ev, Sources: len(ev.Sources)}
	byID := make(map[string]articleRef, len(arts))
	for i, a := range arts {
		ref := articleRef{Num: i + 1, ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Lang: a.Lang,
			Published: a.Published, Duplicate: a.DuplicateOf != ""}
		d.Refs = append(d.Refs, ref)
		byID[a.ID] = ref
	}
	refs := func(ids []string) []articleRef {
		out := make([]articleRef, 0, len(ids))
		for _, id := range ids {
			if ref, ok := byID[id]; ok {
				out = append(out, ref)
			} else {
				// Cited but not stored with the event: still link it.
				out = append(out, articleRef{ID: id, Title: id})
			}
		}
		// Citation marks read in source-list order.
		slices.SortStableFunc(out, func(a, b articleRef) int { return cmp.Compare(a.Num, b.Num) })
		return out
	}
	for _, ss := range ev.Summary {
		d.Summary = append(d.Summary, summaryView{Text: ss.Text, Refs: refs(ss.Sources)})
	}
	groups := map[string]*claimGroup{}
	order := []string{news.Conflicting, news.Corroborated, news.Single}
	for _, st := range order {
		groups[st] = &claimGroup{Status: st}
	}
	for _, c := range ev.Claims {
		g, ok := groups[c.Status]
		if !ok {
			g = &claimGroup{Status: c.Status}
			groups[c.Status] = g
			order = append(order, c.Status)
		}
		cv := claimView{Claim: c, Refs: refs(c.Sources)}
		for _, v := range c.Values {
			if strings.HasPrefix(c.Slot, "figure:") {
				v.Value = news.FormatLabel(v.Value) // "10,000,000 euro", as figures read
			}
			cv.Values = append(cv.Values, claimValueView{ClaimValue: v, Refs: refs(v.Sources)})
		}
		g.Claims = append(g.Claims, cv)
	}
	for _, st := range order {
		if g := groups[st]; len(g.Claims) > 0 {
			slices.SortStableFunc(g.Claims, func(a, b claimView) int { return cmp.Compare(len(b.Outlets), len(a.Outlets)) })
			d.Claims = append(d.Claims, *g)
		}
	}
	d.Entities = groupEntities(ev.Entities)
	d.Figures = dedupeFigures(ev.Figures)
	d.Timeline = timelineSVG(ev, arts)
	places := ev.Places
	if len(places) == 0 {
		places = ev.Where
	}
	d.Map = mapSVG(places)
	d.Places = places
	return d, nil
}

// groupEntities orders an event's entities by type, then by how often
// they are mentioned, so the main actors come first.
func groupEntities(ents []news.Entity) []entityGroup {
	var out []entityGroup
	for _, t := range []news.EntityType{news.Person, news.Org, news.Place, news.Misc} {
		var g []news.Entity
		for _, e := range ents {
			if e.Type == t || (t == news.Misc && e.Type != news.Person && e.Type != news.Org && e.Type != news.Place) {
				g = append(g, e)
			}
		}
		if len(g) == 0 {
			continue
		}
		slices.SortStableFunc(g, func(a, b news.Entity) int { return cmp.Compare(mentionCount(b), mentionCount(a)) })
		out = append(out, entityGroup{Type: t, Entities: g})
	}
	return out
}

func mentionCount(e news.Entity) int {
	n := 0
	for _, c := range e.Mentions {
		n += c
	}
	return n
}

type entityData struct {
	Entity   news.Entity
	Mentions int
	Events   []news.Event
	Total    int // events of the entity; more than len(Events) when capped
}

// entityEventCap bounds the events listed on an entity page: a head of
// state can be in thousands, and the event list filtered by the entity
// paginates them.
const entityEventCap = 100

func (s *Server) handleEntityPage(w http.ResponseWriter, r *http.Request) error {
	e, evs, err := s.st.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	d := entityData{Entity: e, Mentions: mentionCount(e), Events: evs, Total: len(evs)}
	if len(d.Events) > entityEventCap {
		d.Events = d.Events[:entityEventCap]
	}
	s.renderPage(w, r, http.StatusOK, "entity", page{Title: e.Name, Nav: "entities", Data: d})
	return nil
}

type entitiesData struct {
	Type     string
	Types    []sortTab
	Entities []news.Entity
	Pager    pager
}

func parseEntityType(v string) (news.EntityType, error) {
	switch t := news.EntityType(v); t {
	case "", news.Person, news.Org, news.Place, news.Misc:
		return t, nil
	}
	return "", errorf(http.StatusBadRequest, "type: %q is not one of person, org, place, misc", v)
}

func (s *Server) handleEntitiesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	typ, err := parseEntityType(q.Get("type"))
	if err != nil {
		return err
	}
	limit, offset, err := parsePaging(q, 60)
	if err != nil {
		return err
	}
	ents, total, err := s.st.Entities(r.Context(), typ, limit, offset)
	if err != nil {
		return err
	}
	d := entitiesData{Type: string(typ), Entities: ents, Pager: makePager(r, total, offset, limit)}
	for _, t := range []struct{ key, label string }{{"", "All"}, {"person", "People"}, {"org", "Organisations"}, {"place", "Places"}, {"misc", "Other"}} {
		u := "/entities"
		if t.key != "" {
			u += "?type=" + t.key
		}
		d.Types = append(d.Types, sortTab{Label: t.label, URL: u, Active: string(typ) == t.key})
	}
	s.renderPage(w, r, http.StatusOK, "entities", page{Title: "Entities", Nav: "entities", Data: d})
	return nil
}

type articleData struct {
	Article  news.Article
	Analysis news.Analysis
	Body     template.HTML
	Legend   []legendItem
}

// legendItem is one kind of highlighted fact and how often it occurs.
type legendItem struct {
	Class, Label string
	Count        int
}

func (s *Server) handleArticlePage(w http.ResponseWriter, r *http.Request) error {
	a, an, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	body, counts := highlight(a.Text, an)
	d := articleData{Article: a, Analysis: an, Body: body}
	for i, c := range highlightClasses {
		d.Legend = append(d.Legend, legendItem{Class: c, Label: highlightLabels[i], Count: counts[c]})
	}
	title := a.Title
	if title == "" {
		title = a.ID
	}
	s.renderPage(w, r, http.StatusOK, "article", page{Title: title, Data: d})
	return nil
}

type searchData struct {
	Q     string
	Hits  []store.SearchHit
	Pager pager
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := searchData{Q: strings.TrimSpace(q.Get("q"))}
	if d.Q != "" {
		limit, offset, err := parsePaging(q, pageSize)
		if err != nil {
			return err
		}
		hits, total, err := s.st.Search(r.Context(), d.Q, limit, offset)
		if err != nil {
			return err
		}
		d.Hits, d.Pager = hits, makePager(r, total, offset, limit)
	}
	title := "Search"
	if d.Q != "" {
		title = "Search: " + d.Q
	}
	s.renderPage(w, r, http.StatusOK, "search", page{Title: title, Nav: "search", Q: d.Q, Data: d})
	return nil
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	// A one-row query proves the store answers, without the cost of
	// counting everything.
	if _, _, err := s.st.Events(r.Context(), store.EventFilter{Limit: 1}); err != nil {
		s.log.Error("health check", "error", err)
		return errorf(http.StatusServiceUnavailable, "store unavailable")
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
	return nil
}
