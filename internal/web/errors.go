package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/store"
)

// httpError is an error with the status it should be answered with and a
// message that is safe to show the client.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

var (
	errNotFound = &httpError{status: http.StatusNotFound, msg: "not found"}
	errInternal = &httpError{status: http.StatusInternalServerError, msg: "internal server error"}
)

// wantsJSON reports whether an error should be answered in JSON: always
// under /api/, elsewhere when the client asks for JSON and not HTML.
func wantsJSON(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	acc := r.Header.Get("Accept")
	return strings.Contains(acc, "application/json") && !strings.Contains(acc, "text/html")
}

// writeError maps err to a status and answers in the client's format.
// Internal errors are logged here, once, and their text is not shown.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "internal server error"
	var he *httpError
	var mbe *http.MaxBytesError
	var ie *ingest.Error
	body := apiError{}
	switch {
	case errors.As(err, &he):
		status, msg = he.status, he.msg
	case errors.As(err, &mbe):
		status, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit)
	case errors.As(err, &ie):
		// Bad input in a request body: the client's to fix, and safe to
		// show (it only repeats what the client sent).
		status, msg = http.StatusBadRequest, ie.Error()
		if errors.Is(err, ingest.ErrTooManyArticles) {
			status = http.StatusRequestEntityTooLarge
			msg = fmt.Sprintf("more than %d articles in one request: send them in several", ingest.MaxRequestArticles)
		}
		body.Line, body.Element, body.Field = ie.Line, ie.Element, ie.Field
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "not found"
	case r.Context().Err() != nil && errors.Is(err, r.Context().Err()):
		// The client went away; nobody is left to answer.
		s.log.Debug("request cancelled", "method", r.Method, "path", r.URL.Path, "error", err)
		return
	}
	if he == nil && ie == nil && status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "error", err)
	}
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		body.Error, body.Status = msg, status
		writeJSON(w, status, body)
		return
	}
	s.renderPage(w, r, status, "error", errorPage{Status: status, Title: http.StatusText(status), Message: msg})
}

// apiError is the body of every JSON error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
	// Where a bad article of a POST body is, when the error is about one.
	Line    int    `json:"line,omitempty"`
	Element int    `json:"element,omitempty"`
	Field   string `json:"field,omitempty"`
}

type errorPage struct {
	Status  int
	Title   string
	Message string
}
