// Package watch is the engine of `dossier watch`: it polls news feeds on a
// schedule, fetches the articles of new items and hands them to the
// pipeline.
//
// It is built to be stopped at any moment. Its state (validators for
// conditional GET, the items already seen, when each feed is due) lives in
// the store, so a restart resumes where the last run stopped. An item is
// marked seen only after the sink has accepted its article, so a kill
// between fetching and storing costs a re-fetch, never a lost article; and
// a feed's ETag is saved only once all its new items are handled, since a
// later 304 would otherwise hide the items not yet ingested.
package watch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	nurl "net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/feed"
	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/ingest/html"
	"github.com/dossier-news/dossier/internal/news"
)

// FeedState is what is remembered about one feed between polls.
type FeedState struct {
	URL, ETag, LastModified string
	LastPolled, NextPoll    time.Time
	Failures                int
	LastError               string
	// ClaimedUntil is when the claim of the process polling the feed
	// (ClaimedBy) lapses; zero when the feed is not claimed.
	ClaimedUntil time.Time
	ClaimedBy    string
}

// State stores FeedState and the seen items. FeedState of an unknown feed
// returns the zero FeedState (URL may be empty) and no error. Feeds are
// polled in parallel, so implementations must be safe for concurrent use.
//
// Several processes may watch the same feeds through one State: each
// claims the due feeds it will poll (ClaimFeeds hands a feed to one
// claimer until the lease ends, SaveFeedState or ReleaseFeed ends it), so
// a feed is fetched by one of them per period, not by all.
type State interface {
	FeedState(ctx context.Context, url string) (FeedState, error)
	SaveFeedState(ctx context.Context, s FeedState) error
	ClaimFeeds(ctx context.Context, urls []string, now time.Time, lease time.Duration, limit int) ([]FeedState, error)
	ReleaseFeed(ctx context.Context, url string) error
	// NextFeedDue is when the first of the feeds comes due or is
	// released by another process's lease (zero: now).
	NextFeedDue(ctx context.Context, urls []string) (time.Time, error)
	SeenItem(ctx context.Context, feedURL, itemKey string) (bool, error)
	MarkSeen(ctx context.Context, feedURL string, itemKeys []string) error
}

// Sink takes new articles: the pipeline stores and clusters them.
type Sink interface {
	Ingest(ctx context.Context, arts []news.Article) error
}

// Stats counts what a poll did.
type Stats struct {
	Feeds       int // feeds polled
	NotModified int // feeds that answered 304
	Failed      int // feeds that could not be fetched or parsed
	Items       int // items listed in the fetched feeds
	New         int // items not seen before
	Ingested    int // articles the sink accepted
	ItemErrors  int // new items whose article could not be had
}

func (s *Stats) add(o Stats) {
	s.Feeds += o.Feeds
	s.NotModified += o.NotModified
	s.Failed += o.Failed
	s.Items += o.Items
	s.New += o.New
	s.Ingested += o.Ingested
	s.ItemErrors += o.ItemErrors
}

// Watcher polls feeds. Its exported fields may be changed before Run.
type Watcher struct {
	c     *fetch.Client
	st    State
	sink  Sink
	every time.Duration
	log   *slog.Logger

	// Parallel is the number of feeds fetched at once (the fetch client
	// still limits each host); default 4.
	Parallel int
	// Batch is the number of articles handed to the sink at once; smaller
	// batches lose less work to a crash. Default 20.
	Batch int
	// MaxNew bounds the new items fetched from one feed in one poll, so a
	// feed listing thousands of items cannot stall the others; the rest
	// are taken at the next poll. Default 200.
	MaxNew int
	// MaxBackoff caps the delay before polling a failing feed again;
	// default 6h.
	MaxBackoff time.Duration
	// SinkTimeout bounds handing over the last articles after
	// cancellation; default 1m.
	SinkTimeout time.Duration
	// Lease is how long a claimed feed stays this process's: longer than
	// one poll of a feed can take, or another process may fetch it too;
	// a process that dies holds its feeds that long. Default 15m.
	Lease time.Duration

	now    func() time.Time
	sinkMu sync.Mutex // the sink need not be safe for concurrent use
}

// New returns a Watcher that polls each feed every interval.
func New(c *fetch.Client, st State, sink Sink, every time.Duration, log *slog.Logger) *Watcher {
	if every <= 0 {
		every = 5 * time.Minute
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Watcher{c: c, st: st, sink: sink, every: every, log: log,
		Parallel: 4, Batch: 20, MaxNew: 200, MaxBackoff: 6 * time.Hour, SinkTimeout: time.Minute, Lease: 15 * time.Minute, now: time.Now}
}

// Run polls each feed when it is due (per its stored NextPoll) until ctx is
// cancelled, claiming a few due feeds at a time (Parallel of them), so that
// processes watching the same feeds share them. On cancellation it hands
// the articles already fetched to the sink and returns nil. Feed failures
// are logged and retried later with backoff; Run returns an error only
// when the state store fails.
func (w *Watcher) Run(ctx context.Context, feeds []string) error {
	feeds = dedupe(feeds)
	w.log.Info("watch start", "feeds", len(feeds), "every", w.every)
	for {
		claimed, err := w.st.ClaimFeeds(ctx, feeds, w.now(), w.Lease, max(w.Parallel, 1))
		if err != nil {
			if ctx.Err() != nil {
				w.log.Info("watch stopped")
				return nil
			}
			return fmt.Errorf("watch: claim feeds: %w", err)
		}
		if len(claimed) > 0 {
			due := make([]string, len(claimed))
			for i, s := range claimed {
				due[i] = s.URL
			}
			st, err := w.poll(ctx, due, true)
			w.log.Info("watch poll", "feeds", st.Feeds, "not_modified", st.NotModified, "failed", st.Failed,
				"new", st.New, "ingested", st.Ingested, "item_errors", st.ItemErrors)
			var se *stateError
			if errors.As(err, &se) && ctx.Err() == nil {
				return fmt.Errorf("watch: %w", err)
			}
			if ctx.Err() != nil {
				w.log.Info("watch stopped")
				return nil
			}
			continue // claim what is due now
		}
		// Nothing due and free: sleep until a feed comes due or another
		// process's claim lapses, at most one period.
		now := w.now()
		next := now.Add(w.every)
		at, err := w.st.NextFeedDue(ctx, feeds)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("watch: %w", err)
		}
		if at.Before(next) {
			next = at
		}
		t := time.NewTimer(max(next.Sub(now), 100*time.Millisecond))
		select {
		case <-ctx.Done():
			t.Stop()
			w.log.Info("watch stopped")
			return nil
		case <-t.C:
		}
	}
}

// PollOnce polls every feed now, whatever its schedule. The error joins the
// failures of single feeds; Stats counts what was done regardless.
func (w *Watcher) PollOnce(ctx context.Context, feeds []string) (Stats, error) {
	return w.poll(ctx, dedupe(feeds), false)
}

// poll polls feeds in parallel; with claimed, each feed's claim is released
// afterwards even when the poll was cut short (a saved state has released
// it already).
func (w *Watcher) poll(ctx context.Context, feeds []string, claimed bool) (Stats, error) {
	par := max(w.Parallel, 1)
	sem := make(chan struct{}, par)
	var mu sync.Mutex
	var total Stats
	var errs []error
	var wg sync.WaitGroup
	for _, u := range feeds {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			st, err := w.pollFeed(ctx, u)
			if claimed {
				if rerr := w.st.ReleaseFeed(context.WithoutCancel(ctx), u); rerr != nil && err == nil {
					err = &stateError{fmt.Errorf("feed %s: release: %w", u, rerr)}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			total.add(st)
			if err != nil {
				errs = append(errs, err)
			}
		}()
	}
	wg.Wait()
	return total, errors.Join(errs...)
}

// stateError marks failures of the State, which Run does not survive.
type stateError struct{ err error }

func (e *stateError) Error() string { return "state: " + e.err.Error() }
func (e *stateError) Unwrap() error { return e.err }

func (w *Watcher) pollFeed(ctx context.Context, url string) (Stats, error) {
	st := Stats{Feeds: 1}
	log := w.log.With("feed", url)
	s, err := w.st.FeedState(ctx, url)
	if err != nil {
		return st, &stateError{fmt.Errorf("feed %s: %w", url, err)}
	}
	s.URL = url
	now := w.now()
	resp, err := w.c.Get(ctx, url, fetch.Conditional{ETag: s.ETag, LastModified: s.LastModified})
	if err == nil && !resp.NotModified && feed.Sniff(resp.ContentType, resp.Body) != feed.KindFeed {
		err = fmt.Errorf("%s is not a feed (Content-Type %q)", url, resp.ContentType)
	}
	var f *feed.Feed
	if err == nil && !resp.NotModified {
		f, err = feed.Parse(bytes.NewReader(resp.Body), resp.URL)
	}
	if err != nil {
		if ctx.Err() != nil {
			return st, nil // cancelled: nothing fetched, nothing lost
		}
		st.Failed = 1
		w.failed(ctx, &s, now, err)
		log.Warn("feed failed", "error", err, "failures", s.Failures, "next_poll", s.NextPoll)
		return st, w.save(ctx, s, err)
	}
	if resp.NotModified {
		st.NotModified = 1
		w.succeeded(&s, now)
		log.Debug("feed not modified")
		return st, w.save(ctx, s, nil)
	}

	st.Items = len(f.Items)
	complete := true // every new item handled: the validators may be saved
	var pending []news.Article
	var pendingKeys []string
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		if err := w.hand(ctx, url, pending, pendingKeys); err != nil {
			return err
		}
		st.Ingested += len(pending)
		pending, pendingKeys = nil, nil
		return nil
	}
	var doneKeys []string // permanently failed items, marked seen without an article
	for _, it := range f.Items {
		if ctx.Err() != nil {
			complete = false
			break
		}
		seen, err := w.st.SeenItem(ctx, url, it.Key)
		if err != nil {
			if ctx.Err() != nil {
				complete = false
				break
			}
			return st, &stateError{fmt.Errorf("feed %s: item %s: %w", url, it.Key, err)}
		}
		if seen {
			continue
		}
		if w.MaxNew > 0 && st.New >= w.MaxNew {
			complete = false // the rest next time: keep the feed un-304-able
			break
		}
		st.New++
		a, err := feed.Resolve(ctx, w.c, it)
		if err != nil {
			if ctx.Err() != nil {
				complete = false
				break
			}
			st.ItemErrors++
			if permanent(err) {
				doneKeys = append(doneKeys, it.Key)
				log.Warn("item skipped", "item", it.Key, "error", err)
			} else {
				complete = false
				log.Warn("item failed, will retry", "item", it.Key, "error", err)
			}
			continue
		}
		if a.Origin == "" {
			a.Origin = url
		}
		pending = append(pending, a)
		pendingKeys = append(pendingKeys, it.Key)
		log.Debug("item fetched", "item", it.Key, "url", a.URL)
		if len(pending) >= max(w.Batch, 1) {
			if err := flush(); err != nil {
				return st, w.sinkFailed(ctx, &s, now, err, log)
			}
		}
	}
	// Articles already fetched are handed over even when ctx is cancelled.
	if err := flush(); err != nil {
		return st, w.sinkFailed(ctx, &s, now, err, log)
	}
	if len(doneKeys) > 0 {
		if err := w.st.MarkSeen(context.WithoutCancel(ctx), url, doneKeys); err != nil {
			return st, &stateError{fmt.Errorf("feed %s: mark seen: %w", url, err)}
		}
	}
	if ctx.Err() != nil && !complete {
		// Keep the old validators and schedule: the next run refetches
		// the feed and continues with the items not yet seen.
		return st, nil
	}
	w.succeeded(&s, now)
	if complete {
		s.ETag, s.LastModified = resp.ETag, resp.LastModified
	} else {
		s.ETag, s.LastModified = "", ""
	}
	log.Info("feed polled", "items", st.Items, "new", st.New, "ingested", st.Ingested, "item_errors", st.ItemErrors)
	return st, w.save(ctx, s, nil)
}

// hand gives a batch to the sink, then marks its items seen. Both use a
// context that survives cancellation (bounded by SinkTimeout), so that a
// stop request does not drop articles already fetched.
func (w *Watcher) hand(ctx context.Context, url string, arts []news.Article, keys []string) error {
	hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.SinkTimeout)
	defer cancel()
	w.sinkMu.Lock()
	err := w.sink.Ingest(hctx, arts)
	w.sinkMu.Unlock()
	if err != nil {
		return fmt.Errorf("sink: %w", err)
	}
	if err := w.st.MarkSeen(hctx, url, keys); err != nil {
		return &stateError{fmt.Errorf("feed %s: mark seen: %w", url, err)}
	}
	return nil
}

func (w *Watcher) sinkFailed(ctx context.Context, s *FeedState, now time.Time, err error, log *slog.Logger) error {
	var se *stateError
	if errors.As(err, &se) {
		return err
	}
	w.failed(ctx, s, now, err)
	s.ETag, s.LastModified = "", "" // items not ingested must come back
	log.Error("sink refused articles", "error", err)
	return w.save(ctx, *s, err)
}

func (w *Watcher) succeeded(s *FeedState, now time.Time) {
	s.LastPolled, s.NextPoll = now, now.Add(w.every)
	s.Failures, s.LastError = 0, ""
}

// failed schedules the next poll of a failing feed: every·2^(failures-1),
// capped at MaxBackoff, or later when the server asked (Retry-After).
func (w *Watcher) failed(_ context.Context, s *FeedState, now time.Time, err error) {
	s.Failures++
	s.LastPolled = now
	s.LastError = err.Error()
	d := w.every
	for i := 1; i < s.Failures && d < w.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, max(w.MaxBackoff, w.every))
	var se *fetch.StatusError
	if errors.As(err, &se) && se.RetryAfter > d {
		d = se.RetryAfter
	}
	s.NextPoll = now.Add(d)
}

// save stores the feed state; the returned error is the feed's failure (if
// any), or a stateError when saving itself fails.
func (w *Watcher) save(ctx context.Context, s FeedState, feedErr error) error {
	if err := w.st.SaveFeedState(context.WithoutCancel(ctx), s); err != nil {
		return &stateError{fmt.Errorf("feed %s: save state: %w", s.URL, err)}
	}
	if feedErr != nil {
		return fmt.Errorf("feed %s: %w", s.URL, feedErr)
	}
	return nil
}

// permanent tells item failures that retrying will not fix (the page is
// gone, forbidden, too large, or holds no article) from transient ones.
func permanent(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.StatusCode >= 400 && se.StatusCode < 500 && se.StatusCode != 408 && se.StatusCode != 429
	}
	return errors.Is(err, fetch.ErrDisallowed) || errors.Is(err, fetch.ErrTooLarge) || errors.Is(err, html.ErrNoText) ||
		strings.Contains(err.Error(), "not an http(s) URL")
}

// ReadFeedsFile reads feed URLs, one a line; blank lines and lines starting
// with # are skipped, as is anything after " #" on a line.
func ReadFeedsFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feeds file: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := nurl.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s:%d: %q is not an http(s) URL", path, n, line)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return dedupe(out), nil
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
