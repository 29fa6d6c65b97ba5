package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
