// Package sample ships Dossier's bundled sample corpus and a synthetic
// article generator.
//
// The corpus (corpus/, embedded as Corpus) is 39 short hand-written,
// fictional articles about 8 happenings, in the formats the ingester accepts
// (JSONL, bare text, HTML pages), with gold event labels. `dossier demo`
// ingests it, and end-to-end tests score clustering against its labels; it
// holds the hard cases on purpose (syndicated copies, machine-translated
// name variants, two similar earthquakes, a follow-up meeting, conflicting
// figures, German and French reports). See corpus/README.md.
//
// Generate makes any number of synthetic articles for benchmarks of the
// store, the clusterer and the web server, where the hand-written corpus is
// far too small. It sits outside the pipeline: nothing in ingest → extract →
// cluster → reconcile → store → web imports it except tests and the CLI.
package sample

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// Corpus holds the sample corpus: articles.jsonl, *.txt, *.html, gold.jsonl
// and README.md, all under the directory "corpus".
//
//go:embed corpus
var Corpus embed.FS

// corpusDir is the root of the corpus inside Corpus.
const corpusDir = "corpus"

// goldFile is the gold-label file inside corpusDir.
const goldFile = "gold.jsonl"

// isArticleFile reports whether name is one of the corpus's article files,
// as opposed to its README and gold labels, which are not news and would
// either be ingested as text or fail to parse as articles.
func isArticleFile(name string) bool {
	if name == goldFile {
		return false
	}
	switch path.Ext(name) {
	case ".jsonl", ".txt", ".html":
		return true
	}
	return false
}

// ArticleFiles lists the names of the corpus's article files (JSONL, text,
// HTML) in lexical order, without the README and gold.jsonl.
func ArticleFiles() ([]string, error) {
	entries, err := fs.ReadDir(Corpus, corpusDir)
	if err != nil {
		return nil, fmt.Errorf("sample: read corpus: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && isArticleFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// WriteTo copies the corpus's article files (articles.jsonl, the .txt and
// the .html files) into dir, creating dir if needed, so that `dossier demo`
// can ingest the directory like any other. The README and gold.jsonl are left
// out: they are not articles; use GoldLabels for the labels.
func WriteTo(dir string) error {
	names, err := ArticleFiles()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("sample: write corpus: %w", err)
	}
	for _, name := range names {
		b, err := Corpus.ReadFile(path.Join(corpusDir, name))
		if err != nil {
			return fmt.Errorf("sample: read %s: %w", name, err)
		}
		dst := filepath.Join(dir, name)
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return fmt.Errorf("sample: write %s: %w", dst, err)
		}
	}
	return nil
}

// Gold is the gold event label of one corpus article. Articles of
// articles.jsonl are named by ID; the .txt and .html files, whose ids Dossier
// infers, are named by File (the base name, e.g. "ferry_local.txt"). Exactly
// one of ID and File is set.
type Gold struct {
	ID      string `json:"id,omitempty"`
	File    string `json:"file,omitempty"`
	Cluster string `json:"cluster"`
}

// GoldLabels returns the gold labels of the sample corpus, one per article,
// in file order.
func GoldLabels() ([]Gold, error) {
	b, err := Corpus.ReadFile(path.Join(corpusDir, goldFile))
	if err != nil {
		return nil, fmt.Errorf("sample: read %s: %w", goldFile, err)
	}
	return parseGold(b)
}

// parseGold reads gold.jsonl through ingest's framing of JSON records
// (the one door, its caps and its errors). Every line must name one article
// (id or file, not both) and a cluster; blank lines are allowed. An error
// is an *ingest.Error naming the file, line and field.
func parseGold(b []byte) ([]Gold, error) {
	var out []Gold
	d := ingest.Decoder{Name: goldFile}
	err := d.Scan(bytes.NewReader(b), func(line, element int, raw []byte, err error) error {
		if err != nil {
			return err
		}
		bad := func(field string, err error) error {
			return &ingest.Error{Path: goldFile, Line: line, Element: element, Field: field, Err: err}
		}
		var g Gold
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			return bad("", err)
		}
		switch {
		case g.Cluster == "":
			return bad("cluster", errors.New("missing"))
		case (g.ID == "") == (g.File == ""):
			return bad("id", errors.New("want exactly one of id and file"))
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	return out, nil
}

// Label returns the gold cluster of an article ingested from the sample
// corpus: by its id for JSONL articles, else by the base name of the file it
// came from (origin may be a full path, with or without a ":line" suffix).
// ok is false when the article is not in the gold set.
func Label(gold []Gold, id, origin string) (cluster string, ok bool) {
	base := filepath.Base(origin)
	if i := strings.LastIndexByte(base, ':'); i > 0 {
		base = base[:i]
	}
	for _, g := range gold {
		if g.ID != "" && g.ID == id {
			return g.Cluster, true
		}
	}
	for _, g := range gold {
		if g.File != "" && g.File == base {
			return g.Cluster, true
		}
	}
	return "", false
}

// Labels maps the ids of articles ingested from the sample corpus to their
// gold clusters (see Label), ready for scoring a clustering; articles not
// in the gold set are left out.
func Labels(gold []Gold, arts []news.Article) map[string]string {
	out := make(map[string]string, len(arts))
	for i := range arts {
		if c, ok := Label(gold, arts[i].ID, arts[i].Origin); ok {
			out[arts[i].ID] = c
		}
	}
	return out
}

// Read writes the corpus into dir (see WriteTo) and reads it back the way
// `dossier ingest` and `dossier demo` read files, in walk order: the
// articles with their inferred titles, dates, languages and hashes.
func Read(ctx context.Context, dir string) ([]news.Article, error) {
	if err := WriteTo(dir); err != nil {
		return nil, err
	}
	var arts []news.Article
	err := ingest.Walk(ctx, []string{dir}, ingest.Options{}, func(a *news.Article, err error) error {
		if err != nil {
			return fmt.Errorf("sample corpus: %w", err)
		}
		arts = append(arts, *a)
		return nil
	})
	return arts, err
}
