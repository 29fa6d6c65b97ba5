package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

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
	switch {
	case errors.As(err, &he):
		status, msg = he.status, he.msg
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "not found"
	case errors.As(err, &mbe):
		status, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit)
	case r.Context().Err() != nil && errors.Is(err, r.Context().Err()):
		// The client went away; nobody is left to answer.
		s.log.Debug("request cancelled", "method", r.Method, "path", r.URL.Path, "error", err)
		return
	}
	if he == nil && status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "error", err)
	}
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		writeJSON(w, status, apiError{Error: msg, Status: status})
		return
	}
	s.renderPage(w, r, status, "error", errorPage{Status: status, Title: http.StatusText(status), Message: msg})
}

// apiError is the body of every JSON error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

type errorPage struct {
	Status  int
	Title   string
	Message string
}
