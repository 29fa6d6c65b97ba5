package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/watch"
	"github.com/dossier-news/dossier/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "")
	dsn := dbFlag(fs)
	addr := fs.String("addr", "localhost:8080", "address to listen on")
	base := fs.String("base-url", "", "public base URL (https://news.example.org) for the Atom feed's links and entry ids (default: links from each request, ids tag:dossier,2026:event/ID); set it before the feed has subscribers, as it changes the ids once")
	write := fs.Bool("write", false, "accept articles on POST /api/articles (off by default: the server only reads)")
	token := fs.String("write-token", os.Getenv("DOSSIER_WRITE_TOKEN"), "with --write, require \"Authorization: Bearer TOKEN\" on every POST (env DOSSIER_WRITE_TOKEN)")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// No default base URL: one made from --addr (0.0.0.0:8080, a name only this machine
	// knows) would give readers links they cannot follow and ids that change with the
	// address; without it, links follow each request and ids are tag URIs.
	opt := web.Options{Logger: e.log, BaseURL: *base, WriteToken: *token}
	if *write {
		p, err := newPipeline(e, db)
		if err != nil {
			return err
		}
		opt.Ingester = webIngester{p: p, db: db}
	}
	e.log.Info("serving", "url", "http://"+*addr, "db", redact(*dsn))
	return web.New(db, opt).ListenAndServe(ctx, *addr)
}

// webIngester adapts the pipeline to what the web server needs: the
// articles back with their events, duplicates included.
type webIngester struct {
	p  *pipeline.Pipeline
	db *store.DB
}

func (w webIngester) Ingest(ctx context.Context, arts []news.Article) ([]news.Article, error) {
	if err := normalizeAll(arts, "article"); err != nil {
		return nil, err
	}
	res, err := w.p.Ingest(ctx, arts)
	if err != nil {
		return nil, err
	}
	out := res.New
	for _, d := range res.Duplicate {
		if a, _, err := w.db.Article(ctx, d.ID); err == nil {
			out = append(out, a)
		} else {
			out = append(out, d)
		}
	}
	return out, nil
}

// watchSink hands fetched items to the pipeline.
type watchSink struct{ p *pipeline.Pipeline }

func (s watchSink) Ingest(ctx context.Context, arts []news.Article) error {
	if err := normalizeAll(arts, "item"); err != nil {
		return err
	}
	_, err := s.p.Ingest(ctx, arts)
	return err
}

// normalizeAll fills what arts lack, as file ingestion does; an error names
// the element (by number, and URL when it has one).
func normalizeAll(arts []news.Article, what string) error {
	for i := range arts {
		if err := ingest.Normalize(&arts[i]); err != nil {
			if arts[i].URL != "" {
				return fmt.Errorf("%s %d (%s): %w", what, i+1, arts[i].URL, err)
			}
			return fmt.Errorf("%s %d: %w", what, i+1, err)
		}
	}
	return nil
}

// watchState adapts the store's feed state to the watcher's. owner names
// this process in the feeds it claims.
type watchState struct {
	db    *store.DB
	owner string
}

func (s watchState) ClaimFeeds(ctx context.Context, urls []string, now time.Time, lease time.Duration, limit int) ([]watch.FeedState, error) {
	fs, err := s.db.ClaimFeeds(ctx, urls, s.owner, now, lease, limit)
	out := make([]watch.FeedState, len(fs))
	for i, f := range fs {
		out[i] = watch.FeedState(f)
	}
	return out, err
}

func (s watchState) ReleaseFeed(ctx context.Context, url string) error {
	return s.db.ReleaseFeed(ctx, url, s.owner)
}

func (s watchState) NextFeedDue(ctx context.Context, urls []string) (time.Time, error) {
	return s.db.NextFeedDue(ctx, urls)
}

func (s watchState) FeedState(ctx context.Context, url string) (watch.FeedState, error) {
	f, err := s.db.FeedState(ctx, url)
	return watch.FeedState(f), err
}

func (s watchState) SaveFeedState(ctx context.Context, f watch.FeedState) error {
	return s.db.SaveFeedState(ctx, store.FeedState(f))
}

func (s watchState) SeenItem(ctx context.Context, feedURL, key string) (bool, error) {
	return s.db.SeenItem(ctx, feedURL, key)
}

func (s watchState) MarkSeen(ctx context.Context, feedURL string, keys []string) error {
	return s.db.MarkSeen(ctx, feedURL, keys)
}

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "watch", "FEED_URL...")
	dsn := dbFlag(fs)
	every := fs.Duration("every", 5*time.Minute, "time between polls of one feed")
	feedsFile := fs.String("feeds", "", "file with one feed URL per line (# comments)")
	opmlFile := fs.String("opml", "", "OPML subscription list (a feed reader's export) to follow")
	once := fs.Bool("once", false, "poll every feed once and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	feeds := fs.Args()
	if *feedsFile != "" {
		more, err := watch.ReadFeedsFile(*feedsFile)
		if err != nil {
			return err
		}
		feeds = append(feeds, more...)
	}
	if *opmlFile != "" {
		more, err := watch.ReadOPML(*opmlFile)
		if err != nil {
			return err
		}
		if len(more) == 0 {
			return fmt.Errorf("%s: no <outline> with an xmlUrl", *opmlFile)
		}
		feeds = append(feeds, more...)
	}
	if len(feeds) == 0 {
		return usageError{"no feeds: give URLs, --feeds FILE or --opml FILE"}
	}
	seen := map[string]bool{}
	feeds = slices.DeleteFunc(feeds, func(f string) bool { dup := seen[f]; seen[f] = true; return dup })
	if *every < time.Second {
		return usageError{"--every must be at least 1s"}
	}
	db, p, err := openPipeline(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	host, _ := os.Hostname()
	owner := fmt.Sprintf("%s:%d", host, os.Getpid())
	w := watch.New(fetch.New(fetch.Options{Logger: e.log}), watchState{db, owner}, watchSink{p}, *every, e.log)
	if *once {
		st, err := w.PollOnce(ctx, feeds)
		fmt.Fprintf(e.stdout, "%+v\n", st)
		return err
	}
	e.log.Info("watching", "feeds", len(feeds), "every", every.String())
	if err := w.Run(ctx, feeds); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	e.log.Info("stopped")
	return nil
}

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "")
	dsn := dbFlag(fs)
	from := fs.String("from", "", "copy every article from this store (e.g. sqlite:old.db)")
	to := fs.String("to", "", "into this store (e.g. postgres://...)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*from == "") != (*to == "") {
		return usageError{"--from and --to go together"}
	}
	if *from == "" {
		if err := store.Migrate(ctx, *dsn); err != nil {
			return fmt.Errorf("migrate %s: %w", redact(*dsn), err)
		}
		db, err := openStore(ctx, *dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		n, err := fileKeys(ctx, e, db)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", redact(*dsn), err)
		}
		fmt.Fprintf(e.stdout, "%s: schema up to date", redact(*dsn))
		if n > 0 {
			fmt.Fprintf(e.stdout, "; keys filed for %d articles stored before they were kept", n)
		}
		fmt.Fprintln(e.stdout)
		return nil
	}
	// The source is only read: a mistyped one must not be created empty
	// (and copied, as nothing, into the target).
	src, err := openExisting(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := store.Migrate(ctx, *to); err != nil {
		return fmt.Errorf("migrate %s: %w", redact(*to), err)
	}
	dst, err := openStore(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	var bar func(done, total int)
	if isTerminal(e.stderr) {
		bar = newCountBar(e, "copying")
	}
	if err := store.Copy(ctx, dst, src, bar); err != nil {
		return fmt.Errorf("copy %s to %s: %w", redact(*from), redact(*to), err)
	}
	if _, err := fileKeys(ctx, e, dst); err != nil {
		return fmt.Errorf("copy %s to %s: %w", redact(*from), redact(*to), err)
	}
	st, err := dst.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "copied: %s now holds %d articles in %d events\n", redact(*to), st.Articles, st.Events)
	return nil
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "")
	dsn := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "dossier-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := sample.WriteTo(dir); err != nil {
		return fmt.Errorf("write sample corpus: %w", err)
	}
	db, p, err := openPipeline(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "Ingesting the bundled sample corpus into %s ...\n", redact(*dsn))
	// WriteTo copies only the article files, so the directory is ingested whole.
	sum, err := ingestPaths(ctx, e, p, []string{dir}, 256, isTerminal(e.stderr))
	if err != nil {
		return err
	}
	if err := reportSummary(e, sum, false); err != nil {
		return err
	}
	evs, total, err := db.Events(ctx, store.EventFilter{Limit: 50})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	printEvents(e.stdout, evs, total)
	fmt.Fprintf(e.stdout, "\nNext:\n  go run ./cmd/dossier show --db %s %s     # one event's dossier\n  go run ./cmd/dossier serve --db %s           # then open http://localhost:8080\n",
		*dsn, firstID(evs), *dsn)
	return nil
}

// openPipeline opens the store at dsn and a pipeline writing into it; the
// caller closes the store.
func openPipeline(ctx context.Context, e *env, dsn string) (*store.DB, *pipeline.Pipeline, error) {
	db, err := openStore(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	if _, err := fileKeys(ctx, e, db); err != nil {
		db.Close()
		return nil, nil, err
	}
	p, err := newPipeline(e, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, p, nil
}

// fileKeys files the keys of the stored articles that have none (stored
// before the store kept them; see pipeline.FileKeys), counting them on a
// terminal; one query when there are none.
func fileKeys(ctx context.Context, e *env, db *store.DB) (int, error) {
	var progress func(int)
	if isTerminal(e.stderr) {
		var stop func()
		progress, stop = newCounter(e, "filing keys")
		defer stop()
	}
	n, err := pipeline.FileKeys(ctx, db, progress)
	if n > 0 {
		e.log.Info("keys filed for articles stored before they were kept", "articles", n)
	}
	return n, err
}

func firstID(evs []news.Event) string {
	if len(evs) == 0 {
		return "EVENT_ID"
	}
	return evs[0].ID
}
