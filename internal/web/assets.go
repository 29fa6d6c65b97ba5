package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static templates openapi.json
var embedded embed.FS

// asset is one embedded static file with its content-hashed name.
type asset struct {
	name   string // "style.css"
	hashed string // "style.3f9a0c1b2d4e.css"
	ctype  string
	etag   string
	body   []byte
}

// assets serves the embedded files under names that change when their
// content does, so browsers may cache them for a year and still never see
// a stale stylesheet after an upgrade.
type assets struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(embedded, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:6])
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		as := &asset{
			name:   name,
			hashed: strings.TrimSuffix(name, ext) + "." + h + ext,
			ctype:  ct,
			etag:   `"` + h + `"`,
			body:   body,
		}
		a.byName[name] = as
		a.byHashed[as.hashed] = as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load assets: %w", err)
	}
	return a, nil
}

// url returns the hashed URL of an embedded asset. Asking for an asset that
// does not exist is a template bug, reported when templates execute.
func (a *assets) url(name string) (string, error) {
	as, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("unknown asset %q", name)
	}
	return "/static/" + as.hashed, nil
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	as, ok := s.assets.byHashed[r.PathValue("name")]
	if !ok {
		return errNotFound
	}
	w.Header().Set("Content-Type", as.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", as.etag)
	if r.Header.Get("If-None-Match") == as.etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Write(as.body) // a failed write means the client left; nothing to answer
	return nil
}
