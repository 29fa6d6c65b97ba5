package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/fetch"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// storeState is the State of these tests: a real SQLite store, through
// the same conversion as the adapter in cmd/dossier.
type storeState struct {
	db    *store.DB
	owner string
}

func newState(t testing.TB) storeState {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return storeState{db, "test-watcher"}
}

func (s storeState) FeedState(ctx context.Context, url string) (FeedState, error) {
	f, err := s.db.FeedState(ctx, url)
	return FeedState(f), err
}
func (s storeState) SaveFeedState(ctx context.Context, f FeedState) error {
	return s.db.SaveFeedState(ctx, store.FeedState(f))
}
func (s storeState) ClaimFeeds(ctx context.Context, urls []string, now time.Time, lease time.Duration, limit int) ([]FeedState, error) {
	fs, err := s.db.ClaimFeeds(ctx, urls, s.owner, now, lease, limit)
	out := make([]FeedState, len(fs))
	for i, f := range fs {
		out[i] = FeedState(f)
	}
	return out, err
}
func (s storeState) ReleaseFeed(ctx context.Context, url string) error {
	return s.db.ReleaseFeed(ctx, url, s.owner)
}

func (s storeState) NextFeedDue(ctx context.Context, urls []string) (time.Time, error) {
	return s.db.NextFeedDue(ctx, urls)
}
func (s storeState) SeenItem(ctx context.Context, feedURL, key string) (bool, error) {
	return s.db.SeenItem(ctx, feedURL, key)
}
func (s storeState) MarkSeen(ctx context.Context, feedURL string, keys []string) error {
	return s.db.MarkSeen(ctx, feedURL, keys)
}

// sink records articles; fail makes it refuse; onIngest runs inside Ingest.
type sink struct {
	mu       sync.Mutex
	arts     []news.Article
	fail     bool
	onIngest func()
}

func (s *sink) Ingest(ctx context.Context, arts []news.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if s.fail {
		return errors.New("database is locked")
	}
	s.arts = append(s.arts, arts...)
	if s.onIngest != nil {
		s.onIngest()
	}
	return nil
}

func (s *sink) titles() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, a := range s.arts {
		out = append(out, a.Title)
	}
	sort.Strings(out)
	return out
}

const para = "The regional parliament approved the new water management plan on Thursday after a long debate, allocating 120 million euros over five years to repair leaking pipes and build two reservoirs in the drought-stricken south. "

// site is a test news site whose feed the test can change between polls.
type site struct {
	*httptest.Server
	mu        sync.Mutex
	items     []string // titles; item i links to /story/i
	etag      string
	feedHits  atomic.Int32
	pageHits  atomic.Int32
	feedError int // status to answer the feed with, 0 for normal
	retryAft  string
	brokenPg  map[int]int // page index → status
}

func newSite(t *testing.T, titles ...string) *site {
	t.Helper()
	s := &site{items: titles, etag: `"1"`, brokenPg: map[int]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) set(etag string, titles ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.etag, s.items = etag, titles
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
	case r.URL.Path == "/feed":
		s.feedHits.Add(1)
		if s.feedError != 0 {
			if s.retryAft != "" {
				w.Header().Set("Retry-After", s.retryAft)
			}
			w.WriteHeader(s.feedError)
			return
		}
		if r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", s.etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>http://%s/</link>`, r.Host)
		for i, title := range s.items {
			fmt.Fprintf(w, `<item><title>%s</title><link>http://%s/story/%d</link><guid>id-%d</guid><description>Short summary.</description><pubDate>Mon, 04 Mar 2024 0%d:00:00 GMT</pubDate></item>`, title, r.Host, i, i, i%10)
		}
		fmt.Fprint(w, `</channel></rss>`)
	case strings.HasPrefix(r.URL.Path, "/story/"):
		s.pageHits.Add(1)
		var i int
		fmt.Sscanf(r.URL.Path, "/story/%d", &i)
		if st := s.brokenPg[i]; st != 0 {
			w.WriteHeader(st)
			return
		}
		title := fmt.Sprintf("story %d", i)
		if i < len(s.items) {
			title = s.items[i]
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>%s</title></head><body><nav>Home | World</nav><article><h1>%s</h1><p>%s</p><p>%s</p></article></body></html>`, title, title, para, para)
	default:
		http.NotFound(w, r)
	}
}

func newWatcher(st State, sk Sink) *Watcher {
	c := fetch.New(fetch.Options{PerHost: time.Millisecond, Timeout: 5 * time.Second, MaxRetries: -1})
	return New(c, st, sk, time.Hour, nil)
}

func TestPollOnceChangesAnd304(t *testing.T) {
	site := newSite(t, "Alpha", "Beta")
	st, sk := newState(t), &sink{}
	w := newWatcher(st, sk)
	feeds := []string{site.URL + "/feed"}
	ctx := context.Background()

	stats, err := w.PollOnce(ctx, feeds)
	if err != nil || stats.New != 2 || stats.Ingested != 2 {
		t.Fatalf("first poll = %+v, %v; want 2 new, 2 ingested", stats, err)
	}
	if got := strings.Join(sk.titles(), ","); got != "Alpha,Beta" {
		t.Errorf("ingested %s, want Alpha,Beta", got)
	}
	fs, _ := st.FeedState(ctx, feeds[0])
	if fs.ETag != `"1"` || fs.Failures != 0 || !fs.NextPoll.After(fs.LastPolled) {
		t.Errorf("state after poll = %+v", fs)
	}

	// Unchanged: the server answers 304, no page is fetched.
	pages := site.pageHits.Load()
	stats, err = w.PollOnce(ctx, feeds)
	if err != nil || stats.NotModified != 1 || stats.New != 0 || site.pageHits.Load() != pages {
		t.Errorf("second poll = %+v, %v, %d page fetches; want 304 and none", stats, err, site.pageHits.Load()-pages)
	}

	// Changed: one new item, the two old ones are not ingested again.
	site.set(`"2"`, "Alpha", "Beta", "Gamma")
	stats, err = w.PollOnce(ctx, feeds)
	if err != nil || stats.New != 1 || stats.Ingested != 1 {
		t.Errorf("third poll = %+v, %v; want 1 new", stats, err)
	}
	if got := strings.Join(sk.titles(), ","); got != "Alpha,Beta,Gamma" {
		t.Errorf("ingested %s, want Alpha,Beta,Gamma", got)
	}
}

func TestSinkFailureKeepsItems(t *testing.T) {
	site := newSite(t, "Alpha", "Beta")
	st, sk := newState(t), &sink{fail: true}
	w := newWatcher(st, sk)
	feeds := []string{site.URL + "/feed"}
	ctx := context.Background()
	if _, err := w.PollOnce(ctx, feeds); err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("poll with failing sink = %v, want the sink's error", err)
	}
	fs, _ := st.FeedState(ctx, feeds[0])
	if fs.ETag != "" || fs.Failures != 1 || fs.LastError == "" {
		t.Errorf("state after sink failure = %+v; want no ETag, one failure", fs)
	}
	// The sink recovers: the feed is fetched in full (no 304) and both items arrive.
	sk.fail = false
	stats, err := w.PollOnce(ctx, feeds)
	if err != nil || stats.Ingested != 2 {
		t.Errorf("poll after recovery = %+v, %v; want 2 ingested", stats, err)
	}
}

func TestItemFailures(t *testing.T) {
	site := newSite(t, "Alpha", "Beta", "Gamma")
	site.brokenPg[1] = http.StatusNotFound            // permanent: the feed's summary is kept
	site.brokenPg[2] = http.StatusInternalServerError // transient: retried next poll
	st, sk := newState(t), &sink{}
	w := newWatcher(st, sk)
	feeds := []string{site.URL + "/feed"}
	ctx := context.Background()
	stats, err := w.PollOnce(ctx, feeds)
	if err != nil || stats.Ingested != 2 || stats.ItemErrors != 1 {
		t.Fatalf("poll = %+v, %v; want 2 ingested (one from its summary), 1 item error", stats, err)
	}
	fs, _ := st.FeedState(ctx, feeds[0])
	if fs.ETag != "" {
		t.Errorf("ETag saved although an item is still to be fetched: %+v", fs)
	}
	site.mu.Lock()
	delete(site.brokenPg, 2)
	site.mu.Unlock()
	stats, err = w.PollOnce(ctx, feeds)
	if err != nil || stats.New != 1 || stats.Ingested != 1 {
		t.Errorf("second poll = %+v, %v; want only Gamma retried and ingested", stats, err)
	}
	if got := strings.Join(sk.titles(), ","); got != "Alpha,Beta,Gamma" {
		t.Errorf("ingested %s, want Alpha,Beta,Gamma", got)
	}
}

func TestFeedErrorsBackOff(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		retry    string
		minDelay time.Duration
	}{
		{"500", 500, "", time.Hour},
		{"429 retry-after beyond every", 429, "86400", 24 * time.Hour},
		{"503 retry-after date", 503, time.Now().Add(48 * time.Hour).UTC().Format(http.TimeFormat), 47 * time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := newSite(t, "Alpha")
			site.feedError, site.retryAft = tc.status, tc.retry
			st := newState(t)
			w := newWatcher(st, &sink{})
			feeds := []string{site.URL + "/feed"}
			ctx := context.Background()
			for i := 1; i <= 2; i++ {
				_, err := w.PollOnce(ctx, feeds)
				if err == nil || !strings.Contains(err.Error(), fmt.Sprint(tc.status)) {
					t.Fatalf("poll %d = %v, want HTTP %d", i, err, tc.status)
				}
			}
			fs, _ := st.FeedState(ctx, feeds[0])
			if fs.Failures != 2 || fs.NextPoll.Sub(fs.LastPolled) < tc.minDelay || !strings.Contains(fs.LastError, fmt.Sprint(tc.status)) {
				t.Errorf("state = %+v; want 2 failures and next poll ≥ %v later", fs, tc.minDelay)
			}
			if tc.status == 500 && fs.NextPoll.Sub(fs.LastPolled) != 2*time.Hour {
				t.Errorf("backoff after 2 failures = %v, want 2h", fs.NextPoll.Sub(fs.LastPolled))
			}
		})
	}
}

// TestRunStopsAndResumes cancels Run while it is fetching: the articles
// already fetched reach the sink, Run returns nil, and a new Watcher on the
// same state takes the remaining items without repeating any.
func TestRunStopsAndResumes(t *testing.T) {
	titles := []string{"A", "B", "C", "D", "E"}
	site := newSite(t, titles...)
	st := newState(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sk := &sink{}
	sk.onIngest = func() {
		if len(sk.arts) == 2 {
			cancel() // a stop request arrives while the watcher is working
		}
	}
	w := newWatcher(st, sk)
	w.Batch = 1
	feeds := []string{site.URL + "/feed"}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, feeds) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	first := sk.titles()
	if len(first) < 2 || len(first) == len(titles) {
		t.Fatalf("first run ingested %v; want the fetched ones (at least 2), not all", first)
	}
	for i, title := range titles {
		seen, _ := st.SeenItem(context.Background(), feeds[0], fmt.Sprintf("id-%d", i))
		ingested := strings.Contains(","+strings.Join(first, ",")+",", ","+title+",")
		if seen != ingested {
			t.Errorf("item %s: seen=%v, ingested=%v; an item is seen exactly when ingested", title, seen, ingested)
		}
	}

	// Restart: everything left is ingested once.
	sk2 := &sink{}
	w2 := newWatcher(st, sk2)
	if _, err := w2.PollOnce(context.Background(), feeds); err != nil {
		t.Fatal(err)
	}
	all := append(first, sk2.titles()...)
	sort.Strings(all)
	if got := strings.Join(all, ","); got != "A,B,C,D,E" {
		t.Errorf("two runs ingested %s, want A,B,C,D,E each once", got)
	}
}

// TestRunRespectsSchedule: a feed polled recently is not polled again by a
// new Run before its NextPoll.
func TestRunRespectsSchedule(t *testing.T) {
	site := newSite(t, "A")
	st := newState(t)
	w := newWatcher(st, &sink{})
	feeds := []string{site.URL + "/feed"}
	if _, err := w.PollOnce(context.Background(), feeds); err != nil {
		t.Fatal(err)
	}
	hits := site.feedHits.Load()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := newWatcher(st, &sink{}).Run(ctx, feeds); err != nil {
		t.Fatalf("Run = %v", err)
	}
	if site.feedHits.Load() != hits {
		t.Errorf("Run fetched the feed %d times before its NextPoll", site.feedHits.Load()-hits)
	}
}

func TestReadFeedsFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "feeds.txt")
	os.WriteFile(good, []byte("# my feeds\nhttps://a.example/rss\n\n  http://b.example/atom.xml # world news\nhttps://a.example/rss\n"), 0o644)
	got, err := ReadFeedsFile(good)
	if err != nil || strings.Join(got, " ") != "https://a.example/rss http://b.example/atom.xml" {
		t.Errorf("ReadFeedsFile = %q, %v", got, err)
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("https://a.example/rss\nftp://x/y\n"), 0o644)
	if _, err := ReadFeedsFile(bad); err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("ReadFeedsFile(bad) = %v, want an error naming bad.txt:2", err)
	}
	if _, err := ReadFeedsFile(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("ReadFeedsFile(missing) = nil error")
	}
}

func TestMaxNewPerPoll(t *testing.T) {
	site := newSite(t, "A", "B", "C", "D", "E")
	st, sk := newState(t), &sink{}
	w := newWatcher(st, sk)
	w.MaxNew = 2
	feeds := []string{site.URL + "/feed"}
	for i, want := range []int{2, 2, 1, 0} {
		stats, err := w.PollOnce(context.Background(), feeds)
		if err != nil || stats.Ingested != want {
			t.Errorf("poll %d = %+v, %v; want %d ingested", i+1, stats, err, want)
		}
	}
	if got := strings.Join(sk.titles(), ","); got != "A,B,C,D,E" {
		t.Errorf("ingested %s, want A,B,C,D,E", got)
	}
}
