package web

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// writeJSON answers v as JSON. Encoding a value of our own types cannot
// fail short of a bug, so a failure is only possible mid-write (client
// gone) and is dropped.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":"internal server error","status":500}`, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// EventList is the body of GET /api/events.
type EventList struct {
	Total  int          `json:"total"`
	Limit  int          `json:"limit"`
	Offset int          `json:"offset"`
	Events []news.Event `json:"events"`
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	f, _, err := parseFilter(r.URL.Query(), 50)
	if err != nil {
		return err
	}
	evs, total, err := s.st.Events(r.Context(), f)
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []news.Event{}
	}
	writeJSON(w, http.StatusOK, EventList{Total: total, Limit: f.Limit, Offset: f.Offset, Events: evs})
	return nil
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) error {
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ev)
	return nil
}

// Timeline is the body of GET /api/events/{id}/timeline.
type Timeline struct {
	Event  string       `json:"event"`  // the event asked for (the one it was merged into, if it was)
	Events []news.Event `json:"events"` // its storyline as list items, oldest first
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) error {
	d, err := s.timelineView(r)
	if err != nil {
		return err
	}
	if d.Events == nil {
		d.Events = []news.Event{}
	}
	writeJSON(w, http.StatusOK, Timeline{Event: d.Ev.ID, Events: d.Events})
	return nil
}

// EntityList is the body of GET /api/entities.
type EntityList struct {
	Total    int           `json:"total"`
	Limit    int           `json:"limit"`
	Offset   int           `json:"offset"`
	Entities []news.Entity `json:"entities"`
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	typ, err := parseEntityType(q.Get("type"))
	if err != nil {
		return err
	}
	limit, offset, err := parsePaging(q, 50)
	if err != nil {
		return err
	}
	ents, total, err := s.st.Entities(r.Context(), typ, limit, offset)
	if err != nil {
		return err
	}
	if ents == nil {
		ents = []news.Entity{}
	}
	writeJSON(w, http.StatusOK, EntityList{Total: total, Limit: limit, Offset: offset, Entities: ents})
	return nil
}

// EntityEvents is the body of GET /api/entities/{id}.
type EntityEvents struct {
	Entity news.Entity  `json:"entity"`
	Events []news.Event `json:"events"`
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) error {
	e, evs, err := s.st.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []news.Event{}
	}
	writeJSON(w, http.StatusOK, EntityEvents{Entity: e, Events: evs})
	return nil
}

// ArticleAnalysis is the body of GET /api/articles/{id}.
type ArticleAnalysis struct {
	Article  news.Article  `json:"article"`
	Analysis news.Analysis `json:"analysis"`
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	a, an, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ArticleAnalysis{Article: a, Analysis: an})
	return nil
}

// SearchResults is the body of GET /api/search.
type SearchResults struct {
	Query  string            `json:"query"`
	Total  int               `json:"total"`
	Limit  int               `json:"limit"`
	Offset int               `json:"offset"`
	Hits   []store.SearchHit `json:"hits"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	qs := r.URL.Query()
	q := strings.TrimSpace(qs.Get("q"))
	if q == "" {
		return errorf(http.StatusBadRequest, "q: missing search terms")
	}
	limit, offset, err := parsePaging(qs, 20)
	if err != nil {
		return err
	}
	hits, total, err := s.st.Search(r.Context(), q, limit, offset)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []store.SearchHit{}
	}
	writeJSON(w, http.StatusOK, SearchResults{Query: q, Total: total, Limit: limit, Offset: offset, Hits: hits})
	return nil
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) error {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, statsJSON{Articles: st.Articles, Events: st.Events, Entities: st.Entities, Sources: st.Sources, Newest: st.Newest})
	return nil
}

// statsJSON is the body of GET /api/stats.
type statsJSON struct {
	Articles int       `json:"articles"`
	Events   int       `json:"events"`
	Entities int       `json:"entities"`
	Sources  int       `json:"sources"`
	Newest   time.Time `json:"newest"`
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	body, err := embedded.ReadFile("openapi.json")
	if err != nil {
		return fmt.Errorf("read openapi.json: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(body)
	return nil
}

// Ingested is one entry of the POST /api/articles answer.
type Ingested struct {
	ID          string `json:"id"`
	Event       string `json:"event"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// IngestResult is the body answered to POST /api/articles.
type IngestResult struct {
	Count    int        `json:"count"`
	Articles []Ingested `json:"articles"`
	Events   []string   `json:"events"` // distinct event ids, in order of first appearance
}

func (s *Server) apiPostArticles(w http.ResponseWriter, r *http.Request) error {
	// A page of another site must not write through a reader's browser:
	// Sec-Fetch-Site other than same-origin, or an Origin whose host is
	// not the request's, is refused. Clients that are not browsers send
	// neither and pass.
	if err := s.csrf.Check(r); err != nil {
		return errorf(http.StatusForbidden, "cross-site request refused: %v", err)
	}
	if s.ing == nil {
		return errorf(http.StatusForbidden, "this server does not accept articles: start it with `dossier serve --write`")
	}
	if s.writeToken != "" {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.writeToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dossier"`)
			return errorf(http.StatusUnauthorized, "writing needs the server's token: Authorization: Bearer TOKEN")
		}
	}
	// Neither type is one a form or a no-cors fetch can send, so a
	// cross-site page cannot post without a preflight this server never
	// answers.
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && mt != "application/x-ndjson") {
		return errorf(http.StatusUnsupportedMediaType, "Content-Type %q: want application/json (or application/x-ndjson for JSONL)", r.Header.Get("Content-Type"))
	}
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	arts, err := parseArticles(body)
	if err != nil {
		return err
	}
	out, err := s.ing.Ingest(r.Context(), arts)
	if err != nil {
		return fmt.Errorf("ingest %d articles: %w", len(arts), err)
	}
	res := IngestResult{Count: len(out), Articles: make([]Ingested, 0, len(out)), Events: []string{}}
	seen := map[string]bool{}
	for _, a := range out {
		res.Articles = append(res.Articles, Ingested{ID: a.ID, Event: a.Event, DuplicateOf: a.DuplicateOf})
		if a.Event != "" && !seen[a.Event] {
			seen[a.Event] = true
			res.Events = append(res.Events, a.Event)
		}
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// parseArticles reads a request body holding one JSON article, a JSON
// array of articles, or JSONL, through ingest's decoder and its caps (at
// most ingest.MaxRequestArticles articles). The request is refused whole
// at the first bad article, with an *ingest.Error naming its line, element
// and field: a client resends a corrected batch rather than guessing which
// part was stored.
func parseArticles(r io.Reader) ([]news.Article, error) {
	d := ingest.Decoder{MaxArticles: ingest.MaxRequestArticles}
	var arts []news.Article
	err := d.Decode(r, func(rec *ingest.Record, err error) error {
		if err != nil {
			return err
		}
		a := rec.Article
		a.Origin = "api"
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, errorf(http.StatusBadRequest, "no articles in body")
	}
	return arts, nil
}
