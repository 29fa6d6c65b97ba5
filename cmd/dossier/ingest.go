package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/feed"
	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "PATH|URL|- ...")
	dsn := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	batch := fs.Int("batch", 256, "articles per transaction")
	quiet := fs.Bool("q", false, "no progress bar")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no input: give files, directories, URLs or - for stdin"}
	}
	db, p, err := openPipeline(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := ingestPaths(ctx, e, p, fs.Args(), *batch, !*quiet && isTerminal(e.stderr))
	if err != nil {
		return err
	}
	return reportSummary(e, sum, *asJSON)
}

func newPipeline(e *env, db *store.DB) (*pipeline.Pipeline, error) {
	an, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("load extractor: %w", err)
	}
	return pipeline.New(db, an, pipeline.Options{Logger: e.log}), nil
}

// ingestPaths reads files, directories, stdin and URLs through the
// pipeline, with a progress bar on the terminal.
func ingestPaths(ctx context.Context, e *env, p *pipeline.Pipeline, paths []string, batch int, progress bool) (pipeline.Summary, error) {
	var files, urls []string
	for _, a := range paths {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			urls = append(urls, a)
		} else {
			files = append(files, a)
		}
	}
	var prog *articleProgress
	opt := ingest.Options{Stdin: e.stdin}
	if progress {
		prog = newArticleProgress(e.stderr, ingest.TotalSize(files), time.Now)
		opt.Progress = prog.bytes
	}
	walk := func(fn func(*news.Article, error) error) error {
		if prog != nil {
			next := fn
			fn = func(a *news.Article, err error) error {
				if err == nil {
					prog.articleRead()
				}
				return next(a, err)
			}
		}
		if len(files) > 0 {
			if err := ingest.Walk(ctx, files, opt, fn); err != nil {
				return err
			}
		}
		if len(urls) == 0 {
			return nil
		}
		c := fetch.New(fetch.Options{Logger: e.log})
		for _, u := range urls {
			arts, err := feed.FetchURL(ctx, c, u)
			if err != nil {
				if err := fn(nil, fmt.Errorf("%s: %w", u, err)); err != nil {
					return err
				}
				continue
			}
			for i := range arts {
				if err := ingest.Normalize(&arts[i]); err != nil {
					if err := fn(nil, fmt.Errorf("%s: %w", u, err)); err != nil {
						return err
					}
					continue
				}
				if err := fn(&arts[i], nil); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var onBatch func(pipeline.Result)
	if prog != nil {
		onBatch = func(r pipeline.Result) { prog.batchDone(len(r.New) + len(r.Duplicate)) }
	}
	sum, err := p.IngestAll(ctx, walk, batch, onBatch)
	if prog != nil {
		prog.finish()
	}
	return sum, err
}

func reportSummary(e *env, s pipeline.Summary, asJSON bool) error {
	for _, err := range s.Errors {
		fmt.Fprintf(e.stderr, "rejected: %s\n", err)
	}
	if asJSON {
		reasons := make([]string, 0, len(s.Errors))
		for _, err := range s.Errors {
			reasons = append(reasons, err.Error())
		}
		if err := writeJSON(e.stdout, struct {
			pipeline.Summary
			Events   int      `json:"events_touched"`
			Rejected []string `json:"rejections"`
		}{s, len(s.Events), reasons}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "read %d, new %d, duplicate %d, rejected %d; %d events touched (%d new, %d merged)\n",
			s.Read, s.New, s.Duplicate, s.Rejected, len(s.Events), s.NewEvents, s.Merged)
	}
	if s.Rejected > 0 {
		return rejectedError{s.Rejected}
	}
	return nil
}

// printEvents writes events as a table for people.
func printEvents(w io.Writer, evs []news.Event, total int) {
	tb := newTable("ID", "TITLE~", "WHEN", "PUBLISHED", "ARTICLES", "SOURCES~")
	for _, ev := range evs {
		when := ev.When.Start
		if ev.When.End != "" && ev.When.End != ev.When.Start {
			when += "…" + ev.When.End
		}
		pub := ""
		if !ev.First.IsZero() {
			pub = ev.First.Format("2006-01-02 15:04")
		}
		srcs := slices.Clone(ev.Sources)
		if len(srcs) > 3 {
			srcs = append(srcs[:3], fmt.Sprintf("+%d", len(ev.Sources)-3))
		}
		tb.row(ev.ID, ev.Title, when, pub, news.FormatNumber(float64(len(ev.Articles))), strings.Join(srcs, ", "))
	}
	tb.write(w, termWidth(w))
	if total > len(evs) {
		fmt.Fprintf(w, "(%s of %s events; --limit, --offset for more)\n", news.FormatNumber(float64(len(evs))), news.FormatNumber(float64(total)))
	}
}
