package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/reconcile"
	"github.com/dossier-news/dossier/internal/store"
)

// newTabWriter aligns short key-value tables (eval summaries); lists of
// events, hits and facts use table, which fits the terminal.
func newTabWriter(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
}

func runEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "events", "")
	dsn := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	var f store.EventFilter
	fs.IntVar(&f.Limit, "limit", 50, "events to list")
	fs.IntVar(&f.Offset, "offset", 0, "events to skip")
	fs.StringVar(&f.Sort, "sort", "newest", "newest or biggest")
	fs.StringVar(&f.Place, "place", "", "only events at this place")
	fs.StringVar(&f.Entity, "entity", "", "only events involving this entity (id or name)")
	fs.StringVar(&f.Lang, "lang", "", "only events with articles in this language")
	fs.StringVar(&f.Outlet, "outlet", "", "only events reported by this outlet")
	from := fs.String("from", "", "only events published on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only events published on or before this date (YYYY-MM-DD)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected arguments: " + strings.Join(fs.Args(), " ")}
	}
	var err error
	if f.From, err = parseDay(*from, false); err != nil {
		return err
	}
	if f.To, err = parseDay(*to, true); err != nil {
		return err
	}
	if f.Sort != "newest" && f.Sort != "biggest" {
		return usageError{fmt.Sprintf("--sort %q: want newest or biggest", f.Sort)}
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	evs, total, err := db.Events(ctx, f)
	if err != nil {
		return fmt.Errorf("list events: %w", err)
	}
	if *asJSON {
		if evs == nil {
			evs = []news.Event{}
		}
		return writeJSON(e.stdout, evs)
	}
	printEvents(e.stdout, evs, total)
	return nil
}

func parseDay(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, usageError{fmt.Sprintf("date %q: want YYYY-MM-DD", s)}
	}
	if end {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

func runShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "show", "EVENT_ID")
	dsn := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the dossier as JSON")
	asMD := fs.Bool("md", false, "print the dossier as Markdown")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"want exactly one EVENT_ID"}
	}
	if *asJSON && *asMD {
		return usageError{"--json and --md exclude each other"}
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ev, err := db.Event(ctx, fs.Arg(0))
	if err != nil {
		return fmt.Errorf("event %s: %w", fs.Arg(0), err)
	}
	arts, _, err := db.EventArticles(ctx, ev.ID)
	if err != nil {
		return fmt.Errorf("articles of event %s: %w", ev.ID, err)
	}
	switch {
	case *asJSON:
		type articleOut struct {
			ID        string    `json:"id"`
			Title     string    `json:"title"`
			Source    string    `json:"source"`
			URL       string    `json:"url,omitempty"`
			Lang      string    `json:"lang"`
			Published time.Time `json:"published"`
			Duplicate string    `json:"duplicate_of,omitempty"`
			Inferred  []string  `json:"inferred,omitempty"`
		}
		out := struct {
			news.Event
			ArticleList []articleOut `json:"article_details"`
		}{Event: ev}
		for _, a := range arts {
			out.ArticleList = append(out.ArticleList, articleOut{a.ID, a.Title, a.Source, a.URL, a.Lang, a.Published, a.DuplicateOf, a.Inferred})
		}
		return writeJSON(e.stdout, out)
	case *asMD:
		return reconcile.Markdown(e.stdout, ev, arts)
	default:
		return reconcile.Report(e.stdout, ev, arts)
	}
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", "QUERY")
	dsn := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 20, "hits to show")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no query"}
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, total, err := db.Search(ctx, strings.Join(fs.Args(), " "), *limit, 0)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if *asJSON {
		if hits == nil {
			hits = []store.SearchHit{}
		}
		return writeJSON(e.stdout, hits)
	}
	tb := newTable("KIND", "ID", "EVENT", "TITLE~", "SNIPPET~")
	for _, h := range hits {
		tb.row(h.Kind, h.ID, h.Event, h.Title, h.Snippet)
	}
	if err := tb.write(e.stdout, termWidth(e.stdout)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "(%s of %s hits)\n", news.FormatNumber(float64(len(hits))), news.FormatNumber(float64(total)))
	return nil
}
