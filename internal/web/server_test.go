package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// committer is the write side the test ingester needs.
type committer interface {
	Commit(ctx context.Context, b store.Batch) error
}

// testIngester is the smallest real Ingester: each article becomes its own
// event, committed through the store like the pipeline would.
type testIngester struct {
	st committer
	mu sync.Mutex
	n  int
}

func (ti *testIngester) Ingest(ctx context.Context, arts []news.Article) ([]news.Article, error) {
	ti.mu.Lock()
	defer ti.mu.Unlock()
	out := make([]news.Article, len(arts))
	var b store.Batch
	for i, a := range arts {
		ti.n++
		if a.ID == "" {
			a.ID = fmt.Sprintf("posted-%d", ti.n)
			a.Inferred = append(a.Inferred, "id")
		}
		if a.Published.IsZero() {
			a.Published = day
			a.Inferred = append(a.Inferred, "published")
		}
		if a.Title == "" {
			a.Title = a.Text[:min(len(a.Text), 60)]
			a.Inferred = append(a.Inferred, "title")
		}
		a.Hash = "posted-hash-" + a.ID
		a.Event = "ev-" + a.ID
		b.Articles = append(b.Articles, a)
		b.Analyses = append(b.Analyses, news.Analysis{Article: a.ID, Lang: a.Lang})
		b.Events = append(b.Events, news.Event{ID: a.Event, Title: a.Title, Articles: []string{a.ID},
			First: a.Published, Last: a.Published, Sources: []string{a.Source}, Langs: []string{a.Lang}})
		out[i] = a
	}
	if err := ti.st.Commit(ctx, b); err != nil {
		return nil, err
	}
	return out, nil
}

// testEnv is a server over a store filled with the fixture.
type testEnv struct {
	srv *Server
	st  Store
	ing *testIngester
	log *strings.Builder
}

func newTestEnv(t testing.TB, opt Options) *testEnv {
	t.Helper()
	st, c := openFixtureStore(t)
	env := &testEnv{st: st, ing: &testIngester{st: c}, log: &strings.Builder{}}
	if opt.Ingester == nil {
		opt.Ingester = env.ing
	}
	opt.Logger = slog.New(slog.NewTextHandler(&lockedWriter{w: env.log}, nil))
	env.srv = New(st, opt)
	return env
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// do serves one request through the handler.
func do(t testing.TB, h http.Handler, method, target string, body io.Reader, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// hostile matches markup from the fixture's hostile article that would run
// if it reached a page unescaped.
var hostile = regexp.MustCompile(`<script>window|<img src=x|<svg onload|<i>Smith|<b>meeting`)

func TestPages(t *testing.T) {
	env := newTestEnv(t, Options{})
	h := env.srv.Handler()
	tests := []struct {
		name   string
		target string
		accept string
		status int
		want   []string
		absent []string
	}{
		{"index", "/", "", 200, []string{"Earthquake strikes central Italy near Amatrice", `href="/events/ev-quake"`, `rel="next"`, "Lyon council approves budget"}, []string{`rel="prev"`}},
		{"index page 2", "/?offset=20", "", 200, []string{`rel="prev"`, "21–"}, nil},
		{"index by language", "/?lang=de", "", 200, []string{"Ceasefire talks resume in Geneva", "Lyon council approves budget 2"}, []string{"Earthquake strikes", "UN Security Council votes"}},
		{"index by outlet", "/?outlet=ansa.it", "", 200, []string{"Earthquake strikes"}, []string{"Ceasefire"}},
		{"index by entity", "/?entity=person:antony-blinken", "", 200, []string{"Ceasefire talks", "UN Security Council votes"}, []string{"Earthquake"}},
		{"index by place", "/?place=Geneva", "", 200, []string{"Ceasefire talks"}, []string{"Earthquake"}},
		{"index by date", "/?from=2026-11-20&to=2026-11-20", "", 200, []string{"Earthquake strikes"}, []string{"Lyon council approves budget 5"}},
		{"index biggest", "/?sort=biggest", "", 200, []string{`aria-current="true">Biggest`}, nil},
		{"index bad date", "/?from=yesterday", "", 400, []string{"from: &#34;yesterday&#34; is not a date"}, nil},
		{"index bad sort", "/?sort=loudest", "", 400, []string{"sort:"}, nil},
		{"index bad limit", "/?limit=-3", "", 400, []string{"limit:"}, nil},
		{"event", "/events/ev-quake", "", 200, []string{
			`<h1 dir="auto">Earthquake strikes central Italy near Amatrice</h1>`,
			"badge-conflicting", "at least 120", "at least 38", "badge-corroborated", "badge-single",
			`<span class="kind kind-conflict">Conflict</span>`, `<span class="since">since <time datetime="`,
			"Half the town is gone.", `href="/entities/person:sergio-pirozzi"`, `<svg class="timeline"`, `<svg class="map"`,
			"Amatrice", "Norcia", "ansa.it", "syndicated copy", `class="cite"`, "6.2",
		}, nil},
		{"event related", "/events/ev-talks", "", 200, []string{"Related events", `href="/events/ev-vote"`, "UN Security Council votes on aid corridor", "shared actors"}, nil},
		{"event unknown", "/events/no-such-event", "", 404, []string{"Not Found"}, nil},
		{"event unknown wants json", "/events/no-such-event", "application/json", 404, []string{`"status":404`}, nil},
		{"entity", "/entities/person:antony-blinken", "", 200, []string{`<h1 dir="auto">Antony Blinken</h1>`, "Blinken", "Antony J. Blinken", "Ceasefire talks", "UN Security Council votes", "2 events"}, nil},
		{"entity unknown", "/entities/person:nobody", "", 404, nil, nil},
		{"entities", "/entities?type=person", "", 200, []string{"Antony Blinken", "Sergio Pirozzi"}, []string{"United Nations"}},
		{"entities bad type", "/entities?type=animal", "", 400, nil, nil},
		{"article", "/articles/quake-bbc", "", 200, []string{
			`<a class="hl hl-person" href="/entities/person:sergio-pirozzi"`, `class="hl hl-figure"`, `class="hl hl-date"`, `class="hl hl-place"`, "hl-quote",
			`href="/events/ev-quake"`, "Italy earthquake: dozens killed",
		}, nil},
		{"article unknown", "/articles/nope", "", 404, nil, nil},
		{"article hostile", "/articles/xss-1", "", 200, []string{"&lt;script&gt;window.__xss=2&lt;/script&gt;", "&lt;svg onload=alert(1)&gt;"}, nil},
		{"event hostile", "/events/ev-xss", "", 200, []string{"&lt;script&gt;window.__xss=4&lt;/script&gt;Council meeting", "&lt;img src=x"}, nil},
		{"entity hostile", "/entities/" + url.PathEscape("person:bob-<i>smith"), "", 200, []string{"Bob &lt;i&gt;Smith&lt;/i&gt;"}, nil},
		{"search", "/search?q=Amatrice", "", 200, []string{"Amatrice", `href="/articles/quake-`}, nil},
		{"search empty", "/search", "", 200, []string{`name="q"`, `<code>flood OR storm</code>`}, nil},
		{"search or not", "/search?q=" + url.QueryEscape("ceasefire OR corridor -geneva"), "", 200, []string{`href="/events/ev-vote"`}, []string{`href="/events/ev-talks"`}},
		{"search hostile", "/search?q=" + url.QueryEscape("<script>window.__xss=7</script>"), "", 200, []string{"&lt;script&gt;window.__xss=7"}, nil},
		{"index lead and image", "/", "", 200, []string{
			`<p class="lead" dir="auto">A magnitude 6.2 earthquake struck central Italy near Amatrice early on Wednesday.</p>`,
			`<img class="event-card-image" src="http://img.example/quake-town.jpg" alt="" loading="lazy" referrerpolicy="no-referrer"`,
			`<p class="lead" dir="auto">Ceasefire talks resumed in Geneva`,
			`<a class="feed-link" href="/events.atom" type="application/atom+xml">Atom feed</a>`,
		}, []string{"Dossier: events of this list"}},
		{"index advertises its filtered feed", "/?q=ceasefire+OR+corridor&entity=person:antony-blinken&sort=biggest&offset=0", "", 200, []string{
			`<link rel="alternate" type="application/atom+xml" title="Dossier: events of this list" href="/events.atom?entity=person%3Aantony-blinken&amp;q=ceasefire&#43;OR&#43;corridor">`,
			`<a class="feed-link" href="/events.atom?entity=person%3Aantony-blinken&amp;q=ceasefire&#43;OR&#43;corridor"`,
			`name="q" value="ceasefire OR corridor"`,
		}, nil},
		{"event links its timeline", "/events/ev-vote", "", 200, []string{`<a class="timeline-link" href="/events/ev-vote/timeline">Story timeline</a>`}, nil},
		{"event without storyline", "/events/ev-quake", "", 200, nil, []string{"timeline-link"}},
		{"timeline", "/events/ev-vote/timeline", "", 200, []string{
			"Story timeline", "2 events in this storyline",
			`<li class="storyline-event current" aria-current="true">`,
			`<a href="/events/ev-talks">Ceasefire talks resume in Geneva</a>`,
			`The UN Security Council approved an aid corridor by 13 votes to 2.`,
		}, nil},
		{"timeline unknown", "/events/no-such-event/timeline", "", 404, nil, nil},
		{"unknown page", "/no/such/page", "", 404, []string{"Not Found"}, nil},
		{"healthz", "/healthz", "", 200, []string{"ok"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, h, "GET", tc.target, nil, "Accept", tc.accept)
			body := rec.Body.String()
			if rec.Code != tc.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tc.target, rec.Code, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", tc.target, w)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(body, a) {
					t.Errorf("GET %s: body contains %q", tc.target, a)
				}
			}
			if m := hostile.FindString(body); m != "" {
				t.Errorf("GET %s: unescaped markup %q in body", tc.target, m)
			}
			ct := rec.Header().Get("Content-Type")
			if tc.accept == "" && tc.target != "/healthz" && !strings.HasPrefix(ct, "text/html") {
				t.Errorf("GET %s: Content-Type %q, want text/html", tc.target, ct)
			}
		})
	}
}

func TestAPI(t *testing.T) {
	env := newTestEnv(t, Options{})
	h := env.srv.Handler()
	tests := []struct {
		name   string
		target string
		status int
		check  func(t *testing.T, body []byte)
	}{
		{"events", "/api/events", 200, func(t *testing.T, body []byte) {
			var l EventList
			mustJSON(t, body, &l)
			if l.Total != 28 || len(l.Events) != 28 || l.Limit != 50 {
				t.Errorf("total %d, %d events, limit %d; want 28, 28, 50", l.Total, len(l.Events), l.Limit)
			}
			if l.Events[0].ID != "ev-quake" {
				t.Errorf("first event %q, want ev-quake (newest)", l.Events[0].ID)
			}
			if e := l.Events[0]; !strings.HasPrefix(e.Lead, "A magnitude 6.2 earthquake") || e.Image != "http://img.example/quake-town.jpg" {
				t.Errorf("first event lead %q, image %q; want the summary's first sentence and the article's picture", e.Lead, e.Image)
			}
			if !strings.Contains(string(body), `"lead":`) || !strings.Contains(string(body), `"image":"http://img.example/quake-town.jpg"`) {
				t.Errorf("list JSON lacks lead and image fields")
			}
		}},
		{"timeline", "/api/events/ev-talks/timeline", 200, func(t *testing.T, body []byte) {
			var tl Timeline
			mustJSON(t, body, &tl)
			if tl.Event != "ev-talks" || len(tl.Events) != 2 || tl.Events[0].ID != "ev-talks" || tl.Events[1].ID != "ev-vote" {
				t.Errorf("timeline = %+v, want ev-talks then ev-vote", tl)
			}
		}},
		{"timeline alone", "/api/events/ev-quake/timeline", 200, func(t *testing.T, body []byte) {
			var tl Timeline
			mustJSON(t, body, &tl)
			if len(tl.Events) != 1 || tl.Events[0].ID != "ev-quake" {
				t.Errorf("timeline = %+v, want ev-quake alone", tl)
			}
		}},
		{"timeline unknown", "/api/events/nope/timeline", 404, wantError("not found")},
		{"events paged", "/api/events?limit=5&offset=25", 200, func(t *testing.T, body []byte) {
			var l EventList
			mustJSON(t, body, &l)
			if l.Total != 28 || len(l.Events) != 3 || l.Offset != 25 {
				t.Errorf("total %d, %d events, offset %d; want 28, 3, 25", l.Total, len(l.Events), l.Offset)
			}
		}},
		{"events filtered", "/api/events?lang=es&outlet=elpais.com", 200, func(t *testing.T, body []byte) {
			var l EventList
			mustJSON(t, body, &l)
			for _, e := range l.Events {
				if !contains(e.Langs, "es") {
					t.Errorf("event %s langs %v, want es", e.ID, e.Langs)
				}
			}
			if l.Total == 0 {
				t.Error("no events in Spanish")
			}
		}},
		{"events biggest", "/api/events?sort=biggest&limit=1", 200, func(t *testing.T, body []byte) {
			var l EventList
			mustJSON(t, body, &l)
			if len(l.Events) != 1 || l.Events[0].ID != "ev-quake" {
				t.Errorf("biggest = %+v, want ev-quake", l.Events)
			}
		}},
		{"events bad limit", "/api/events?limit=zero", 400, wantError("limit")},
		{"events bad offset", "/api/events?offset=-1", 400, wantError("offset")},
		{"events bad date", "/api/events?to=2026-13-01", 400, wantError("to:")},
		{"event", "/api/events/ev-quake", 200, func(t *testing.T, body []byte) {
			var e news.Event
			mustJSON(t, body, &e)
			if e.Title != "Earthquake strikes central Italy near Amatrice" || len(e.Claims) != 4 || len(e.Articles) != 5 {
				t.Errorf("event = %q with %d claims, %d articles", e.Title, len(e.Claims), len(e.Articles))
			}
		}},
		{"event related", "/api/events/ev-vote", 200, func(t *testing.T, body []byte) {
			var e news.Event
			mustJSON(t, body, &e)
			if len(e.Related) != 1 || e.Related[0].Event != "ev-talks" {
				t.Errorf("related = %+v, want ev-talks", e.Related)
			}
		}},
		{"event unknown", "/api/events/nope", 404, wantError("not found")},
		{"entity", "/api/entities/person:antony-blinken", 200, func(t *testing.T, body []byte) {
			var e EntityEvents
			mustJSON(t, body, &e)
			if e.Entity.Name != "Antony Blinken" || len(e.Events) != 2 || !contains(e.Entity.Aliases, "Blinken") {
				t.Errorf("entity = %+v with %d events", e.Entity, len(e.Events))
			}
		}},
		{"entity unknown", "/api/entities/nope", 404, wantError("not found")},
		{"entities", "/api/entities?type=org&limit=2", 200, func(t *testing.T, body []byte) {
			var l EntityList
			mustJSON(t, body, &l)
			if len(l.Entities) != 2 || l.Total < 3 {
				t.Errorf("%d entities of %d, want 2 of ≥3", len(l.Entities), l.Total)
			}
			for _, e := range l.Entities {
				if e.Type != news.Org {
					t.Errorf("entity %s type %s, want org", e.ID, e.Type)
				}
			}
		}},
		{"article", "/api/articles/quake-bbc", 200, func(t *testing.T, body []byte) {
			var a ArticleAnalysis
			mustJSON(t, body, &a)
			if a.Article.Source != "bbc.co.uk" || a.Article.Event != "ev-quake" || len(a.Analysis.Mentions) == 0 {
				t.Errorf("article = %+v", a.Article)
			}
			for _, m := range a.Analysis.Mentions {
				if a.Article.Text[m.Start:m.End] != m.Text {
					t.Errorf("mention %q at %d:%d reads %q", m.Text, m.Start, m.End, a.Article.Text[m.Start:m.End])
				}
			}
		}},
		{"article unknown", "/api/articles/nope", 404, wantError("not found")},
		{"search", "/api/search?q=Blinken", 200, func(t *testing.T, body []byte) {
			var r SearchResults
			mustJSON(t, body, &r)
			if r.Total == 0 || len(r.Hits) == 0 {
				t.Fatalf("no hits for Blinken")
			}
			for _, hit := range r.Hits {
				if hit.ID == "" || (hit.Kind != "article" && hit.Kind != "event") {
					t.Errorf("hit %+v", hit)
				}
			}
		}},
		{"search missing q", "/api/search", 400, wantError("q:")},
		{"stats", "/api/stats", 200, func(t *testing.T, body []byte) {
			var s statsJSON
			mustJSON(t, body, &s)
			if s.Events != 28 || s.Articles < 40 {
				t.Errorf("stats = %+v", s)
			}
		}},
		{"unknown api", "/api/nope", 404, wantError("not found")},
		{"openapi", "/api/openapi.json", 200, func(t *testing.T, body []byte) {
			var doc map[string]any
			mustJSON(t, body, &doc)
			if doc["openapi"] == nil {
				t.Error("no openapi field")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, h, "GET", tc.target, nil)
			if rec.Code != tc.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tc.target, rec.Code, tc.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("GET %s: Content-Type %q, want application/json", tc.target, ct)
			}
			tc.check(t, rec.Body.Bytes())
		})
	}
}

func mustJSON(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

func wantError(substr string) func(t *testing.T, body []byte) {
	return func(t *testing.T, body []byte) {
		t.Helper()
		var e apiError
		mustJSON(t, body, &e)
		if !strings.Contains(e.Error, substr) || e.Status == 0 {
			t.Errorf("error = %+v, want it to mention %q", e, substr)
		}
	}
}

func TestPostArticles(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		max     int64
		noIng   bool
		status  int
		wantIDs []string
		wantErr string
	}{
		{"one object", `{"id":"p1","title":"Flood in Valencia","text":"Rivers burst their banks.","source":"elpais.com","lang":"es","published":"2026-11-21T10:00:00Z"}`, 0, false, 200, []string{"p1"}, ""},
		{"pretty object", "{\n  \"id\": \"p2\",\n  \"text\": \"Storm hits Brest.\"\n}\n", 0, false, 200, []string{"p2"}, ""},
		{"array", `[{"id":"p3","text":"a"},{"id":"p4","text":"b"}]`, 0, false, 200, []string{"p3", "p4"}, ""},
		{"jsonl", "{\"id\":\"p5\",\"text\":\"a\"}\n\n{\"id\":\"p6\",\"title\":\"b\",\"text\":\"c\"}\n", 0, false, 200, []string{"p5", "p6"}, ""},
		{"no text nor title", `{"id":"p12","title":""}`, 0, false, 400, nil, `line 1: field "text": missing`},
		{"jsonl bad line", "{\"id\":\"p7\",\"text\":\"a\"}\n{\"id\":\"p8\",\"text\":}\n", 0, false, 400, nil, "line 2: invalid JSON"},
		{"wrong type", `{"id":"p9","text":"a","published":true}`, 0, false, 400, nil, `line 1: field "published": got true`},
		{"wrong field type", `[{"id":"p9","text":42}]`, 0, false, 400, nil, `line 1: element 1: field "text": got a JSON number, want a string`},
		{"no text", `{"id":"p10","source":"x"}`, 0, false, 400, nil, `field "text": missing`},
		{"array element bad", `[{"text":"a"},{"source":"b"}]`, 0, false, 400, nil, `line 1: element 2: field "text"`},
		{"trailing data", `[{"text":"a"}] {"text":"b"}`, 0, false, 400, nil, "after the closing"},
		{"not json", `hello`, 0, false, 400, nil, "not JSON"},
		{"empty", ``, 0, false, 400, nil, "input is empty"},
		{"empty array", `[]`, 0, false, 400, nil, "no articles"},
		{"truncated", `{"id":"p11","text":"a"`, 0, false, 400, nil, "line 1"},
		{"too big", `{"text":"` + strings.Repeat("x", 2000) + `"}`, 1000, false, 413, nil, "larger than 1000 bytes"},
		{"too big jsonl", strings.Repeat("{\"text\":\"xxxxxxxxxx\"}\n", 200), 1000, false, 413, nil, "larger than"},
		{"no ingester", `{"text":"a"}`, 0, true, 403, nil, "does not accept articles"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, Options{MaxBodyBytes: tc.max})
			if tc.noIng {
				env.srv = New(env.st, Options{})
			}
			h := env.srv.Handler()
			rec := do(t, h, "POST", "/api/articles", strings.NewReader(tc.body), "Content-Type", "application/x-ndjson")
			if rec.Code != tc.status {
				t.Fatalf("POST = %d, want %d\n%s", rec.Code, tc.status, rec.Body)
			}
			if tc.wantErr != "" {
				wantError(tc.wantErr)(t, rec.Body.Bytes())
				return
			}
			var res IngestResult
			mustJSON(t, rec.Body.Bytes(), &res)
			if res.Count != len(tc.wantIDs) || len(res.Events) != len(tc.wantIDs) {
				t.Fatalf("result %+v, want %d articles", res, len(tc.wantIDs))
			}
			for i, id := range tc.wantIDs {
				got := res.Articles[i]
				if got.ID != id || got.Event == "" {
					t.Errorf("article %d = %+v, want id %s with an event", i, got, id)
				}
				// The event is really stored and served.
				if rec := do(t, h, "GET", "/api/events/"+url.PathEscape(got.Event), nil); rec.Code != 200 {
					t.Errorf("GET new event %s = %d", got.Event, rec.Code)
				}
				if rec := do(t, h, "GET", "/articles/"+url.PathEscape(id), nil); rec.Code != 200 {
					t.Errorf("GET new article page %s = %d", id, rec.Code)
				}
				// An event without a reconciled dossier still renders.
				if rec := do(t, h, "GET", "/events/"+url.PathEscape(got.Event), nil); rec.Code != 200 {
					t.Errorf("GET new event page %s = %d", got.Event, rec.Code)
				}
			}
		})
	}
}

// failingStore wraps the real store and breaks one method, to check what
// the client sees when the store fails or a handler panics.
type failingStore struct {
	Store
	panicEvent bool
	err        error
}

func (f failingStore) Event(ctx context.Context, id string) (news.Event, error) {
	if f.panicEvent {
		panic("boom: secret internal detail")
	}
	return news.Event{}, f.err
}

func TestInternalErrors(t *testing.T) {
	env := newTestEnv(t, Options{})
	tests := []struct {
		name   string
		st     Store
		target string
		json   bool
	}{
		{"panic page", failingStore{Store: env.st, panicEvent: true}, "/events/ev-quake", false},
		{"panic api", failingStore{Store: env.st, panicEvent: true}, "/api/events/ev-quake", true},
		{"store error page", failingStore{Store: env.st, err: errors.New("disk on fire: secret internal detail")}, "/events/ev-quake", false},
		{"store error api", failingStore{Store: env.st, err: errors.New("disk on fire: secret internal detail")}, "/api/events/ev-quake", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logBuf strings.Builder
			s := New(tc.st, Options{Logger: slog.New(slog.NewTextHandler(&lockedWriter{w: &logBuf}, nil))})
			rec := do(t, s.Handler(), "GET", tc.target, nil)
			if rec.Code != 500 {
				t.Fatalf("GET %s = %d, want 500", tc.target, rec.Code)
			}
			if strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("GET %s: internal detail leaked to client: %s", tc.target, rec.Body)
			}
			if got := strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json"); got != tc.json {
				t.Errorf("GET %s: JSON answer = %v, want %v", tc.target, got, tc.json)
			}
			if !strings.Contains(logBuf.String(), "secret internal detail") {
				t.Errorf("log lacks the failure: %q", logBuf.String())
			}
			// The server lives on.
			if rec := do(t, s.Handler(), "GET", "/api/events/ev-quake", nil); rec.Code != 500 {
				t.Errorf("second request = %d", rec.Code)
			}
			if rec := do(t, s.Handler(), "GET", "/", nil); rec.Code != 200 {
				t.Errorf("index after failure = %d", rec.Code)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	env := newTestEnv(t, Options{})
	tests := []struct {
		method, target, allow string
		json                  bool
	}{
		{"DELETE", "/api/events/ev-quake", "GET, HEAD", true},
		{"GET", "/api/articles", "POST", true},
		{"POST", "/events/ev-quake", "GET, HEAD", false},
		{"PUT", "/", "GET, HEAD", false},
	}
	for _, tc := range tests {
		rec := do(t, env.srv.Handler(), tc.method, tc.target, strings.NewReader("{}"))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s = %d Allow %q, want 405 Allow %q", tc.method, tc.target, rec.Code, rec.Header().Get("Allow"), tc.allow)
		}
		if got := strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json"); got != tc.json {
			t.Errorf("%s %s: JSON = %v, want %v", tc.method, tc.target, got, tc.json)
		}
	}
	if rec := do(t, env.srv.Handler(), "HEAD", "/events/ev-quake", nil); rec.Code != 200 {
		t.Errorf("HEAD /events/ev-quake = %d, want 200", rec.Code)
	}
}

func TestStaticAssets(t *testing.T) {
	env := newTestEnv(t, Options{})
	h := env.srv.Handler()
	page := do(t, h, "GET", "/", nil).Body.String()
	for _, name := range []string{"style.css", "app.js"} {
		u, err := env.srv.assets.url(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page, u) {
			t.Errorf("page does not reference %s", u)
		}
		rec := do(t, h, "GET", u, nil)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s = %d, Cache-Control %q", u, rec.Code, rec.Header().Get("Cache-Control"))
		}
		rec = do(t, h, "GET", u, nil, "If-None-Match", rec.Header().Get("ETag"))
		if rec.Code != http.StatusNotModified {
			t.Errorf("GET %s with ETag = %d, want 304", u, rec.Code)
		}
	}
	if rec := do(t, h, "GET", "/static/style.css", nil); rec.Code != 404 {
		t.Errorf("unhashed asset = %d, want 404", rec.Code)
	}
}

func TestAtomFeed(t *testing.T) {
	env := newTestEnv(t, Options{BaseURL: "https://news.example.org/"})
	rec := do(t, env.srv.Handler(), "GET", "/events.atom", nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET /events.atom = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil {
		t.Fatalf("parse feed: %v\n%s", err, rec.Body)
	}
	if feed.ID == "" || feed.Title == "" || len(feed.Entries) != 28 {
		t.Fatalf("feed id %q title %q with %d entries, want 28", feed.ID, feed.Title, len(feed.Entries))
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
		t.Errorf("feed updated %q: %v", feed.Updated, err)
	}
	first := feed.Entries[0]
	if first.ID != "https://news.example.org/events/ev-quake" || first.Title != "Earthquake strikes central Italy near Amatrice" || len(first.Link) == 0 {
		t.Errorf("first entry = %+v", first)
	}
	if !strings.Contains(first.Summary, "5 articles from 5 outlets") {
		t.Errorf("summary %q", first.Summary)
	}
	for _, e := range feed.Entries {
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.ID == "" || e.Title == "" {
			t.Errorf("entry %+v: updated %v", e, err)
		}
	}
	// The hostile title travels as text, escaped by XML.
	if !strings.Contains(rec.Body.String(), "&lt;script&gt;window.__xss=4") {
		t.Error("hostile event title not escaped in feed")
	}
}

// atomDoc is the part of an Atom feed the feed tests read.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Summary string `xml:"summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func getFeed(t *testing.T, h http.Handler, target, host string) atomDoc {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("GET %s = %d\n%s", target, rec.Code, rec.Body)
	}
	var f atomDoc
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatalf("GET %s: parse feed: %v", target, err)
	}
	return f
}

func TestAtomFeedPermanentIDs(t *testing.T) {
	h := newTestEnv(t, Options{}).srv.Handler()
	a := getFeed(t, h, "/events.atom", "dossier.local:8080")
	b := getFeed(t, h, "/events.atom", "news.example.net")
	if len(a.Entries) == 0 || len(a.Entries) != len(b.Entries) {
		t.Fatalf("feeds have %d and %d entries", len(a.Entries), len(b.Entries))
	}
	if a.ID != b.ID || a.ID != "tag:dossier,2026:events" {
		t.Errorf("feed ids %q, %q; want tag:dossier,2026:events under both hosts", a.ID, b.ID)
	}
	for i := range a.Entries {
		if a.Entries[i].ID != b.Entries[i].ID || strings.Contains(a.Entries[i].ID, "dossier.local") {
			t.Errorf("entry %d id %q under one host, %q under another; want one id, not from the host", i, a.Entries[i].ID, b.Entries[i].ID)
		}
	}
	if got := a.Entries[0].ID; got != "tag:dossier,2026:event/ev-quake" {
		t.Errorf("first entry id = %q, want tag:dossier,2026:event/ev-quake", got)
	}
	// Links still take the request's host: they are for following, not for identity.
	if !strings.HasPrefix(a.Links[0].Href, "http://dossier.local:8080/events.atom") {
		t.Errorf("self link = %q, want it on the request's host", a.Links[0].Href)
	}
}

func TestAtomFeedFiltered(t *testing.T) {
	h := newTestEnv(t, Options{BaseURL: "https://news.example.org"}).srv.Handler()
	titles := func(f atomDoc) []string {
		var out []string
		for _, e := range f.Entries {
			out = append(out, e.Title)
		}
		return out
	}
	tests := []struct {
		name, query string
		want        []string
	}{
		{"q", "q=ceasefire", []string{"Ceasefire talks resume in Geneva"}},
		{"q or", "q=ceasefire+OR+corridor", []string{"UN Security Council votes on aid corridor", "Ceasefire talks resume in Geneva"}},
		{"place", "place=Geneva", []string{"Ceasefire talks resume in Geneva"}},
		{"entity", "entity=person:antony-blinken", []string{"UN Security Council votes on aid corridor", "Ceasefire talks resume in Geneva"}},
		{"entity and q not", "entity=person:antony-blinken&q=-corridor", []string{"Ceasefire talks resume in Geneva"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := getFeed(t, h, "/events.atom?"+tc.query, "x")
			if got := titles(f); !slices.Equal(got, tc.want) {
				t.Errorf("feed ?%s entries = %q, want %q", tc.query, got, tc.want)
			}
			if !strings.HasPrefix(f.ID, "https://news.example.org/events.atom?") || f.Links[0].Href != f.ID {
				t.Errorf("feed ?%s id %q, self %q; want the base URL with the filters", tc.query, f.ID, f.Links[0].Href)
			}
			if !strings.Contains(f.Title, "(") {
				t.Errorf("feed ?%s title %q does not say what it follows", tc.query, f.Title)
			}
		})
	}
	if rec := do(t, h, "GET", "/events.atom?from=soon", nil); rec.Code != 400 {
		t.Errorf("GET /events.atom?from=soon = %d, want 400", rec.Code)
	}
	// An entry carries the lead and the sources, each outlet linked to its article.
	f := getFeed(t, h, "/events.atom?q=amatrice", "x")
	if len(f.Entries) != 1 {
		t.Fatalf("feed ?q=amatrice has %d entries, want 1", len(f.Entries))
	}
	e := f.Entries[0]
	if e.ID != "https://news.example.org/events/ev-quake" {
		t.Errorf("entry id = %q", e.ID)
	}
	if !strings.HasPrefix(e.Summary, "A magnitude 6.2 earthquake struck central Italy") {
		t.Errorf("entry summary = %q, want the lead first", e.Summary)
	}
	for _, w := range []string{
		"<p>A magnitude 6.2 earthquake struck central Italy near Amatrice early on Wednesday.</p>",
		`<li><a href="https://bbc.co.uk/quake-bbc">bbc.co.uk</a>: Italy earthquake: dozens killed as quake hits Amatrice</li>`,
		`<a href="https://ansa.it/quake-ansa">ansa.it</a>`, `<a href="https://lemonde.fr/quake-lemonde">lemonde.fr</a>`,
	} {
		if e.Content.Type != "html" || !strings.Contains(e.Content.Body, w) {
			t.Errorf("entry content (%s) lacks %q:\n%s", e.Content.Type, w, e.Content.Body)
		}
	}
	if strings.Contains(e.Content.Body, "news.yahoo.com") {
		t.Errorf("entry content lists the syndicated copy:\n%s", e.Content.Body)
	}
}

// TestOpenAPICoversRoutes checks every route of the mux is documented.
func TestOpenAPICoversRoutes(t *testing.T) {
	body, err := embedded.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	s := New(nil, Options{})
	documented := 0
	for _, rt := range s.routes() {
		method, p, _ := strings.Cut(rt.pattern, " ")
		p = strings.TrimSuffix(p, "{$}")
		if _, ok := doc.Paths[p][strings.ToLower(method)]; !ok {
			t.Errorf("route %q is not in openapi.json as %s %s", rt.pattern, strings.ToLower(method), p)
			continue
		}
		documented++
	}
	if documented != len(s.routes()) {
		t.Errorf("%d of %d routes documented", documented, len(s.routes()))
	}
	// And nothing documented that is not served.
	for p, ops := range doc.Paths {
		for m := range ops {
			found := false
			for _, rt := range s.routes() {
				method, rp, _ := strings.Cut(rt.pattern, " ")
				if strings.EqualFold(method, m) && strings.TrimSuffix(rp, "{$}") == p {
					found = true
				}
			}
			if !found {
				t.Errorf("openapi.json documents %s %s, which the mux does not serve", m, p)
			}
		}
	}
}

func TestListenAndServeShutsDown(t *testing.T) {
	env := newTestEnv(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	addr := "127.0.0.1:0"
	ln, err := netListen(addr)
	if err != nil {
		t.Fatal(err)
	}
	go func() { done <- env.srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz = %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel = %v, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}
	if err := env.srv.ListenAndServe(context.Background(), "256.0.0.1:0"); err == nil {
		t.Error("ListenAndServe on a bad address = nil, want error")
	}
}

func TestHighlightOffsets(t *testing.T) {
	text := "Zoë met Ана in Genève on 3 May."
	tests := []struct {
		name string
		an   news.Analysis
		want string
	}{
		{"plain", news.Analysis{}, "Zoë met Ана in Genève on 3 May."},
		{"mention and place", news.Analysis{
			Mentions: []news.Mention{{Text: "Zoë", Start: 0, End: 4, Type: news.Person, Entity: "person:zoe"}},
			Places:   []news.GeoPlace{{Name: "Geneva", Start: 19, End: 26}},
		}, `<a class="hl hl-person" href="/entities/person:zoe" title="Person: Zoë">Zoë</a> met Ана in <mark class="hl hl-place" title="Place: Geneva">Genève</mark> on 3 May.`},
		{"overlap", news.Analysis{
			Quotes: []news.Quote{{Speaker: "X", Start: 0, End: 15}},
			Dates:  []news.DateMention{{Date: "2026-05-03", Start: 9, End: 15}},
		}, `<mark class="hl hl-quote" title="Quote by X">Zoë met </mark><mark class="hl hl-date hl-quote" title="Date: 2026-05-03 · Quote by X">Ана</mark> in Genève on 3 May.`},
		{"bad offsets dropped", news.Analysis{
			Mentions: []news.Mention{{Start: 3, End: 5}, {Start: -1, End: 3}, {Start: 5, End: 500}, {Start: 9, End: 8}, {Start: 9, End: 10}},
		}, "Zoë met Ана in Genève on 3 May."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := highlight(text, tc.an)
			if string(got) != tc.want {
				t.Errorf("highlight = %s\nwant        %s", got, tc.want)
			}
		})
	}
}

// countingStore counts Stats calls and can fail Events.
type countingStore struct {
	Store
	mu        sync.Mutex
	stats     int
	eventsErr error
}

func (c *countingStore) Stats(ctx context.Context) (store.Stats, error) {
	c.mu.Lock()
	c.stats++
	c.mu.Unlock()
	return c.Store.Stats(ctx)
}

func (c *countingStore) Events(ctx context.Context, f store.EventFilter) ([]news.Event, int, error) {
	if c.eventsErr != nil {
		return nil, 0, c.eventsErr
	}
	return c.Store.Events(ctx, f)
}

func TestStatsCached(t *testing.T) {
	env := newTestEnv(t, Options{})
	cs := &countingStore{Store: env.st}
	s := New(cs, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for range 3 {
		if rec := do(t, s.Handler(), "GET", "/", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "28 events from 43 articles") {
			t.Fatalf("GET / = %d, stats line missing", rec.Code)
		}
	}
	if cs.stats != 1 {
		t.Errorf("Stats called %d times for 3 pages, want 1", cs.stats)
	}
	// Once stale, the page is served from the old counts and a refresh
	// runs in the background.
	s.statsCache.mu.Lock()
	s.statsCache.at = time.Now().Add(-2 * statsTTL)
	s.statsCache.mu.Unlock()
	do(t, s.Handler(), "GET", "/", nil)
	deadline := time.Now().Add(5 * time.Second)
	for {
		cs.mu.Lock()
		n := cs.stats
		cs.mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Stats called %d times after the cache went stale, want 2", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestHealthzStoreDown(t *testing.T) {
	env := newTestEnv(t, Options{})
	cs := &countingStore{Store: env.st, eventsErr: errors.New("database is locked")}
	var logBuf strings.Builder
	s := New(cs, Options{Logger: slog.New(slog.NewTextHandler(&lockedWriter{w: &logBuf}, nil))})
	rec := do(t, s.Handler(), "GET", "/healthz", nil)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /healthz with the store down = %d, want 503", rec.Code)
	}
	if !strings.Contains(logBuf.String(), "database is locked") {
		t.Errorf("log lacks the cause: %q", logBuf.String())
	}
}

func TestEntityPageCapped(t *testing.T) {
	env := newTestEnv(t, Options{})
	var b store.Batch
	n := entityEventCap + 20
	for i := range n {
		id := fmt.Sprintf("cap-%03d", i)
		text := "Mayor Ada Lovelace opened a bridge."
		at := day.Add(-time.Duration(i) * time.Hour)
		b.Articles = append(b.Articles, news.Article{ID: id, Title: "Bridge " + id, Text: text, Published: at, Source: "x.example", Lang: "en", Hash: "h" + id, Event: "ev-" + id})
		ent := news.Entity{ID: "person:ada-lovelace", Name: "Ada Lovelace", Type: news.Person, Mentions: map[string]int{id: 1}}
		b.Analyses = append(b.Analyses, news.Analysis{Article: id, Lang: "en", Entities: []news.Entity{ent},
			Mentions: []news.Mention{{Text: "Ada Lovelace", Start: 6, End: 18, Type: news.Person, Entity: ent.ID}}})
		b.Events = append(b.Events, news.Event{ID: "ev-" + id, Title: "Bridge " + id, Articles: []string{id}, First: at, Last: at,
			Sources: []string{"x.example"}, Langs: []string{"en"}, Entities: []news.Entity{ent}})
	}
	if err := env.ing.st.Commit(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	rec := do(t, env.srv.Handler(), "GET", "/entities/person:ada-lovelace", nil)
	if rec.Code != 200 {
		t.Fatalf("GET entity = %d", rec.Code)
	}
	body := rec.Body.String()
	if got := strings.Count(body, `class="event-card"`); got != entityEventCap {
		t.Errorf("%d event cards, want %d", got, entityEventCap)
	}
	if want := fmt.Sprintf("All %d events of <bdi>Ada Lovelace</bdi>", n); !strings.Contains(body, want) {
		t.Errorf("page lacks %q", want)
	}
}

// TestPostArticlesDoor checks the write door against what a hostile page
// or a careless client sends: other content types, cross-site requests,
// a missing token, batches and fields over the caps.
func TestPostArticlesDoor(t *testing.T) {
	one := `{"id":"d1","text":"Rivers burst their banks."}`
	many := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "{\"id\":\"m%d\",\"text\":\"t\"}\n", i)
		}
		return b.String()
	}
	long := func(field string, n int) string {
		return `{"id":"d2","text":"t","` + field + `":"` + strings.Repeat("x", n) + `"}`
	}
	tests := []struct {
		name    string
		token   string
		body    string
		hdr     []string
		status  int
		wantErr string
		field   string
	}{
		{"json", "", one, []string{"Content-Type", "application/json; charset=utf-8"}, 200, "", ""},
		{"ndjson", "", one, []string{"Content-Type", "application/x-ndjson"}, 200, "", ""},
		{"form", "", one, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "want application/json", ""},
		{"text plain", "", one, []string{"Content-Type", "text/plain"}, 415, "want application/json", ""},
		{"no content type", "", one, nil, 415, "want application/json", ""},
		{"cross-site fetch", "", one, []string{"Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"}, 403, "cross-site", ""},
		{"same-site fetch", "", one, []string{"Content-Type", "application/json", "Sec-Fetch-Site", "same-site"}, 403, "cross-site", ""},
		{"same-origin fetch", "", one, []string{"Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"}, 200, "", ""},
		{"foreign origin", "", one, []string{"Content-Type", "application/json", "Origin", "https://evil.example"}, 403, "cross-site", ""},
		{"own origin", "", one, []string{"Content-Type", "application/json", "Origin", "http://example.com"}, 200, "", ""},
		{"token missing", "s3cret", one, []string{"Content-Type", "application/json"}, 401, "token", ""},
		{"token wrong", "s3cret", one, []string{"Content-Type", "application/json", "Authorization", "Bearer nope"}, 401, "token", ""},
		{"token right", "s3cret", one, []string{"Content-Type", "application/json", "Authorization", "Bearer s3cret"}, 200, "", ""},
		{"batch at the cap", "", many(1000), []string{"Content-Type", "application/json"}, 200, "", ""},
		{"batch over the cap", "", many(1001), []string{"Content-Type", "application/json"}, 413, "more than 1000 articles", ""},
		{"id too long", "", `{"id":"` + strings.Repeat("i", 513) + `","text":"t"}`, []string{"Content-Type", "application/json"}, 400, `field "id": too long (513 bytes, limit 512)`, "id"},
		{"title too long", "", long("title", 1025), []string{"Content-Type", "application/json"}, 400, `field "title": too long`, "title"},
		{"outlet too long", "", long("source", 257), []string{"Content-Type", "application/json"}, 400, `field "source": too long`, "source"},
		{"url too long", "", long("url", 4097), []string{"Content-Type", "application/json"}, 400, `field "url": too long`, "url"},
		{"second element bad", "", `[` + one + `,` + long("title", 2000) + `]`, []string{"Content-Type", "application/json"}, 400, `element 2: field "title"`, "title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, Options{WriteToken: tc.token})
			rec := do(t, env.srv.Handler(), "POST", "http://example.com/api/articles", strings.NewReader(tc.body), tc.hdr...)
			if rec.Code != tc.status {
				t.Fatalf("POST = %d, want %d\n%s", rec.Code, tc.status, rec.Body)
			}
			if tc.wantErr == "" {
				return
			}
			var e apiError
			mustJSON(t, rec.Body.Bytes(), &e)
			if !strings.Contains(e.Error, tc.wantErr) || e.Field != tc.field {
				t.Errorf("error = %+v, want %q naming field %q", e, tc.wantErr, tc.field)
			}
			if rec := do(t, env.srv.Handler(), "GET", "/api/articles/d1", nil); rec.Code != 404 {
				t.Errorf("refused POST stored its article: GET /api/articles/d1 = %d", rec.Code)
			}
		})
	}
}

// TestBidiIsolated posts articles whose title and outlet hold a
// right-to-left override and checks that every page showing them keeps
// the text inside an element that isolates it (dir="auto" or <bdi>), so
// it cannot reverse the page text around it.
func TestBidiIsolated(t *testing.T) {
	env := newTestEnv(t, Options{})
	h := env.srv.Handler()
	const rlo = "\u202e"
	body := `{"id":"bidi-1","title":"Report ` + rlo + `gpj.exe","source":"outlet` + rlo + `.example","text":"Council meeting ` + rlo + ` postponed."}`
	rec := do(t, h, "POST", "/api/articles", strings.NewReader(body), "Content-Type", "application/json")
	if rec.Code != 200 {
		t.Fatalf("POST = %d\n%s", rec.Code, rec.Body)
	}
	var res IngestResult
	mustJSON(t, rec.Body.Bytes(), &res)
	for _, target := range []string{"/", "/articles/bidi-1", "/events/" + url.PathEscape(res.Articles[0].Event), "/search?q=Council"} {
		rec := do(t, h, "GET", target, nil)
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d", target, rec.Code)
		}
		page := rec.Body.String()
		if !strings.Contains(page, rlo) {
			continue // the page does not show the article
		}
		for _, bad := range unisolated(t, page, rlo) {
			t.Errorf("GET %s: %q shown outside dir=auto or <bdi> (in <%s>)", target, rlo, bad)
		}
	}
}

// unisolated returns the innermost element of each text node holding s
// that has no ancestor with dir="auto" and is not inside <bdi>.
func unisolated(t *testing.T, page, s string) []string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(n *xhtml.Node, isolated bool, parent string)
	walk = func(n *xhtml.Node, isolated bool, parent string) {
		if n.Type == xhtml.ElementNode {
			parent = n.Data
			if n.Data == "bdi" {
				isolated = true
			}
			for _, a := range n.Attr {
				if a.Key == "dir" && a.Val == "auto" {
					isolated = true
				}
			}
		}
		if n.Type == xhtml.TextNode && strings.Contains(n.Data, s) && !isolated && parent != "title" && parent != "script" {
			bad = append(bad, parent)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, isolated, parent)
		}
	}
	walk(doc, false, "")
	return bad
}
