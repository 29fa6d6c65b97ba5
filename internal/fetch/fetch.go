// Package fetch is Dossier's polite HTTP client for news sites and feeds.
//
// Polite means what site operators ask of crawlers: a User-Agent that says
// who is asking and where to read about it, no more than one request per
// second to a host (configurable, and slower when robots.txt asks for a
// Crawl-delay), robots.txt obeyed, conditional requests so an unchanged feed
// costs a 304, and backing off when a server says it is overloaded (429/503
// with Retry-After) or fails. It is also defensive: every response is capped
// in size and every attempt in time, so a page that never ends or a server
// that never answers cannot hang a watch loop.
//
// Bodies are returned as bytes with their Content-Type; decoding a charset is
// left to the caller (see internal/ingest/html).
package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	nurl "net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// UserAgent is sent with every request.
const UserAgent = "Dossier/0.1 (+https://github.com/dossier-news/dossier)"

// Sentinel errors, checked with errors.Is.
var (
	ErrDisallowed = errors.New("disallowed by robots.txt")
	ErrTooLarge   = errors.New("response too large")
)

// StatusError is an HTTP response with a status that is not a success.
type StatusError struct {
	URL        string
	StatusCode int
	RetryAfter time.Duration // as the server asked, when it did
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Options configures a Client; the zero value of each field means its
// default.
type Options struct {
	UserAgent     string        // default UserAgent
	PerHost       time.Duration // least interval between requests to one host; default 1s
	MaxBytes      int64         // largest body accepted; default 10 MiB
	Timeout       time.Duration // one attempt, headers and body; default 30s
	Total         time.Duration // one Get, all attempts and waits included; default 5m
	MaxRetries    int           // retries after a transient failure; default 3, negative for none
	Backoff       time.Duration // first retry delay, doubled each time; default 1s
	MaxBackoff    time.Duration // cap on one delay; default 1m
	MaxRetryAfter time.Duration // longest Retry-After waited for in Get; default 2m
	MaxCrawlDelay time.Duration // cap on a robots.txt Crawl-delay; default 30s
	IgnoreRobots  bool          // for fetching the user's own explicit URLs only
	Transport     http.RoundTripper
	Logger        *slog.Logger
}

// DefaultOptions returns the defaults.
func DefaultOptions() Options {
	return Options{
		UserAgent:     UserAgent,
		PerHost:       time.Second,
		MaxBytes:      10 << 20,
		Timeout:       30 * time.Second,
		Total:         5 * time.Minute,
		MaxRetries:    3,
		Backoff:       time.Second,
		MaxBackoff:    time.Minute,
		MaxRetryAfter: 2 * time.Minute,
		MaxCrawlDelay: 30 * time.Second,
	}
}

func (o *Options) fill() {
	d := DefaultOptions()
	if o.UserAgent == "" {
		o.UserAgent = d.UserAgent
	}
	if o.PerHost == 0 {
		o.PerHost = d.PerHost
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = d.MaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.Total <= 0 {
		o.Total = d.Total
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = d.MaxRetries
	} else if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = d.Backoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = d.MaxBackoff
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = d.MaxRetryAfter
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = d.MaxCrawlDelay
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Conditional carries the validators of a previous response; a server
// whose resource is unchanged answers 304 and Get reports NotModified.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a fetched resource.
type Response struct {
	URL         string // final URL, after redirects
	StatusCode  int
	Header      http.Header
	ContentType string
	Body        []byte
	// NotModified is set for a 304 answer to a conditional request; Body
	// is then empty and the validators are those sent.
	NotModified  bool
	ETag         string
	LastModified string
}

// Client is safe for concurrent use.
type Client struct {
	opts  Options
	http  *http.Client
	clock clock

	mu     sync.Mutex
	next   map[string]time.Time // host → earliest time of its next request
	robots map[string]*robotsEntry
}

// clock is real time in production; tests swap in a fake to check waits
// without waiting.
type clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxRedirects is the number of redirects followed for one request.
const maxRedirects = 10

// New returns a Client.
func New(opts Options) *Client {
	opts.fill()
	c := &Client{opts: opts, clock: realClock{}, next: map[string]time.Time{}, robots: map[string]*robotsEntry{}}
	tr := opts.Transport
	if tr == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = opts.Timeout
		tr = t
	}
	c.http = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("stopped after %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			// Each hop is a request to a host: robots and rate limit apply
			// (except while fetching robots.txt itself, whose rules are
			// being fetched).
			if via[0].URL.Path != "/robots.txt" {
				if err := c.allowed(req.Context(), req.URL); err != nil {
					return err
				}
			}
			return c.wait(req.Context(), req.URL.Host)
		},
	}
	return c
}

// Get fetches rawURL, retrying transient failures. A 304 answer to cond
// gives a Response with NotModified set and no error; any other status but
// 2xx gives a *StatusError.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	u, err := nurl.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %q: not an http(s) URL", rawURL)
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Total)
	defer cancel()
	if err := c.allowed(ctx, u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	for attempt := 0; ; attempt++ {
		resp, retry, err := c.attempt(ctx, u, cond)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, ctx.Err())
		}
		if retry < 0 || attempt >= c.opts.MaxRetries {
			if attempt > 0 {
				return nil, fmt.Errorf("fetch %s: giving up after %d attempts: %w", rawURL, attempt+1, err)
			}
			return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
		if retry == 0 {
			retry = c.backoff(attempt)
		}
		c.opts.Logger.Debug("fetch retry", "url", rawURL, "attempt", attempt+1, "wait", retry, "error", err)
		if err := c.clock.Sleep(ctx, retry); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
	}
}

// backoff is the delay before retry n+1: Backoff·2ⁿ, capped. It has no
// jitter so that schedules are reproducible; the per-host rate limit
// already keeps one client from synchronising bursts.
func (c *Client) backoff(n int) time.Duration {
	d := c.opts.Backoff
	for i := 0; i < n && d < c.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, c.opts.MaxBackoff)
}

// attempt makes one request. retry is the wait before the next attempt:
// negative for a permanent failure, zero for "use the backoff schedule".
func (c *Client) attempt(ctx context.Context, u *nurl.URL, cond Conditional) (resp *Response, retry time.Duration, err error) {
	if err := c.wait(ctx, u.Host); err != nil {
		return nil, -1, err
	}
	actx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, -1, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	hr, err := c.http.Do(req)
	if err != nil {
		if errors.Is(err, ErrDisallowed) || strings.Contains(err.Error(), "redirects") || strings.Contains(err.Error(), "unsupported scheme") {
			return nil, -1, err
		}
		var ne net.Error
		if ctx.Err() == nil && (actx.Err() != nil || errors.As(err, &ne) && ne.Timeout()) {
			return nil, 0, fmt.Errorf("timed out after %s waiting for %s", c.opts.Timeout, u.Host)
		}
		return nil, 0, err
	}
	defer hr.Body.Close()
	final := hr.Request.URL.String()

	switch {
	case hr.StatusCode == http.StatusNotModified:
		return &Response{URL: final, StatusCode: hr.StatusCode, Header: hr.Header, NotModified: true,
			ETag: cond.ETag, LastModified: cond.LastModified}, 0, nil
	case hr.StatusCode == http.StatusTooManyRequests || hr.StatusCode == http.StatusServiceUnavailable:
		se := &StatusError{URL: final, StatusCode: hr.StatusCode, RetryAfter: retryAfter(hr.Header.Get("Retry-After"), c.clock.Now())}
		if se.RetryAfter > c.opts.MaxRetryAfter {
			return nil, -1, se // the caller (watch) schedules the next poll instead
		}
		c.delayHost(u.Host, se.RetryAfter)
		return nil, max(se.RetryAfter, 0), se
	case hr.StatusCode >= 500 || hr.StatusCode == http.StatusRequestTimeout:
		return nil, 0, &StatusError{URL: final, StatusCode: hr.StatusCode}
	case hr.StatusCode < 200 || hr.StatusCode > 299:
		return nil, -1, &StatusError{URL: final, StatusCode: hr.StatusCode}
	}

	var body io.Reader = hr.Body
	if !hr.Uncompressed && strings.EqualFold(hr.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(hr.Body)
		if err != nil {
			return nil, 0, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		body = zr
	}
	data, err := io.ReadAll(io.LimitReader(body, c.opts.MaxBytes+1))
	if int64(len(data)) > c.opts.MaxBytes {
		return nil, -1, fmt.Errorf("%w: body exceeds %d bytes", ErrTooLarge, c.opts.MaxBytes)
	}
	if err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			return nil, 0, fmt.Errorf("timed out after %s reading the body (%d bytes read)", c.opts.Timeout, len(data))
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, 0, fmt.Errorf("truncated body: connection closed after %d bytes", len(data))
		}
		return nil, 0, fmt.Errorf("read body: %w", err)
	}
	return &Response{
		URL: final, StatusCode: hr.StatusCode, Header: hr.Header, ContentType: hr.Header.Get("Content-Type"),
		Body: data, ETag: hr.Header.Get("ETag"), LastModified: hr.Header.Get("Last-Modified"),
	}, 0, nil
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
// Zero when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// wait blocks until host may be asked again and books the slot after.
func (c *Client) wait(ctx context.Context, host string) error {
	interval := c.opts.PerHost
	if cd := c.crawlDelay(host); cd > interval {
		interval = cd
	}
	c.mu.Lock()
	now := c.clock.Now()
	at := c.next[host]
	if at.Before(now) {
		at = now
	}
	c.next[host] = at.Add(interval)
	c.mu.Unlock()
	return c.clock.Sleep(ctx, at.Sub(now))
}

// delayHost pushes the host's next slot back by d (a server's Retry-After).
func (c *Client) delayHost(host string, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t := c.clock.Now().Add(d); t.After(c.next[host]) {
		c.next[host] = t
	}
}
