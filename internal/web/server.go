package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// DefaultMaxBodyBytes bounds POST /api/articles bodies when Options leaves
// MaxBodyBytes zero: large enough for a few thousand articles, small enough
// that one request cannot exhaust memory.
const DefaultMaxBodyBytes = 10 << 20

// Options configures a Server. The zero value serves read-only.
type Options struct {
	// Ingester receives POST /api/articles; nil refuses writes (403).
	Ingester Ingester
	// WriteToken, when set, must come as "Authorization: Bearer TOKEN"
	// with every POST /api/articles (401 otherwise).
	WriteToken string
	// Logger receives request failures; nil uses slog.Default().
	Logger *slog.Logger
	// BaseURL is the public root URL ("https://news.example.org") used for
	// absolute links in the Atom feed, and for its entry ids: an entry's id
	// is then BaseURL/events/ID. Empty derives links from the request and
	// makes ids tag URIs (tag:dossier,2026:event/ID), which no host name
	// enters, so a reader reaching the server under another name sees the
	// same entries. Setting it changes the ids once: set it before the feed
	// has subscribers.
	BaseURL string
	// MaxBodyBytes bounds request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
}

// Server serves the pages, the JSON API and the feed of one store.
type Server struct {
	st      Store
	ing     Ingester
	log     *slog.Logger
	baseURL string
	maxBody int64
	// writeToken: see Options.WriteToken.
	writeToken string
	csrf       *http.CrossOriginProtection
	assets     *assets
	tmpl       *templates
	mux        *http.ServeMux
	handler    http.Handler

	statsCache statsCache
}

// route is one entry of the mux. The table is the single list of what the
// server answers: the mux is built from it and a test checks each pattern
// appears in the OpenAPI document.
type route struct {
	pattern string
	handler func(http.ResponseWriter, *http.Request) error
}

func (s *Server) routes() []route {
	return []route{
		{"GET /{$}", s.handleIndex},
		{"GET /events/{id}", s.handleEventPage},
		{"GET /events/{id}/timeline", s.handleTimelinePage},
		{"GET /entities", s.handleEntitiesPage},
		{"GET /entities/{id}", s.handleEntityPage},
		{"GET /articles/{id}", s.handleArticlePage},
		{"GET /search", s.handleSearchPage},
		{"GET /events.atom", s.handleAtom},
		{"GET /healthz", s.handleHealth},
		{"GET /static/{name}", s.handleStatic},
		{"GET /api/events", s.apiEvents},
		{"GET /api/events/{id}", s.apiEvent},
		{"GET /api/events/{id}/timeline", s.apiTimeline},
		{"GET /api/entities", s.apiEntities},
		{"GET /api/entities/{id}", s.apiEntity},
		{"GET /api/articles/{id}", s.apiArticle},
		{"POST /api/articles", s.apiPostArticles},
		{"GET /api/search", s.apiSearch},
		{"GET /api/stats", s.apiStats},
		{"GET /api/openapi.json", s.apiOpenAPI},
	}
}

// New builds a server over st. It panics if the embedded templates do not
// parse: that is a programmer error caught by every test.
func New(st Store, opt Options) *Server {
	s := &Server{
		st:      st,
		ing:     opt.Ingester,
		log:     opt.Logger,
		baseURL: strings.TrimRight(opt.BaseURL, "/"),
		maxBody: opt.MaxBodyBytes,

		writeToken: opt.WriteToken,
		csrf:       http.NewCrossOriginProtection(),
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("component", "web")
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		panic(fmt.Sprintf("web: %v", err))
	}
	if s.tmpl, err = parseTemplates(s.assets); err != nil {
		panic(fmt.Sprintf("web: %v", err))
	}
	s.mux = http.NewServeMux()
	allowed := map[string][]string{}
	var paths []string
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, s.wrap(rt.handler))
		method, path, _ := strings.Cut(rt.pattern, " ")
		if allowed[path] == nil {
			paths = append(paths, path)
		}
		allowed[path] = append(allowed[path], method)
	}
	// Other methods on a known path get 405 in the client's format (the
	// mux's own answer is plain text, wrong for a JSON client).
	for _, path := range paths {
		allow := allowed[path]
		if slices.Contains(allow, "GET") {
			allow = append(allow, "HEAD")
		}
		s.mux.Handle(path, s.wrap(func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			return errorf(http.StatusMethodNotAllowed, "method %s not allowed; use %s", r.Method, strings.Join(allow, ", "))
		}))
	}
	s.mux.Handle("/", s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		return errNotFound
	}))
	s.handler = s.recoverer(s.mux)
	return s
}

// Handler returns the root handler: routes behind panic recovery.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe serves on addr until ctx is cancelled, then shuts down
// gracefully, giving requests in flight up to ten seconds to finish.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve is ListenAndServe on an existing listener, which it closes.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	s.log.Debug("listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}

// wrap adapts an error-returning handler: a returned error is answered by
// writeError, so handlers never write error responses themselves.
func (s *Server) wrap(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// trackingWriter remembers whether the response has started, so the
// recoverer knows whether it can still answer 500.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(p []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(p)
}

func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// recoverer turns a panic in a handler into a logged 500, so no stack
// trace or half-rendered page reaches the client and the server lives on.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
			if !tw.wrote {
				s.writeError(tw, r, errInternal)
			}
		}()
		next.ServeHTTP(tw, r)
	})
}
