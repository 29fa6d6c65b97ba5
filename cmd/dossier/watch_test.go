package main

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Loopback News</title><link>%[1]s/</link><description>test</description>
<item><title>Storm floods harbour in Bergen</title><link>%[1]s/a/1</link><guid>%[1]s/a/1</guid>
<pubDate>Wed, 11 Dec 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>A storm flooded the harbour of Bergen, Norway, on Wednesday, the city's emergency services said. Water reached the fish market and several shops had to close.</p><p>"We have not seen water this high in twenty years," harbour master Ingrid Solberg said.</p>]]></content:encoded></item>
<item><title>Rail strike stops trains in Lisbon</title><link>%[1]s/a/2</link><guid>%[1]s/a/2</guid>
<pubDate>Thu, 12 Dec 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>A 24-hour strike by rail workers stopped commuter trains in Lisbon, Portugal, on Thursday. The union said 90 percent of its members had joined the walkout over pay.</p><p>The government said talks would resume on Monday.</p>]]></content:encoded></item>
<item><title>Museum in Antwerp reopens after renovation</title><link>%[1]s/a/3</link><guid>%[1]s/a/3</guid>
<pubDate>Fri, 13 Dec 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The fine arts museum in Antwerp, Belgium, reopened on Friday after a renovation that took eleven years and cost 100 million euros, its director said.</p><p>About 5,000 visitors came on the first day.</p>]]></content:encoded></item>
</channel></rss>`

// TestWatchStopsCleanlyAndResumes runs `dossier watch` against a feed on
// loopback, stops it with SIGINT once the items are stored, and checks that
// a restart asks the server with the stored ETag and stores nothing twice.
func TestWatchStopsCleanlyAndResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var feedHits, notModified atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			feedHits.Add(1)
			if r.Header.Get("If-None-Match") == `"v1"` {
				notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprintf(w, testFeed, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	bin := buildDossier(t)
	db := filepath.Join(t.TempDir(), "watch.db")
	cmd := exec.Command(bin, "watch", "--db", db, "--every", "1s", srv.URL+"/feed.xml")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if n := storedArticles(t, db); n == 3 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("watch stored no 3 articles in 60s; output:\n%s", out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("watch after SIGINT: %v\n%s", err, out.String())
	}

	hitsBefore := notModified.Load()
	again, err := exec.Command(bin, "watch", "--db", db, "--once", srv.URL+"/feed.xml").CombinedOutput()
	if err != nil {
		t.Fatalf("watch --once: %v\n%s", err, again)
	}
	if notModified.Load() == hitsBefore {
		t.Errorf("restarted watch did not send the stored ETag (no 304 served); %d feed requests", feedHits.Load())
	}
	if n := storedArticles(t, db); n != 3 {
		t.Errorf("after restart the store holds %d articles, want 3", n)
	}
}

func storedArticles(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		return 0
	}
	defer db.Close()
	st, err := db.Stats(context.Background())
	if err != nil {
		return 0
	}
	return st.Articles
}

// TestWatchProcessesShareFeeds runs two `dossier watch` processes on one
// store (SQLite, and PostgreSQL when available) with six feeds: they
// claim feeds from each other, so every feed is fetched once per period,
// not once per process.
func TestWatchProcessesShareFeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildDossier(t)
	backends := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "watch.db") },
		"postgres": func(t *testing.T) string { return freshPostgres(t, "watch") },
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn := backends[name](t)
			if out, err := exec.Command(bin, "migrate", "--db", dsn).CombinedOutput(); err != nil {
				t.Fatalf("migrate: %v\n%s", err, out)
			}
			// A poll takes a while, as over the network.
			srv, hits := feedServer(t, 100*time.Millisecond)
			var feeds []string
			for i := range 6 {
				feeds = append(feeds, fmt.Sprintf("%s/f%d/feed.xml", srv.URL, i))
			}
			var cmds []*exec.Cmd
			var outs []*strings.Builder
			for range 2 {
				cmd := exec.Command(bin, append([]string{"watch", "--db", dsn, "--every", "1h"}, feeds...)...)
				out := &strings.Builder{}
				cmd.Stdout, cmd.Stderr = out, out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				cmds, outs = append(cmds, cmd), append(outs, out)
			}
			stop := func() {
				for i, cmd := range cmds {
					_ = cmd.Process.Signal(syscall.SIGINT)
					if err := cmd.Wait(); err != nil {
						t.Errorf("watch %d after SIGINT: %v\n%s", i, err, outs[i].String())
					}
				}
			}
			deadline := time.Now().Add(90 * time.Second)
			for !allPolled(t, dsn, feeds) {
				if time.Now().After(deadline) {
					stop()
					t.Fatalf("the feeds were not all polled in 90s; outputs:\n%s\n---\n%s", outs[0], outs[1])
				}
				time.Sleep(200 * time.Millisecond)
			}
			// Leave them a moment in which a process that did not claim
			// would fetch a feed again.
			time.Sleep(time.Second)
			stop()
			got := hits()
			for _, f := range feeds {
				u, _ := url.Parse(f)
				if n := got[u.Path]; n != 1 {
					t.Errorf("%s fetched %d times by two watch processes in one period, want 1", u.Path, n)
				}
			}
		})
	}
}

// allPolled reports whether the store at dsn has polled every feed.
func allPolled(t *testing.T, dsn string, feeds []string) bool {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		return false
	}
	defer db.Close()
	for _, f := range feeds {
		s, err := db.FeedState(context.Background(), f)
		if err != nil || s.LastPolled.IsZero() {
			return false
		}
	}
	return true
}

// feedServer serves testFeed at every path ending in /feed.xml on
// loopback, after delay, and returns the server and a function that
// reads how often each path was fetched.
func feedServer(t *testing.T, delay time.Duration) (*httptest.Server, func() map[string]int) {
	t.Helper()
	var mu sync.Mutex
	hits := map[string]int{}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/feed.xml") {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		time.Sleep(delay)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, testFeed, srv.URL+strings.TrimSuffix(r.URL.Path, "/feed.xml"))
	}))
	t.Cleanup(srv.Close)
	return srv, func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(hits)
	}
}

// TestWatchOPML follows an OPML subscription list: `dossier watch --once
// --opml FILE` polls each feed the list names on a loopback server (one of
// them in a folder, one listed twice) and stores their items; a list with
// a bad xmlUrl fails naming the file and line.
func TestWatchOPML(t *testing.T) {
	srv, hits := feedServer(t, 0)
	dir := t.TempDir()
	list := filepath.Join(dir, "subs.opml")
	opml := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>subs</title></head><body>
<outline text="News"><outline type="rss" text="A" xmlUrl="%[1]s/a/feed.xml"/></outline>
<outline type="rss" text="B" xmlUrl="%[1]s/b/feed.xml"/>
<outline type="rss" text="A again" xmlUrl="%[1]s/a/feed.xml"/>
</body></opml>`, srv.URL)
	if err := os.WriteFile(list, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "watch.db")
	code, out, errs := dossier(t, "", "watch", "--db", db, "--once", "--opml", list)
	if code != exitOK {
		t.Fatalf("watch --opml exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if got := hits(); got["/a/feed.xml"] != 1 || got["/b/feed.xml"] != 1 || len(got) != 2 {
		t.Errorf("feeds fetched %v, want /a/feed.xml and /b/feed.xml once each", got)
	}
	// Both feeds carry the same three stories under their own links; the
	// store keeps each story once.
	if n := storedArticles(t, db); n != 3 {
		t.Errorf("store holds %d articles, want the 3 stories of the two feeds", n)
	}

	bad := filepath.Join(dir, "bad.opml")
	if err := os.WriteFile(bad, []byte("<opml><body>\n<outline xmlUrl=\"file:///etc/passwd\"/>\n</body></opml>"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = dossier(t, "", "watch", "--db", db, "--once", "--opml", bad)
	if code == exitOK || !strings.Contains(errs, "bad.opml:2:") {
		t.Errorf("watch --opml bad.opml = exit %d, stderr %q; want a failure naming bad.opml:2", code, errs)
	}
}
