package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	nurl "net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock records waits and advances instantly, so tests check the
// schedule (rate limit, backoff, Retry-After) without sleeping.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now().Truncate(time.Second)} }

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.slept = append(f.slept, d)
		f.now = f.now.Add(d)
	}
	return ctx.Err()
}
func (f *fakeClock) waits() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

// newClient returns a client with a fake clock. Robots are ignored unless
// the test's server serves /robots.txt and robots is set.
func newClient(t *testing.T, opts Options) (*Client, *fakeClock) {
	t.Helper()
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	c := New(opts)
	fc := newFakeClock()
	c.clock = fc
	return c, fc
}

func server(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func TestGetBasics(t *testing.T) {
	var ua atomic.Value
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		ua.Store(r.Header.Get("User-Agent"))
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		fmt.Fprint(w, "<p>hello</p>")
	})
	c, _ := newClient(t, Options{})
	ctx := context.Background()
	resp, err := c.Get(ctx, s.URL+"/a", Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "<p>hello</p>" || resp.ETag != `"v1"` || resp.LastModified == "" || resp.ContentType != "text/html; charset=windows-1251" {
		t.Errorf("Get = %+v", resp)
	}
	if ua.Load() != UserAgent {
		t.Errorf("User-Agent = %v, want %q", ua.Load(), UserAgent)
	}
	resp, err = c.Get(ctx, s.URL+"/a", Conditional{ETag: resp.ETag})
	if err != nil || !resp.NotModified || len(resp.Body) != 0 {
		t.Errorf("conditional Get = %+v, %v; want NotModified", resp, err)
	}
}

func TestRetryAfter(t *testing.T) {
	var fc *fakeClock
	tests := []struct {
		name      string
		status    int
		header    func() string
		wantWait  time.Duration
		wantError bool
	}{
		{"429 seconds", 429, func() string { return "7" }, 7 * time.Second, false},
		{"503 http date", 503, func() string { return fc.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat) }, 20 * time.Second, false},
		{"429 too long", 429, func() string { return "86400" }, 0, true},
		{"503 no header", 503, func() string { return "" }, time.Second, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			s := server(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					if h := tc.header(); h != "" {
						w.Header().Set("Retry-After", h)
					}
					w.WriteHeader(tc.status)
					return
				}
				fmt.Fprint(w, "ok")
			})
			var c *Client
			c, fc = newClient(t, Options{IgnoreRobots: true, PerHost: time.Millisecond})
			resp, err := c.Get(context.Background(), s.URL, Conditional{})
			if tc.wantError {
				var se *StatusError
				if !errors.As(err, &se) || se.StatusCode != tc.status || se.RetryAfter != 24*time.Hour {
					t.Fatalf("Get = %v, want StatusError %d with RetryAfter 24h", err, tc.status)
				}
				if n.Load() != 1 {
					t.Errorf("server asked %d times, want 1", n.Load())
				}
				return
			}
			if err != nil || string(resp.Body) != "ok" {
				t.Fatalf("Get = %v, %v", resp, err)
			}
			var longest time.Duration
			for _, w := range fc.waits() {
				longest = max(longest, w)
			}
			if longest != tc.wantWait {
				t.Errorf("waits = %v, want the longest %v", fc.waits(), tc.wantWait)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	var n atomic.Int32
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 3 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, "ok")
	})
	c, fc := newClient(t, Options{IgnoreRobots: true, PerHost: time.Millisecond, Backoff: time.Second})
	resp, err := c.Get(context.Background(), s.URL, Conditional{})
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("Get = %v, %v", resp, err)
	}
	var backoffs []time.Duration
	for _, w := range fc.waits() {
		if w >= time.Second {
			backoffs = append(backoffs, w)
		}
	}
	if got, want := fmt.Sprint(backoffs), "[1s 2s 4s]"; got != want {
		t.Errorf("backoff schedule = %s, want %s", got, want)
	}

	// Always failing: gives up after MaxRetries+1 attempts with the status.
	n.Store(-100)
	_, err = c.Get(context.Background(), s.URL, Conditional{})
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != 500 || !strings.Contains(err.Error(), "4 attempts") {
		t.Errorf("Get on failing server = %v, want HTTP 500 after 4 attempts", err)
	}

	// 404 is permanent: one request only.
	var m atomic.Int32
	s404 := server(t, func(w http.ResponseWriter, r *http.Request) { m.Add(1); http.NotFound(w, r) })
	_, err = c.Get(context.Background(), s404.URL, Conditional{})
	if !errors.As(err, &se) || se.StatusCode != 404 || m.Load() != 1 {
		t.Errorf("Get 404 = %v after %d requests, want StatusError 404 after 1", err, m.Load())
	}
}

func TestRedirects(t *testing.T) {
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &i); err == nil {
			if i > 0 {
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", i-1), http.StatusFound)
				return
			}
			fmt.Fprint(w, "arrived")
			return
		}
		http.Redirect(w, r, r.URL.Path, http.StatusMovedPermanently) // loops
	})
	c, _ := newClient(t, Options{IgnoreRobots: true, PerHost: time.Millisecond})
	resp, err := c.Get(context.Background(), s.URL+"/hop/5", Conditional{})
	if err != nil || string(resp.Body) != "arrived" || resp.URL != s.URL+"/hop/0" {
		t.Fatalf("Get with 5 redirects = %+v, %v", resp, err)
	}
	_, err = c.Get(context.Background(), s.URL+"/hop/11", Conditional{})
	if err == nil || !strings.Contains(err.Error(), "10 redirects") {
		t.Errorf("Get with 11 redirects = %v, want stopped after 10", err)
	}
	_, err = c.Get(context.Background(), s.URL+"/loop", Conditional{})
	if err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("Get redirect loop = %v, want error", err)
	}
}

func TestGzip(t *testing.T) {
	want := strings.Repeat("Сжатый текст. ", 500)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(want))
	zw.Close()
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		// Sent compressed whatever the request said, as some servers do.
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(gz.Bytes())
	})
	c, _ := newClient(t, Options{IgnoreRobots: true})
	resp, err := c.Get(context.Background(), s.URL, Conditional{})
	if err != nil || string(resp.Body) != want {
		t.Fatalf("Get gzip = %d bytes, %v; want %d bytes decompressed", len(resp.Body), err, len(want))
	}
}

func TestSlowAndBrokenServers(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			select { // answers only after the client gave up
			case <-r.Context().Done():
			case <-release:
			}
		case "/slowbody":
			w.Header().Set("Content-Length", "100")
			w.Write([]byte("start"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-release:
			}
		case "/truncated":
			w.Header().Set("Content-Length", "1000")
			w.Write(bytes.Repeat([]byte("x"), 500))
			w.(http.Flusher).Flush()
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		case "/endless":
			chunk := bytes.Repeat([]byte("<p>more</p>"), 1000)
			for i := 0; i < 100000; i++ { // bounded: ~1 GB at most, stops at the first failed write
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}
	})
	// A short timeout where the server stalls; a long one elsewhere, so a
	// loaded machine cannot turn "truncated" or "too large" into a timeout.
	short, _ := newClient(t, Options{IgnoreRobots: true, Timeout: 300 * time.Millisecond, MaxRetries: -1, MaxBytes: 256 << 10})
	long, _ := newClient(t, Options{IgnoreRobots: true, Timeout: 30 * time.Second, MaxRetries: -1, MaxBytes: 256 << 10})
	tests := []struct {
		path string
		c    *Client
		want string
		is   error
	}{
		{"/slow", short, "timed out", nil},
		{"/slowbody", short, "timed out", nil},
		{"/truncated", long, "truncated", nil},
		{"/endless", long, "exceeds 262144 bytes", ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := tc.c.Get(context.Background(), s.URL+tc.path, Conditional{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Get(%s) = %v, %v; want error containing %q", tc.path, resp, err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("Get(%s) error %v is not %v", tc.path, err, tc.is)
			}
		})
	}
}

// TestTotalTimeout: retries of a server that keeps stalling stop at the
// total budget for one Get.
func TestTotalTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	c := New(Options{IgnoreRobots: true, Timeout: 200 * time.Millisecond, Total: 500 * time.Millisecond, MaxRetries: 1000, Backoff: 10 * time.Millisecond, PerHost: time.Millisecond})
	_, err := c.Get(context.Background(), s.URL, Conditional{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get on a stalling server = %v, want the total deadline", err)
	}
}

func TestRobots(t *testing.T) {
	var robotsHits atomic.Int32
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsHits.Add(1)
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: Dossier\nDisallow: /private/\nAllow: /private/press-*.html$\nCrawl-delay: 3\n")
			return
		}
		fmt.Fprint(w, "ok")
	})
	c, fc := newClient(t, Options{PerHost: time.Second})
	ctx := context.Background()
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"/news/a", true},
		{"/private/x", false},
		{"/private/press-1.html", true},
		{"/private/press-1.html?x", false},
	} {
		_, err := c.Get(ctx, s.URL+tc.path, Conditional{})
		if tc.ok && err != nil {
			t.Errorf("Get(%s) = %v, want allowed", tc.path, err)
		}
		if !tc.ok && (!errors.Is(err, ErrDisallowed) || !strings.Contains(err.Error(), "/private/")) {
			t.Errorf("Get(%s) = %v, want ErrDisallowed naming the rule", tc.path, err)
		}
	}
	if robotsHits.Load() != 1 {
		t.Errorf("robots.txt fetched %d times, want 1 (cached)", robotsHits.Load())
	}
	// Crawl-delay 3 is slower than PerHost 1s: once robots.txt is read,
	// the gaps are 3s.
	for _, w := range fc.waits()[1:] {
		if w != 3*time.Second {
			t.Errorf("waits = %v, want 3s each (Crawl-delay)", fc.waits())
			break
		}
	}

	// A robots.txt that fails with 5xx disallows the site for now.
	s5 := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, "ok")
	})
	c5, _ := newClient(t, Options{MaxRetries: -1})
	if _, err := c5.Get(ctx, s5.URL+"/a", Conditional{}); !errors.Is(err, ErrDisallowed) {
		t.Errorf("Get with failing robots.txt = %v, want ErrDisallowed", err)
	}
}

func TestRateLimit(t *testing.T) {
	s := server(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	c, fc := newClient(t, Options{IgnoreRobots: true, PerHost: 2 * time.Second})
	start := fc.Now()
	for i := 0; i < 4; i++ {
		if _, err := c.Get(context.Background(), s.URL, Conditional{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := fc.Now().Sub(start); got != 6*time.Second {
		t.Errorf("4 requests to one host took %v of waiting, want 6s (3 gaps of 2s)", got)
	}
}

func TestParseRobots(t *testing.T) {
	txt := `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /search
Allow: /search/about
Disallow: /*.pdf$
Disallow: /tmp*/x
Disallow: /page
Allow: /page
Crawl-delay: abc
Disallow: /after
`
	rb := ParseRobots(strings.NewReader(txt), "dossier")
	tests := []struct {
		path string
		want bool
	}{
		{"/", true}, {"/search", false}, {"/search?q=x", false}, {"/search/about", true},
		{"/doc.pdf", false}, {"/doc.pdf?x=1", true}, {"/tmp1/x", false}, {"/tmp/y", true},
		// RFC 9309 2.2.2: of equivalent rules, allow wins; and a malformed
		// line (the Crawl-delay) loses only itself.
		{"/page", true}, {"/after", false},
	}
	for _, tc := range tests {
		u, _ := nurl.Parse("https://example.org" + tc.path)
		if got, _ := rb.Allowed(u); got != tc.want {
			t.Errorf("Allowed(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add("User-agent: *\nDisallow: /a*b$\nAllow: /a\nCrawl-delay: 1.5\n", "/ab")
	f.Add("user-agent:dossier\ndisallow:/\n", "/")
	f.Fuzz(func(t *testing.T, txt, path string) {
		rb := ParseRobots(strings.NewReader(txt), "dossier")
		u, err := nurl.Parse("https://example.org/" + strings.TrimPrefix(path, "/"))
		if err != nil {
			return
		}
		ok, rule := rb.Allowed(u)
		if !ok && rule == "" {
			t.Errorf("disallowed without a rule")
		}
		if rb.CrawlDelay < 0 {
			t.Errorf("negative crawl delay")
		}
	})
}
