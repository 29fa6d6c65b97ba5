package web

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// screensDir is where browser tests save screenshots: $DOSSIER_TEST_OUT,
// else testout/screens at the project root (the directory with go.mod).
func screensDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DOSSIER_TEST_OUT")
	if dir == "" {
		root, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(root)
			if parent == root {
				t.Fatal("no go.mod above the package directory")
			}
			root = parent
		}
		dir = filepath.Join(root, "testout")
	}
	dir = filepath.Join(dir, "screens")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts a headless chromium with a fresh profile and no network
// chatter, or skips the test when chromium is not installed. extra adds
// allocator options (flags).
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser tests need Debian's chromium at %s (apt-get install chromium): %v", chromiumPath, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// console collects what pages write to the console, so a test can fail on
// script errors and refused resources.
type console struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

func watchConsole(ctx context.Context) *console {
	c := &console{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			c.mu.Lock()
			c.msgs = append(c.msgs, m)
			c.mu.Unlock()
		}
	}()
	return c
}

func (c *console) errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, m := range c.msgs {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
			out = append(out, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, m.URL))
		}
	}
	return out
}

// pixel is a 1×1 PNG, the picture the fixture's image host serves.
var pixel = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func TestBrowser(t *testing.T) {
	// The fixture's pictures live on img.example: the browser is told to
	// find that host here, so the list shows a picture that really loads.
	var imgHits atomic.Int32
	img := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		imgHits.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(pixel)
	}))
	defer img.Close()
	ctx := browser(t, chromedp.Flag("host-resolver-rules", "MAP img.example "+strings.TrimPrefix(img.URL, "http://")))
	env := newTestEnv(t, Options{})
	ts := httptest.NewServer(env.srv.Handler())
	defer ts.Close()
	dir := screensDir(t)
	cons := watchConsole(ctx)

	run := func(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(t *testing.T, sel string) string {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		s, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	eval := func(t *testing.T, js string) bool {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	shot := func(t *testing.T, name string) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	location := func(t *testing.T) string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(loc, ts.URL)
	}
	click := func(t *testing.T, sel string) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if _, err := chromedp.RunResponse(sctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}

	t.Run("list to event to entity", func(t *testing.T) {
		run(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("ol.event-list")))
		if got := text(t, "h1"); got != "Latest events" {
			t.Errorf("index h1 = %q", got)
		}
		if !eval(t, `getComputedStyle(document.body).fontFamily.length > 0 && getComputedStyle(document.querySelector('.masthead')).backgroundColor !== 'rgba(0, 0, 0, 0)'`) {
			t.Error("stylesheet not applied")
		}
		shot(t, "index")
		click(t, ".event-card-title a")
		if got, want := location(t), "/events/ev-quake"; got != want {
			t.Fatalf("after clicking the first event, at %s, want %s", got, want)
		}
		if got := text(t, ".event-head h1"); got != "Earthquake strikes central Italy near Amatrice" {
			t.Errorf("event h1 = %q", got)
		}
		if !eval(t, `document.querySelectorAll('.claim-group.status-conflicting .sides li').length === 2`) {
			t.Error("conflicting claim does not show its two sides")
		}
		if !eval(t, `document.querySelectorAll('svg.map circle.place').length >= 3 && document.querySelectorAll('svg.timeline circle.dot').length === 5`) {
			t.Error("map or timeline not drawn")
		}
		shot(t, "event")
		click(t, `a.chip-person[href="/entities/person:sergio-pirozzi"]`)
		if got := text(t, ".entity-head h1"); got != "Sergio Pirozzi" {
			t.Errorf("entity h1 = %q", got)
		}
		shot(t, "entity")
		click(t, ".event-card-title a")
		if got, want := location(t), "/events/ev-quake"; got != want {
			t.Errorf("entity's event link led to %s, want %s", got, want)
		}
	})

	t.Run("search to article", func(t *testing.T) {
		run(t, chromedp.Navigate(ts.URL+"/"),
			chromedp.SendKeys(chromedp.CSS("#site-q"), "Blinken"),
		)
		if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS("#site-q"))); err != nil {
			t.Fatalf("submit search: %v", err)
		}
		if got := location(t); got != "/search?q=Blinken" {
			t.Errorf("search went to %s", got)
		}
		if !eval(t, `document.querySelectorAll('.hits .hit').length >= 3`) {
			t.Errorf("fewer than 3 hits for Blinken: %s", text(t, "main"))
		}
		shot(t, "search")
		click(t, `.hit a.hit-title[href="/articles/talks-bbc"]`)
		if got := text(t, ".article-head h1"); got != "Blinken 'cautiously optimistic' as Geneva talks resume" {
			t.Errorf("article h1 = %q", got)
		}
		if !eval(t, `document.querySelectorAll('#article-text a.hl-person').length === 1 && document.querySelectorAll('#article-text .hl-quote').length >= 1`) {
			t.Error("article facts not highlighted")
		}
		// The progressive script is allowed by the CSP and works.
		run(t, chromedp.Click(chromedp.CSS(`input[data-hl="hl-person"]`)))
		if !eval(t, `document.getElementById('article-text').classList.contains('off-hl-person')`) {
			t.Error("highlight toggle did nothing: app.js not running")
		}
		run(t, chromedp.Click(chromedp.CSS(`input[data-hl="hl-person"]`)))
		shot(t, "article")
	})

	t.Run("filters and entity index", func(t *testing.T) {
		run(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("form.filters")),
			chromedp.SendKeys(chromedp.CSS(`form.filters input[name="lang"]`), "de"))
		if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`form.filters input[name="lang"]`))); err != nil {
			t.Fatalf("submit filters: %v", err)
		}
		if !eval(t, `[...document.querySelectorAll('.event-card')].length >= 2 && [...document.querySelectorAll('.event-card')].every(c => c.textContent.includes('de'))`) {
			t.Errorf("language filter: %s", text(t, "main"))
		}
		if !eval(t, `[...document.querySelectorAll('.event-card-title')].every(h => !h.textContent.includes('Earthquake'))`) {
			t.Error("language filter kept an event without German articles")
		}
		click(t, `.tabs a[href*="sort=biggest"]`)
		if got := location(t); !strings.Contains(got, "sort=biggest") || !strings.Contains(got, "lang=de") {
			t.Errorf("biggest tab went to %s, want sort=biggest with lang=de kept", got)
		}
		click(t, `.nav a[href="/entities"]`)
		if !eval(t, `document.querySelectorAll('.entity-grid a.chip').length === 7`) {
			t.Errorf("entity index: %s", text(t, "main"))
		}
		shot(t, "entities")
	})

	t.Run("list lead and image, filtered feed, story timeline", func(t *testing.T) {
		run(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("ol.event-list")))
		if got := text(t, ".event-card .lead"); got != "A magnitude 6.2 earthquake struck central Italy near Amatrice early on Wednesday." {
			t.Errorf("first card lead = %q", got)
		}
		loaded := false
		for range 50 {
			if loaded = eval(t, `(() => { const i = document.querySelector('.event-card img.event-card-image'); return !!i && i.complete && i.naturalWidth > 0 })()`); loaded {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if !loaded || imgHits.Load() == 0 {
			t.Errorf("first card's picture did not load (%d requests to the image host)", imgHits.Load())
		}
		if !eval(t, `(() => { const c = document.querySelector('.event-card.has-image'), i = c.querySelector('img'); return i.getBoundingClientRect().left > c.querySelector('.event-card-title').getBoundingClientRect().left })()`) {
			t.Error("the picture does not sit beside the title")
		}
		shot(t, "index-images")

		// Filter by words; the list advertises the feed of that filter.
		run(t, chromedp.SendKeys(chromedp.CSS(`form.filters input[name="q"]`), "ceasefire OR corridor"))
		if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`form.filters input[name="q"]`))); err != nil {
			t.Fatalf("submit filters: %v", err)
		}
		if n := eval(t, `document.querySelectorAll('.event-card').length === 2`); !n {
			t.Errorf("q=ceasefire OR corridor: %s", text(t, "main"))
		}
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		href, err := chromedp.Run(sctx, chromedp.Evaluate[string](`document.querySelector('head link[rel=alternate][title="Dossier: events of this list"]').href`))
		cancel()
		if err != nil {
			t.Fatalf("feed link: %v", err)
		}
		if visible, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.tabs a.feed-link').href`)); visible != href {
			t.Errorf("visible feed link %q, head link %q; want the same feed", visible, href)
		}
		resp, err := http.Get(href)
		if err != nil {
			t.Fatal(err)
		}
		var feed atomDoc
		err = xml.NewDecoder(resp.Body).Decode(&feed)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("GET %s: %d %q, %v", href, resp.StatusCode, resp.Header.Get("Content-Type"), err)
		}
		if len(feed.Entries) != 2 || !strings.Contains(feed.Title, `"ceasefire OR corridor"`) {
			t.Errorf("advertised feed %s: title %q, %d entries; want the 2 events of the list", href, feed.Title, len(feed.Entries))
		}

		// From an event of a storyline to its timeline.
		click(t, `.event-card-title a[href="/events/ev-vote"]`)
		click(t, "a.timeline-link")
		if got, want := location(t), "/events/ev-vote/timeline"; got != want {
			t.Fatalf("timeline link led to %s, want %s", got, want)
		}
		if !eval(t, `[...document.querySelectorAll('.storyline-event h2 a')].map(a => a.getAttribute('href')).join(' ') === '/events/ev-talks /events/ev-vote'`) {
			t.Errorf("timeline does not list talks then vote: %s", text(t, "main"))
		}
		if !eval(t, `document.querySelector('.storyline-event.current h2 a').getAttribute('href') === '/events/ev-vote' && document.querySelectorAll('.storyline-event .lead').length === 2`) {
			t.Error("timeline does not mark the event it came from, or lacks the leads")
		}
		shot(t, "timeline")
		click(t, `.storyline-event h2 a[href="/events/ev-talks"]`)
		if got := text(t, ".event-head h1"); got != "Ceasefire talks resume in Geneva" {
			t.Errorf("timeline entry led to %q", got)
		}
	})

	t.Run("hostile article is inert", func(t *testing.T) {
		for _, path := range []string{"/articles/xss-1", "/events/ev-xss", "/entities/person:bob-%3Ci%3Esmith", "/search?q=%3Cscript%3Ewindow.__xss%3D9%3C%2Fscript%3E", "/?place=%3Cscript%3Ewindow.__xss%3D8%3C%2Fscript%3E"} {
			run(t, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(chromedp.CSS("main")))
			if !eval(t, `typeof window.__xss === 'undefined'`) {
				t.Errorf("%s: injected script ran", path)
			}
			if !eval(t, `document.querySelectorAll('main script, main img, main svg[onload], main i, main b').length === 0`) {
				t.Errorf("%s: injected elements in the DOM", path)
			}
		}
		run(t, chromedp.Navigate(ts.URL+"/articles/xss-1"), chromedp.WaitReady(chromedp.CSS("#article-text")))
		body := text(t, "#article-text")
		if !strings.Contains(body, "<script>window.__xss=2</script>") || !strings.Contains(body, `<img src=x onerror="window.__xss=3">`) {
			t.Errorf("article text does not show the markup as text: %q", body)
		}
		if got := text(t, ".article-head h1"); got != "<script>window.__xss=1</script>Council <b>meeting</b>" {
			t.Errorf("hostile title shown as %q", got)
		}
		shot(t, "hostile")
	})

	t.Run("mobile", func(t *testing.T) {
		run(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
			chromedp.Navigate(ts.URL+"/events/ev-quake"), chromedp.WaitVisible(chromedp.CSS(".event-head h1")))
		if !eval(t, `document.documentElement.scrollWidth <= window.innerWidth + 1`) {
			t.Error("event page scrolls sideways on a phone")
		}
		shot(t, "event-mobile")
		run(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("ol.event-list")))
		if !eval(t, `document.documentElement.scrollWidth <= window.innerWidth + 1`) {
			t.Error("index scrolls sideways on a phone")
		}
		shot(t, "index-mobile")
		run(t, chromedp.ResetViewport())
	})

	t.Run("not found", func(t *testing.T) {
		run(t, chromedp.Navigate(ts.URL+"/events/gone"), chromedp.WaitVisible(chromedp.CSS(".error-page")))
		if got := text(t, ".error-page h1"); got != "Not Found" {
			t.Errorf("404 page h1 = %q", got)
		}
		shot(t, "not-found")
	})

	// Let late console messages arrive, then check no page broke.
	time.Sleep(200 * time.Millisecond)
	saw404 := false
	for _, e := range cons.errors() {
		if strings.Contains(e, "404") && strings.Contains(e, "/events/gone") {
			saw404 = true // the 404 page test asked for it
			continue
		}
		t.Errorf("console: %s", e)
	}
	// The browser reports the 404 document as a console error; seeing it
	// shows the console watch works, so its silence elsewhere means something.
	if !saw404 {
		t.Errorf("console watch saw no 404 error for /events/gone; messages: %v", cons.errors())
	}
	t.Logf("screenshots in %s", dir)
}
