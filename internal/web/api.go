package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

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
	if s.ing == nil {
		return errorf(http.StatusServiceUnavailable, "ingestion is not enabled on this server")
	}
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	arts, err := parseArticles(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errorf(http.StatusBadRequest, "%v", err)
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

// maxLineBytes bounds one JSONL line; the body limit bounds the rest.
const maxLineBytes = 16 << 20

// parseArticles reads a request body holding one JSON article, a JSON
// array of articles, or JSONL (one article per line; blank lines are
// skipped). Errors name the line (JSONL) or the element (array) and what
// is wrong. An article must have text; everything else may be inferred by
// the pipeline.
func parseArticles(r io.Reader) ([]news.Article, error) {
	er := &errRecorder{r: r}
	arts, err := parseArticlesFrom(er)
	if err != nil && er.err != nil && !errors.Is(er.err, io.EOF) {
		// A read failure (such as the size limit) cut the input short:
		// report that, not the syntax error it caused.
		return nil, fmt.Errorf("read body: %w", er.err)
	}
	return arts, err
}

// errRecorder remembers the first read error of r.
type errRecorder struct {
	r   io.Reader
	err error
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

func parseArticlesFrom(r io.Reader) ([]news.Article, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstNonSpace(br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty body: want a JSON article, an array of articles, or JSONL")
		}
		return nil, fmt.Errorf("read body: %w", err)
	}
	var arts []news.Article
	switch first {
	case '[':
		dec := json.NewDecoder(br)
		if err := dec.Decode(&arts); err != nil {
			return nil, fmt.Errorf("array: %w", describeJSONError(err))
		}
		if _, err := firstNonSpace(io.MultiReader(dec.Buffered(), br)); !errors.Is(err, io.EOF) {
			if err != nil {
				return nil, fmt.Errorf("read body: %w", err)
			}
			return nil, errors.New("array: unexpected data after the closing ]")
		}
		for i := range arts {
			if err := checkArticle(&arts[i]); err != nil {
				return nil, fmt.Errorf("array element %d (counting from 1): %w", i+1, err)
			}
		}
	case '{':
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
		line := 0
		var pending []byte // a pretty-printed single object spans lines
		startLine := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 && len(pending) == 0 {
				continue
			}
			if len(pending) == 0 {
				startLine = line
			}
			pending = append(pending, b...)
			pending = append(pending, '\n')
			if !json.Valid(pending) {
				// Keep reading only while the object could still be
				// completed by later lines; otherwise report it now.
				if couldContinue(pending) {
					continue
				}
			}
			var a news.Article
			if err := json.Unmarshal(pending, &a); err != nil {
				return nil, fmt.Errorf("line %d: %w", startLine, describeJSONError(err))
			}
			if err := checkArticle(&a); err != nil {
				return nil, fmt.Errorf("line %d: %w", startLine, err)
			}
			arts = append(arts, a)
			pending = pending[:0]
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				return nil, fmt.Errorf("line %d: longer than %d bytes", line+1, maxLineBytes)
			}
			return nil, fmt.Errorf("read body: %w", err)
		}
		if len(pending) > 0 {
			var a news.Article
			err := json.Unmarshal(pending, &a)
			if err == nil {
				err = errors.New("incomplete JSON object")
			}
			return nil, fmt.Errorf("line %d: %w", startLine, describeJSONError(err))
		}
	default:
		return nil, fmt.Errorf("body starts with %q: want a JSON article, an array of articles, or JSONL", first)
	}
	if len(arts) == 0 {
		return nil, errors.New("no articles in body")
	}
	return arts, nil
}

func firstNonSpace(r io.Reader) (byte, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	for {
		c, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n', 0xEF, 0xBB, 0xBF: // whitespace and a UTF-8 BOM
			continue
		}
		return c, br.UnreadByte()
	}
}

// couldContinue reports whether b is a JSON prefix that later bytes could
// complete: the decoder stops at end of input rather than at a bad byte.
func couldContinue(b []byte) bool {
	var v any
	err := json.Unmarshal(b, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() == "unexpected end of JSON input"
	}
	return false
}

// describeJSONError rewrites encoding/json errors into what a client can
// act on: the field and the type it wanted.
func describeJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Errorf("field %q: got JSON %s, want %s", te.Field, te.Value, te.Type)
		}
		return fmt.Errorf("got JSON %s, want %s", te.Value, te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("malformed JSON at byte %d: %s", se.Offset, se.Error())
	}
	return err
}

// checkArticle refuses what the pipeline would refuse, so the client gets
// a 400 naming the line instead of a failed ingestion: an article needs
// text (ingest.Normalize infers everything else).
func checkArticle(a *news.Article) error {
	if strings.TrimSpace(strings.TrimPrefix(a.Text, "\ufeff")) == "" {
		return errors.New(`article has no "text"`)
	}
	a.Origin = "api"
	return nil
}
