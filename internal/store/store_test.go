package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// suite is run against every backend: the same expectations for SQLite and PostgreSQL.
var suite = []struct {
	name string
	fn   func(t *testing.T, be backend, db *DB, dsn string)
}{
	{"CommitIdempotent", testCommitIdempotent},
	{"Known", testKnown},
	{"ArticlesSince", testArticlesSince},
	{"EventsFilters", testEventsFilters},
	{"Event", testEvent},
	{"Article", testArticle},
	{"Entity", testEntity},
	{"Search", testSearch},
	{"FeedState", testFeedState},
	{"Copy", testCopy},
	{"SchemaNewer", testSchemaNewer},
	{"ClusterLock", testClusterLock},
	{"ConcurrentCommits", testConcurrentCommits},
	{"EventUpdate", testEventUpdate},
	{"EventMerge", testEventMerge},
	{"BatchesSince", testBatchesSince},
	{"ClaimFeeds", testClaimFeeds},
	{"PruneLogs", testPruneLogs},
	{"OddInput", testOddInput},
	{"Storyline", testStoryline},
	{"ListFields", testListFields},
}

func TestStore(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			if be.skip != "" {
				t.Skip(be.skip)
			}
			for _, tc := range suite {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					db, dsn := be.open(t)
					tc.fn(t, be, db, dsn)
				})
			}
		})
	}
}

func testCommitIdempotent(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	b := fixture()
	mustCommit(t, db, b)
	mustCommit(t, db, b) // the same batch again: nothing new
	// The same text under another id (same hash), and a duplicate id inside one batch.
	again := b.Articles[0]
	again.ID = "a1-copy"
	dup := article("a7", "x.org", "en", t0, "New", "New text", "e3")
	mustCommit(t, db, Batch{Articles: []news.Article{again, dup, dup}})
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	want := Stats{Articles: 7, Events: 3, Entities: 3, Sources: 6, Newest: t0.Add(72 * time.Hour)}
	if st.Articles != want.Articles || st.Events != want.Events || st.Entities != want.Entities || st.Sources != want.Sources || !st.Newest.Equal(want.Newest) {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	if _, _, err := db.Article(ctx, "a1-copy"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(a1-copy) error = %v, want ErrNotFound (same hash as a1)", err)
	}
	// A failing batch leaves nothing behind.
	bad := Batch{Articles: []news.Article{article("a8", "x.org", "en", t0, "T", "T", "")}, Events: []news.Event{{Title: "no id"}}}
	if err := db.Commit(ctx, bad); err == nil {
		t.Fatal("Commit(event without id) = nil, want error")
	}
	if k, _ := db.Known(ctx, []string{"a8"}, nil); k["a8"] {
		t.Error("article a8 of a failed Commit was stored")
	}
}

func testKnown(t *testing.T, _ backend, db *DB, dsn string) {
	mustCommit(t, db, fixture())
	got, err := db.Known(context.Background(), []string{"a1", "zz", "a6", ""}, []string{"h-a2", "h-zz", ""})
	if err != nil {
		t.Fatalf("Known: %v", err)
	}
	want := map[string]bool{"a1": true, "a6": true, "h-a2": true}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Known = %v, want %v", got, want)
	}
	// More ids than one IN list takes.
	many := make([]string, 1200)
	for i := range many {
		many[i] = fmt.Sprintf("x%d", i)
	}
	many[1100] = "a3"
	got, err = db.Known(context.Background(), many, nil)
	if err != nil || len(got) != 1 || !got["a3"] {
		t.Errorf("Known(1200 ids) = %v, %v, want map[a3:true]", got, err)
	}
}

func testArticlesSince(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	b := fixture()
	first, second := b, Batch{Articles: b.Articles[3:], Analyses: b.Analyses}
	first.Articles = b.Articles[:3]
	mustCommit(t, db, first)
	got, seq, err := db.ArticlesSince(ctx, 0, time.Time{})
	if err != nil {
		t.Fatalf("ArticlesSince: %v", err)
	}
	if want := []string{"a1", "a2", "a3"}; !slices.Equal(articleIDs(got), want) {
		t.Errorf("ArticlesSince(0) = %v, want %v", articleIDs(got), want)
	}
	if got[0].Event != "e1" || !got[0].Published.Equal(t0) || got[0].Hash != "h-a1" || !slices.Equal(got[0].Inferred, []string{"lang"}) {
		t.Errorf("ArticlesSince(0)[0] = %+v, want event e1, hash h-a1, published %v", got[0], t0)
	}
	mustCommit(t, db, second)
	got, seq2, err := db.ArticlesSince(ctx, seq, time.Time{})
	if err != nil {
		t.Fatalf("ArticlesSince: %v", err)
	}
	if want := []string{"a4", "a5", "a6"}; !slices.Equal(articleIDs(got), want) {
		t.Errorf("ArticlesSince(%d) = %v, want %v", seq, articleIDs(got), want)
	}
	if seq2 <= seq {
		t.Errorf("ArticlesSince returned seq %d after %d, want larger", seq2, seq)
	}
	got, seq3, err := db.ArticlesSince(ctx, seq2, time.Time{})
	if err != nil || len(got) != 0 || seq3 != seq2 {
		t.Errorf("ArticlesSince(last) = %v, %d, %v, want none, %d", articleIDs(got), seq3, err, seq2)
	}
	// Published filter: the skipped rows still advance the returned seq.
	got, seq4, err := db.ArticlesSince(ctx, 0, t0.Add(25*time.Hour))
	if err != nil {
		t.Fatalf("ArticlesSince: %v", err)
	}
	if want := []string{"a4", "a5", "a6"}; !slices.Equal(articleIDs(got), want) || seq4 != seq2 {
		t.Errorf("ArticlesSince(0, t0+25h) = %v, %d, want %v, %d", articleIDs(got), seq4, want, seq2)
	}
	got, seq5, err := db.ArticlesSince(ctx, 0, t0.Add(100*time.Hour))
	if err != nil || len(got) != 0 || seq5 != seq2 {
		t.Errorf("ArticlesSince(0, future) = %v, %d, %v, want none, %d", articleIDs(got), seq5, err, seq2)
	}
	page, pseq, err := db.ArticlesAfter(ctx, 0, time.Time{}, 2)
	if err != nil || !slices.Equal(articleIDs(page), []string{"a1", "a2"}) {
		t.Fatalf("ArticlesAfter(0, limit 2) = %v, %v", articleIDs(page), err)
	}
	page, _, err = db.ArticlesAfter(ctx, pseq, time.Time{}, 2)
	if err != nil || !slices.Equal(articleIDs(page), []string{"a3", "a4"}) {
		t.Errorf("ArticlesAfter(%d, limit 2) = %v, %v, want [a3 a4]", pseq, articleIDs(page), err)
	}
	arts, ans, err := db.EventArticles(ctx, "e2")
	if err != nil || !slices.Equal(articleIDs(arts), []string{"a3", "a4", "a5"}) || len(ans) != 3 || ans[1].Article != "a4" {
		t.Errorf("EventArticles(e2) = %v, %d analyses, %v", articleIDs(arts), len(ans), err)
	}
	between, err := db.EventsBetween(ctx, t0.Add(30*time.Minute), t0.Add(25*time.Hour))
	if err != nil || !slices.Equal(eventIDs(between), []string{"e1", "e2"}) {
		t.Errorf("EventsBetween = %v, %v, want [e1 e2]", eventIDs(between), err)
	}
	if len(between) == 2 && len(between[0].Claims) != 1 {
		t.Errorf("EventsBetween()[0].Claims = %v, want the full dossier", between[0].Claims)
	}
}

func testEventsFilters(t *testing.T, _ backend, db *DB, dsn string) {
	mustCommit(t, db, fixture())
	tests := []struct {
		name  string
		f     EventFilter
		want  []string
		total int
	}{
		{"all newest first", EventFilter{}, []string{"e3", "e2", "e1"}, 3},
		{"biggest", EventFilter{Sort: "biggest"}, []string{"e2", "e1", "e3"}, 3},
		{"limit", EventFilter{Limit: 2}, []string{"e3", "e2"}, 3},
		{"offset", EventFilter{Limit: 2, Offset: 2}, []string{"e1"}, 3},
		{"offset past end", EventFilter{Offset: 10}, nil, 3},
		{"from", EventFilter{From: t0.Add(26 * time.Hour)}, []string{"e3", "e2"}, 2},
		{"to", EventFilter{To: t0.Add(2 * time.Hour)}, []string{"e1"}, 1},
		{"from to overlap", EventFilter{From: t0.Add(25 * time.Hour), To: t0.Add(25 * time.Hour)}, []string{"e2"}, 1},
		{"place name folded", EventFilter{Place: "zurich"}, []string{"e1"}, 1},
		{"place name accented", EventFilter{Place: "ZÜRICH"}, []string{"e1"}, 1},
		{"place entity id", EventFilter{Place: "place:zurich"}, []string{"e1"}, 1},
		{"place unknown", EventFilter{Place: "Oslo"}, nil, 0},
		{"entity id", EventFilter{Entity: "person:anna-muller"}, []string{"e2", "e1"}, 2},
		{"entity name", EventFilter{Entity: "anna mueller"}, []string{"e2", "e1"}, 2},
		{"entity alias greek", EventFilter{Entity: "ΑΝΝΑ ΜΙΛΕΡ"}, []string{"e2", "e1"}, 2},
		{"lang", EventFilter{Lang: "EL"}, []string{"e2"}, 1},
		{"outlet", EventFilter{Outlet: "BBC.co.uk"}, []string{"e2", "e1"}, 2},
		{"query title", EventFilter{Query: "earthquake"}, []string{"e1"}, 1},
		{"query article title", EventFilter{Query: "grève"}, []string{"e3"}, 1},
		{"query article body not searched", EventFilter{Query: "cheminots"}, nil, 0},
		{"query greek folded", EventFilter{Query: "ελλαδα"}, []string{"e2"}, 1},
		{"query and outlet", EventFilter{Query: "zurich", Outlet: "nzz.ch"}, []string{"e1"}, 1},
		{"query punctuation only", EventFilter{Query: "!!"}, []string{"e3", "e2", "e1"}, 3},
		{"query or", EventFilter{Query: "greve OR earthquake"}, []string{"e3", "e1"}, 2},
		{"query not", EventFilter{Query: "zurich OR greve NOT erdbeben"}, []string{"e3"}, 1},
		{"query exclusion alone", EventFilter{Query: "-zurich"}, []string{"e3", "e2"}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := db.Events(context.Background(), tc.f)
			if err != nil {
				t.Fatalf("Events(%+v): %v", tc.f, err)
			}
			if !slices.Equal(eventIDs(got), tc.want) || total != tc.total {
				t.Errorf("Events(%+v) = %v, %d, want %v, %d", tc.f, eventIDs(got), total, tc.want, tc.total)
			}
		})
	}
	got, _, _ := db.Events(context.Background(), EventFilter{Query: "earthquake"})
	if len(got) == 1 {
		e := got[0]
		if e.Title != "Earthquake strikes Zürich" || len(e.Articles) != 2 || !e.First.Equal(t0) || len(e.Where) != 1 || e.When.Start != "2024-03-10" || len(e.Langs) != 2 {
			t.Errorf("Events list item = %+v, want title, articles, first, when, where, langs filled", e)
		}
		if len(e.Claims) != 0 || len(e.Entities) != 0 {
			t.Errorf("Events list item has dossier fields: %+v", e)
		}
	}
	if _, _, err := db.Events(context.Background(), EventFilter{Sort: "oldest"}); err == nil {
		t.Error("Events(Sort: oldest) = nil error, want an error naming the sort")
	}
}

func testEvent(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	b := fixture()
	b.Events[2].Related = []news.Related{{Event: "e2", Score: 0.1, Reason: "same week"}}
	mustCommit(t, db, b)
	e, err := db.Event(ctx, "e1")
	if err != nil {
		t.Fatalf("Event(e1): %v", err)
	}
	if len(e.Claims) != 1 || len(e.Summary) != 1 || len(e.Figures) != 1 || len(e.Entities) != 2 {
		t.Errorf("Event(e1) = %+v, want the full dossier", e)
	}
	want := []news.Related{{Event: "e2", Title: "Greece holds snap election", Score: 0.4, Reason: "shared actors: Anna Müller"}}
	if !slices.Equal(e.Related, want) {
		t.Errorf("Event(e1).Related = %+v, want %+v", e.Related, want)
	}
	e2, err := db.Event(ctx, "e2")
	if err != nil {
		t.Fatalf("Event(e2): %v", err)
	}
	if got := ids(e2.Related, func(r news.Related) string { return r.Event }); !slices.Equal(got, []string{"e1", "e3"}) {
		t.Errorf("Event(e2).Related = %v, want [e1 e3] (both directions, strongest first)", got)
	}
	if _, err := db.Event(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Event(nope) error = %v, want ErrNotFound", err)
	}
}

func testArticle(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	mustCommit(t, db, fixture())
	a, an, err := db.Article(ctx, "a3")
	if err != nil {
		t.Fatalf("Article(a3): %v", err)
	}
	if a.Title != "Εκλογές στην Ελλάδα" || a.Lang != "el" || a.Event != "e2" || a.URL != "https://kathimerini.gr/a3" || a.Origin != "test" {
		t.Errorf("Article(a3) = %+v", a)
	}
	if an.Article != "a3" || len(an.Sentences) != 1 {
		t.Errorf("Article(a3) analysis = %+v", an)
	}
	// A later analysis replaces the stored one.
	mustCommit(t, db, Batch{Analyses: []news.Analysis{{Article: "a3", Lang: "el", Quotes: []news.Quote{{Text: "x", Article: "a3"}}}}})
	if _, an, _ := db.Article(ctx, "a3"); len(an.Quotes) != 1 {
		t.Errorf("Article(a3) analysis after update = %+v, want one quote", an)
	}
	if _, _, err := db.Article(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(nope) error = %v, want ErrNotFound", err)
	}
	var n int
	if err := db.EachArticle(ctx, func(news.Article, news.Analysis) error { n++; return nil }); err != nil || n != 6 {
		t.Errorf("EachArticle visited %d, %v, want 6", n, err)
	}
}

func testEntity(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	mustCommit(t, db, fixture())
	e, events, err := db.Entity(ctx, "person:anna-muller")
	if err != nil {
		t.Fatalf("Entity: %v", err)
	}
	if e.Type != news.Person || e.Name != "Anna Mueller" {
		t.Errorf("Entity name, type = %q, %q, want Anna Mueller (newest event wins a tie), person", e.Name, e.Type)
	}
	if want := []string{"A. Müller", "Anna Müller", "Άννα Μίλερ"}; !slices.Equal(e.Aliases, want) {
		t.Errorf("Entity aliases = %q, want %q", e.Aliases, want)
	}
	if len(e.Mentions) != 4 {
		t.Errorf("Entity mentions = %v, want 4 articles", e.Mentions)
	}
	if !slices.Equal(eventIDs(events), []string{"e2", "e1"}) {
		t.Errorf("Entity events = %v, want [e2 e1]", eventIDs(events))
	}
	if e2, _, err := db.Entity(ctx, "a. müller"); err != nil || e2.ID != "person:anna-muller" {
		t.Errorf("Entity(by alias) = %q, %v, want person:anna-muller", e2.ID, err)
	}
	if _, _, err := db.Entity(ctx, "person:nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entity(nobody) error = %v, want ErrNotFound", err)
	}
	list, total, err := db.Entities(ctx, "", 10, 0)
	if err != nil || total != 3 || len(list) != 3 || list[0].ID != "person:anna-muller" {
		t.Errorf("Entities(all) = %v, %d, %v, want anna first of 3", list, total, err)
	}
	list, total, err = db.Entities(ctx, news.Org, 10, 0)
	if err != nil || total != 1 || len(list) != 1 || list[0].Name != "New Democracy" {
		t.Errorf("Entities(org) = %v, %d, %v", list, total, err)
	}
}

func testSearch(t *testing.T, be backend, db *DB, dsn string) {
	ctx := context.Background()
	mustCommit(t, db, fixture())
	tests := []struct {
		q       string
		want    []string // kind:id in order
		snippet string   // expected in the first hit's snippet
	}{
		{"zurich", []string{"event:e1", "article:a1", "article:a2"}, "Zürich"},
		{"ZÜRICH", []string{"event:e1", "article:a1", "article:a2"}, "Zürich"},
		{"ελλαδα", []string{"event:e2", "article:a3"}, "Ελλάδα"},
		{"ΕΛΛΆΔΑ", []string{"event:e2", "article:a3"}, "Ελλάδα"},
		{"greve", []string{"event:e3", "article:a6"}, "grève"}, // e3 by its article's title
		{"cheminots paris", []string{"article:a6"}, "cheminots"},
		{"earthq*", []string{"event:e1", "article:a1"}, "earthquake"},
		{`"new democracy"`, []string{"article:a4"}, "New Democracy"},
		{`"democracy new"`, nil, ""},
		{"zurich greece", nil, ""},
		{"", nil, ""},
		{"?!", nil, ""},
		{`AND OR NOT "`, nil, ""}, // operators with no term to join are nothing
		{"greve OR earthquake", []string{"event:e1", "event:e3", "article:a1", "article:a6"}, "earthquake"},
		{"greve or earthquake", nil, ""}, // lower-case "or" is a word that must match
		{"zurich -erdbeben", []string{"article:a1"}, "Zürich"},
		{"zurich NOT erdbeben", []string{"article:a1"}, "Zürich"},
		{`zurich -"erdbeben in"`, []string{"article:a1"}, "Zürich"},
		{`"strong earthquake" OR cheminots`, []string{"event:e1", "article:a1", "article:a6"}, "cheminots"},
		{"earthq* OR greve -paris", []string{"event:e1", "article:a1"}, "earthquake"},
		// Exclusions alone find nothing.
		{"-zurich", nil, ""},
		// NOT a OR b excludes both.
		{"NOT zurich OR earthquake greece", []string{"event:e2", "article:a4", "article:a5"}, "Greece"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			hits, total, err := db.Search(ctx, tc.q, 10, 0)
			if err != nil {
				t.Fatalf("Search(%q) [%s]: %v", tc.q, db.searchDebug(tc.q), err)
			}
			got := ids(hits, func(h SearchHit) string { return h.Kind + ":" + h.ID })
			// Order among articles is by relevance; compare as sets after the events.
			if !sameHits(got, tc.want) || total != len(tc.want) {
				t.Errorf("Search(%q) = %v, %d, want %v [%s]", tc.q, got, total, tc.want, db.searchDebug(tc.q))
			}
			shown := ""
			for _, h := range hits {
				shown += h.Title + " | " + h.Snippet + " | "
			}
			if !strings.Contains(shown, tc.snippet) {
				t.Errorf("Search(%q) titles and snippets %q: want %q in them", tc.q, shown, tc.snippet)
			}
		})
	}
	hits, total, err := db.Search(ctx, "zurich", 1, 1)
	if err != nil || total != 3 || len(hits) != 1 || hits[0].Kind != "article" || hits[0].Event != "e1" || hits[0].Published.IsZero() {
		t.Errorf("Search(zurich, 1, 1) = %+v, %d, %v", hits, total, err)
	}
	// Many matches: newest first instead of by relevance.
	db.rankLimit = 1
	hits, _, err = db.Search(ctx, "zurich", 10, 0)
	if got := ids(hits, func(h SearchHit) string { return h.ID }); err != nil || !slices.Equal(got, []string{"e1", "a2", "a1"}) {
		t.Errorf("Search(zurich) with rank limit 1 = %v, %v, want [e1 a2 a1]", got, err)
	}
	db.rankLimit = defaultRankLimit
	// A long text: the snippet is cut around the first match.
	long := strings.Repeat("Lorem ipsum dolor sit amet. ", 40) + "The Ölberg was closed. " + strings.Repeat("Consectetur adipiscing. ", 40)
	mustCommit(t, db, Batch{Articles: []news.Article{article("long", "x.org", "en", t0, "Long", long, "")}})
	hits, _, err = db.Search(ctx, "olberg", 10, 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search(olberg) = %v, %v", hits, err)
	}
	if s := hits[0].Snippet; !strings.Contains(s, "Ölberg was closed") || len(s) > 300 || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("Search(olberg) snippet = %q, want ~240 bytes around Ölberg with ellipses", s)
	}
}

// sameHits compares hit lists: events must come first in order; articles as a set.
func sameHits(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		return false
	}
	seenArticle := false
	for _, h := range got {
		if strings.HasPrefix(h, "article:") {
			seenArticle = true
		} else if seenArticle {
			return false
		}
	}
	return true
}

func testFeedState(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	const u = "https://example.org/feed.xml"
	s, err := db.FeedState(ctx, u)
	if err != nil || s != (FeedState{URL: u}) {
		t.Fatalf("FeedState(unknown) = %+v, %v, want zero with URL", s, err)
	}
	want := FeedState{URL: u, ETag: `"abc"`, LastModified: "Sun, 10 Mar 2024 08:00:00 GMT", LastPolled: t0, NextPoll: t0.Add(15 * time.Minute), Failures: 2, LastError: "timeout"}
	for range 2 {
		if err := db.SaveFeedState(ctx, want); err != nil {
			t.Fatalf("SaveFeedState: %v", err)
		}
	}
	got, err := db.FeedState(ctx, u)
	if err != nil || got.ETag != want.ETag || got.LastModified != want.LastModified || !got.LastPolled.Equal(want.LastPolled) ||
		!got.NextPoll.Equal(want.NextPoll) || got.Failures != 2 || got.LastError != "timeout" {
		t.Errorf("FeedState = %+v, %v, want %+v", got, err, want)
	}
	if err := db.MarkSeen(ctx, u, []string{"g1", "g2", "g1"}); err != nil {
		t.Fatalf("MarkSeen: %v", err)
	}
	if err := db.MarkSeen(ctx, u, []string{"g2"}); err != nil {
		t.Fatalf("MarkSeen again: %v", err)
	}
	for _, tc := range []struct {
		feed, key string
		want      bool
	}{{u, "g1", true}, {u, "g2", true}, {u, "g3", false}, {"https://other/", "g1", false}} {
		if got, err := db.SeenItem(ctx, tc.feed, tc.key); err != nil || got != tc.want {
			t.Errorf("SeenItem(%s, %s) = %v, %v, want %v", tc.feed, tc.key, got, err, tc.want)
		}
	}
}

func testCopy(t *testing.T, be backend, dst *DB, dsn string) {
	ctx := context.Background()
	src := mustOpen(t, "sqlite:"+t.TempDir()+"/src.db")
	fx := fixture()
	fx.Keys = map[string][]string{"a2": {"anna_muller"}, "a5": {"anna_mueller", "new_democracy"}}
	mustCommit(t, src, fx)
	if err := src.SaveFeedState(ctx, FeedState{URL: "https://f/", ETag: "e", Failures: 1}); err != nil {
		t.Fatal(err)
	}
	if err := src.MarkSeen(ctx, "https://f/", []string{"k1", "k2"}); err != nil {
		t.Fatal(err)
	}
	// dst already holds one of the articles: Copy skips it.
	mustCommit(t, dst, Batch{Articles: fixture().Articles[:1]})
	var calls, lastDone, lastTotal int
	progress := func(done, total int) { calls++; lastDone, lastTotal = done, total }
	for range 2 { // the second run finds everything there
		if err := Copy(ctx, dst, src, progress); err != nil {
			t.Fatalf("Copy: %v", err)
		}
	}
	if calls == 0 || lastDone != lastTotal || lastTotal != 9 {
		t.Errorf("progress called %d times, last %d/%d, want 9/9", calls, lastDone, lastTotal)
	}
	ss, _ := src.Stats(ctx)
	ds, err := dst.Stats(ctx)
	if err != nil || ss != ds {
		t.Errorf("Stats after Copy = %+v, %v, want %+v", ds, err, ss)
	}
	e, err := dst.Event(ctx, "e1")
	if err != nil || len(e.Claims) != 1 || len(e.Related) != 1 {
		t.Errorf("dst.Event(e1) = %+v, %v, want claims and one related", e, err)
	}
	if keys, err := dst.keysOf(ctx, []string{"a2", "a5"}); err != nil || fmtList(keys["a2"]) != "[anna_muller]" || fmtList(keys["a5"]) != "[anna_mueller new_democracy]" {
		t.Errorf("dst keys after Copy = %v, %v", keys, err)
	}
	if _, an, err := dst.Article(ctx, "a2"); err != nil || an.Article != "a2" {
		t.Errorf("dst.Article(a2) analysis = %+v, %v", an, err)
	}
	if hits, _, err := dst.Search(ctx, "zurich", 10, 0); err != nil || len(hits) != 3 {
		t.Errorf("dst.Search(zurich) = %d hits, %v, want 3", len(hits), err)
	}
	if fs, err := dst.FeedState(ctx, "https://f/"); err != nil || fs.ETag != "e" || fs.Failures != 1 {
		t.Errorf("dst.FeedState = %+v, %v", fs, err)
	}
	if ok, err := dst.SeenItem(ctx, "https://f/", "k2"); err != nil || !ok {
		t.Errorf("dst.SeenItem(k2) = %v, %v, want true", ok, err)
	}
}

func testSchemaNewer(t *testing.T, be backend, db *DB, dsn string) {
	ctx := context.Background()
	db2, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if _, err := db2.w.ExecContext(ctx, db2.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`), 999, "0999_future.sql", now()); err != nil {
		t.Fatalf("insert future migration: %v", err)
	}
	db2.Close()
	_, err = Open(ctx, dsn)
	var se *SchemaError
	if !errors.Is(err, ErrSchemaMismatch) || !errors.As(err, &se) || se.Have != 999 || se.Want != SchemaVersion() {
		t.Fatalf("Open(newer schema) error = %v, want SchemaError{999, %d}", err, SchemaVersion())
	}
	if !strings.Contains(err.Error(), "999") || !strings.Contains(err.Error(), "upgrade dossier") {
		t.Errorf("Open(newer schema) error = %q, want both versions and what to do", err)
	}
	if err := Migrate(ctx, dsn); !errors.Is(err, ErrSchemaMismatch) {
		t.Errorf("Migrate(newer schema) error = %v, want ErrSchemaMismatch", err)
	}
}

func testClusterLock(t *testing.T, be backend, db *DB, dsn string) {
	// Two handles on one database stand for two processes (flock and advisory locks are
	// per open file / per session, not per process).
	ctx := context.Background()
	other := mustOpen(t, dsn)
	var inside, maxInside, runs atomic.Int32
	var wg sync.WaitGroup
	for i := range 6 {
		h := db
		if i%2 == 1 {
			h = other
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := h.WithClusterLock(ctx, func(ctx context.Context) error {
				n := inside.Add(1)
				if n > maxInside.Load() {
					maxInside.Store(n)
				}
				time.Sleep(20 * time.Millisecond)
				runs.Add(1)
				inside.Add(-1)
				return nil
			})
			if err != nil {
				t.Errorf("WithClusterLock: %v", err)
			}
		}()
	}
	wg.Wait()
	if maxInside.Load() != 1 || runs.Load() != 6 {
		t.Errorf("WithClusterLock: %d holders at once, %d runs, want 1 and 6", maxInside.Load(), runs.Load())
	}
	// The error of fn comes back, and the lock is free afterwards.
	boom := errors.New("boom")
	if err := db.WithClusterLock(ctx, func(context.Context) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("WithClusterLock error = %v, want boom", err)
	}
	// A cancelled context gives up waiting.
	held := make(chan struct{})
	release := make(chan struct{})
	go other.WithClusterLock(ctx, func(context.Context) error { close(held); <-release; return nil })
	<-held
	cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := db.WithClusterLock(cctx, func(context.Context) error { return nil }); err == nil {
		t.Error("WithClusterLock while held elsewhere with a short context = nil error")
	}
	close(release)
	if err := db.WithClusterLock(ctx, func(context.Context) error { return nil }); err != nil {
		t.Errorf("WithClusterLock after release: %v", err)
	}
}

// testConcurrentCommits has several handles commit overlapping batches at once: every
// article is stored once and no Commit fails.
func testConcurrentCommits(t *testing.T, be backend, db *DB, dsn string) {
	ctx := context.Background()
	const workers, batches, per = 4, 10, 20
	var wg sync.WaitGroup
	for w := range workers {
		h := mustOpen(t, dsn)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				var batch Batch
				for i := range per {
					// Workers overlap: worker w writes ids of batch b shared with the others.
					id := fmt.Sprintf("c%d-%d", b, (i+w*per/2)%(per*2))
					a := article(id, "x.org", "en", t0.Add(time.Duration(b)*time.Minute), "T "+id, "text "+id, "ev"+fmt.Sprint(b))
					batch.Articles = append(batch.Articles, a)
				}
				batch.Events = []news.Event{{ID: "ev" + fmt.Sprint(b), Title: "Event", First: t0, Last: t0, Articles: articleIDs(batch.Articles)}}
				if err := h.Commit(ctx, batch); err != nil {
					t.Errorf("worker %d: Commit: %v", w, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	h := mustOpen(t, dsn)
	st, err := h.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Each batch index b sees ids (i + w*10) mod 40 for i < 20 and w < 4: all 40.
	if st.Articles != batches*per*2 || st.Events != batches {
		t.Errorf("after concurrent commits: %d articles, %d events, want %d, %d", st.Articles, st.Events, batches*per*2, batches)
	}
	// Storage order has no holes visible to a reader that pages with ArticlesSince.
	all, _, err := h.ArticlesSince(ctx, 0, time.Time{})
	if err != nil || len(all) != st.Articles {
		t.Errorf("ArticlesSince(0) = %d articles, %v, want %d", len(all), err, st.Articles)
	}
}

// testEventUpdate re-commits an event that grew and changed title: filters, search and
// article membership follow.
func testEventUpdate(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	b := fixture()
	mustCommit(t, db, b)
	e3 := b.Events[2]
	e3.Title = "Rail strike spreads to Lyon"
	e3.Articles = append(e3.Articles, "a5") // a5 moves from e2 to e3
	e3.Sources = append(e3.Sources, "bbc.co.uk")
	e3.Last = t0.Add(80 * time.Hour)
	e3.Where = []news.GeoPlace{{Name: "Lyon", Country: "FR"}}
	mustCommit(t, db, Batch{Events: []news.Event{e3}})
	if got, _, _ := db.Events(ctx, EventFilter{Place: "paris"}); len(got) != 0 {
		t.Errorf("Events(place paris) after update = %v, want none", eventIDs(got))
	}
	if got, _, _ := db.Events(ctx, EventFilter{Place: "lyon"}); !slices.Equal(eventIDs(got), []string{"e3"}) {
		t.Errorf("Events(place lyon) after update = %v, want [e3]", eventIDs(got))
	}
	if hits, _, _ := db.Search(ctx, "lyon", 10, 0); len(hits) != 1 || hits[0].Title != e3.Title {
		t.Errorf("Search(lyon) = %+v, want the renamed event", hits)
	}
	if hits, _, _ := db.Search(ctx, `"rail strike in"`, 10, 0); len(hits) != 0 {
		t.Errorf("Search(old title) = %+v, want none", hits)
	}
	if a, _, _ := db.Article(ctx, "a5"); a.Event != "e3" {
		t.Errorf("Article(a5).Event = %q, want e3", a.Event)
	}
	if got, _, _ := db.Events(ctx, EventFilter{Sort: "biggest", Limit: 1}); !slices.Equal(eventIDs(got), []string{"e2"}) {
		t.Errorf("Events(biggest) = %v", eventIDs(got))
	}
}

// testEventMerge folds e3 into e2: the articles move, e3 and its rows go,
// and the old id answers with e2.
func testEventMerge(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	b := fixture()
	mustCommit(t, db, b)
	e2 := b.Events[1]
	e2.Articles = append(e2.Articles, "a6")
	mustCommit(t, db, Batch{Events: []news.Event{e2}, Merges: []Merge{{From: "e3", To: "e2"}}})
	if a, _, _ := db.Article(ctx, "a6"); a.Event != "e2" {
		t.Errorf("Article(a6).Event = %q after merge, want e2", a.Event)
	}
	got, err := db.Event(ctx, "e3")
	if err != nil || got.ID != "e2" {
		t.Errorf("Event(e3) after merge = %q, %v; want e2", got.ID, err)
	}
	if evs, total, _ := db.Events(ctx, EventFilter{}); total != 2 || slices.Contains(eventIDs(evs), "e3") {
		t.Errorf("Events after merge = %v (total %d), want e3 gone", eventIDs(evs), total)
	}
	if got, _, _ := db.Events(ctx, EventFilter{Outlet: "lemonde.fr"}); len(got) != 0 {
		t.Errorf("Events(outlet of e3 only) = %v, want none (e2's dossier was not updated with it)", eventIDs(got))
	}
	arts, _, err := db.EventArticles(ctx, "e2")
	if err != nil || len(arts) != 4 {
		t.Errorf("EventArticles(e2) = %d articles, %v; want 4", len(arts), err)
	}
	// A move puts one article elsewhere.
	mustCommit(t, db, Batch{Moves: []Move{{Article: "a6", Event: "e1"}}})
	if a, _, _ := db.Article(ctx, "a6"); a.Event != "e1" {
		t.Errorf("Article(a6).Event = %q after move, want e1", a.Event)
	}
	// A later merge of e2 into e1 flattens the redirect of e3.
	mustCommit(t, db, Batch{Merges: []Merge{{From: "e2", To: "e1"}}})
	// Every change of a stored article's event is logged in commit order, for
	// other workers' clusterers: the merge of e3, the move, the merge of e2.
	mv, lastMove, err := db.MovesSince(ctx, 0)
	wantMoves := []Move{{"a6", "e2"}, {"a6", "e1"}, {"a3", "e1"}, {"a4", "e1"}, {"a5", "e1"}}
	if err != nil || !slices.Equal(mv, wantMoves) {
		t.Errorf("MovesSince(0) = %v, %v; want %v", mv, err, wantMoves)
	}
	if n, err := db.LastMoveSeq(ctx); err != nil || n != lastMove {
		t.Errorf("LastMoveSeq() = %d, %v; want %d", n, err, lastMove)
	}
	if mv, _, _ := db.MovesSince(ctx, lastMove); len(mv) != 0 {
		t.Errorf("MovesSince(last) = %v, want none", mv)
	}
	// Re-committing an event with the articles it already has logs nothing.
	e1 := b.Events[0]
	e1.Articles = []string{"a1", "a2", "a3", "a4", "a5", "a6"}
	mustCommit(t, db, Batch{Events: []news.Event{e1}})
	if mv, _, _ := db.MovesSince(ctx, lastMove); len(mv) != 0 {
		t.Errorf("MovesSince after a no-op membership update = %v, want none", mv)
	}
	if got, err := db.Event(ctx, "e3"); err != nil || got.ID != "e1" {
		t.Errorf("Event(e3) after a second merge = %q, %v; want e1", got.ID, err)
	}
}

// testOddInput stores text PostgreSQL cannot hold as is (NUL, invalid UTF-8) and runs odd
// queries: nothing fails, byte offsets are kept, and the text stays searchable.
func testOddInput(t *testing.T, _ backend, db *DB, _ string) {
	ctx := context.Background()
	text := "Nul\x00byte and bad \xff\xfe bytes near Zürich."
	a := article("odd\x00id", "x.org", "en", t0, "Odd \xff title", text, "ev-odd")
	mustCommit(t, db, Batch{Articles: []news.Article{a}, Events: []news.Event{{ID: "ev-odd", Title: "Odd\x00event \xff", Articles: []string{"odd\x00id"},
		Entities: []news.Entity{{ID: "misc:odd", Name: "Odd\x00name", Type: news.Misc}}}}})
	got, _, err := db.Article(ctx, "odd\x00id")
	if err != nil {
		t.Fatalf("Article(odd id): %v", err)
	}
	if len(got.Text) != len(text) || !strings.Contains(got.Text, "Zürich") {
		t.Errorf("Article(odd).Text = %q, want the same length (%d) with NUL and bad bytes replaced", got.Text, len(text))
	}
	for _, q := range []string{"zurich", "byte", "NEAR(a b)", "a:b", "*", `"*"`, "x*y", "\u0901", "\u093e", "½ ²", "٣", "𝔘𝔫𝔦", "a\x00b", "\xff", "(", "!a & b |", "'a'", `\`, "a-b c_d"} {
		if _, _, err := db.Search(ctx, q, 5, 0); err != nil {
			t.Errorf("Search(%q) [%s]: %v", q, db.searchDebug(q), err)
		}
		if _, _, err := db.Events(ctx, EventFilter{Query: q, Place: q, Entity: q, Lang: q, Outlet: q}); err != nil {
			t.Errorf("Events(all filters %q): %v", q, err)
		}
		if _, _, err := db.Entity(ctx, q); err != nil && !errors.Is(err, ErrNotFound) {
			t.Errorf("Entity(%q): %v", q, err)
		}
	}
	if hits, _, err := db.Search(ctx, "zurich", 5, 0); err != nil || len(hits) != 1 {
		t.Errorf("Search(zurich) = %+v, %v, want the odd article", hits, err)
	}
}

// testBatchesSince reads stored articles back grouped by the Commit that stored them, in
// the order each batch was given, with their current events.
func testBatchesSince(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	b := fixture()
	mustCommit(t, db, b) // a1..a6 in one batch
	_, afterFirst, err := db.ArticlesSince(ctx, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// A batch given out of id order keeps its order; a Commit of only known articles
	// or of no articles is no batch.
	x := article("x2", "ap.org", "en", t0, "Second", "Two.", "e1")
	y := article("x1", "ap.org", "en", t0, "First", "One.", "e2")
	mustCommit(t, db, Batch{Articles: []news.Article{x, y}})
	mustCommit(t, db, Batch{Articles: []news.Article{x}})
	mustCommit(t, db, Batch{Moves: []Move{{Article: "x2", Event: "e3"}}})
	z := article("x3", "ap.org", "en", t0, "Third", "Three.", "e3")
	mustCommit(t, db, Batch{Articles: []news.Article{z}})

	render := func(groups [][]news.Article) string {
		var parts []string
		for _, g := range groups {
			var ids []string
			for _, a := range g {
				ids = append(ids, a.ID+"@"+a.Event)
			}
			parts = append(parts, strings.Join(ids, " "))
		}
		return strings.Join(parts, " | ")
	}
	groups, last, err := db.BatchesSince(ctx, 0)
	want := "a1@e1 a2@e1 a3@e2 a4@e2 a5@e2 a6@e3 | x2@e3 x1@e2 | x3@e3"
	if got := render(groups); err != nil || got != want {
		t.Errorf("BatchesSince(0) = %q, %v; want %q", got, err, want)
	}
	groups, last2, err := db.BatchesSince(ctx, afterFirst)
	if got, want := render(groups), "x2@e3 x1@e2 | x3@e3"; err != nil || got != want || last2 != last {
		t.Errorf("BatchesSince(after the first) = %q (last %d), %v; want %q (last %d)", got, last2, err, want, last)
	}
	if groups, l, err := db.BatchesSince(ctx, last); err != nil || len(groups) != 0 || l != last {
		t.Errorf("BatchesSince(last) = %d groups, last %d, %v; want none, %d", len(groups), l, err, last)
	}
}

// testClaimFeeds shares due feeds between processes: every due feed goes to exactly one of
// several concurrent claimers, a claimed feed is not handed out again until its state is
// saved, it is released or its lease runs out, and a feed not due yet is not handed out.
func testClaimFeeds(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	var urls []string
	for i := range 12 {
		urls = append(urls, fmt.Sprintf("https://feeds.example/%02d.xml", i))
	}
	now := t0
	// One feed is not due for an hour.
	if err := db.SaveFeedState(ctx, FeedState{URL: urls[0], NextPoll: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// Four claimers at once, on their own connections, each taking up to 4.
	claimers := []*DB{db}
	for range 3 {
		claimers = append(claimers, mustOpen(t, dsn))
	}
	got := make([][]FeedState, len(claimers))
	var wg sync.WaitGroup
	for i, c := range claimers {
		wg.Go(func() {
			fs, err := c.ClaimFeeds(ctx, urls, fmt.Sprintf("worker-%d", i), now, 10*time.Minute, 4)
			if err != nil {
				t.Errorf("claimer %d: %v", i, err)
			}
			got[i] = fs
		})
	}
	wg.Wait()
	owner := map[string]string{}
	for i, fs := range got {
		for _, f := range fs {
			if prev, ok := owner[f.URL]; ok {
				t.Errorf("%s claimed by %s and worker-%d", f.URL, prev, i)
			}
			owner[f.URL] = f.ClaimedBy
			if f.ClaimedBy != fmt.Sprintf("worker-%d", i) || !f.ClaimedUntil.Equal(now.Add(10*time.Minute)) {
				t.Errorf("claimer %d got %s with claim %q until %v", i, f.URL, f.ClaimedBy, f.ClaimedUntil)
			}
		}
	}
	if len(owner) != 11 || owner[urls[0]] != "" {
		t.Errorf("claimed %d feeds (%v), want the 11 due ones", len(owner), owner)
	}
	// The one feed due in an hour is the next one free, until the leases (10 minutes) end first.
	if at, err := db.NextFeedDue(ctx, urls); err != nil || !at.Equal(now.Add(10*time.Minute)) {
		t.Errorf("NextFeedDue with every feed claimed = %v, %v; want the end of the leases %v", at, err, now.Add(10*time.Minute))
	}
	if at, err := db.NextFeedDue(ctx, urls[:1]); err != nil || !at.Equal(now.Add(time.Hour)) {
		t.Errorf("NextFeedDue(feed due in an hour) = %v, %v; want %v", at, err, now.Add(time.Hour))
	}
	if at, err := db.NextFeedDue(ctx, []string{"https://never.seen/feed"}); err != nil || !at.IsZero() {
		t.Errorf("NextFeedDue(unknown feed) = %v, %v; want zero (due now)", at, err)
	}
	// Claimed feeds are not handed out again during the lease...
	if fs, err := db.ClaimFeeds(ctx, urls, "late", now.Add(time.Minute), 10*time.Minute, 20); err != nil || len(fs) != 0 {
		t.Errorf("ClaimFeeds during the leases = %d feeds, %v; want none", len(fs), err)
	}
	// ... except one saved (polled, due again in 5 minutes) or released.
	var all []FeedState
	for _, fs := range got {
		all = append(all, fs...)
	}
	if len(all) < 2 {
		t.Fatalf("claimed %d feeds", len(all))
	}
	polled, released := all[0], all[1]
	polled.LastPolled, polled.NextPoll = now, now.Add(5*time.Minute)
	if err := db.SaveFeedState(ctx, polled); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.FeedState(ctx, polled.URL); !st.ClaimedUntil.IsZero() || st.ClaimedBy != "" {
		t.Errorf("after SaveFeedState the feed is still claimed: %+v", st)
	}
	if err := db.ReleaseFeed(ctx, released.URL, "someone else"); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.FeedState(ctx, released.URL); st.ClaimedBy == "" {
		t.Errorf("ReleaseFeed by another owner released %s", released.URL)
	}
	if err := db.ReleaseFeed(ctx, released.URL, released.ClaimedBy); err != nil {
		t.Fatal(err)
	}
	fs, err := db.ClaimFeeds(ctx, urls, "late", now.Add(6*time.Minute), 10*time.Minute, 20)
	if err != nil || len(fs) != 2 || fs[0].URL != released.URL || fs[1].URL != polled.URL {
		t.Errorf("ClaimFeeds after a save and a release = %v, %v; want %s (overdue) then %s", feedURLs(fs), err, released.URL, polled.URL)
	}
	// When the leases run out, every feed (the one due in an hour too) comes back.
	fs, err = db.ClaimFeeds(ctx, urls, "later", now.Add(time.Hour), 10*time.Minute, 20)
	if err != nil || len(fs) != 12 {
		t.Errorf("ClaimFeeds after the leases = %d feeds, %v; want 12", len(fs), err)
	}
}

func feedURLs(fs []FeedState) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.URL)
	}
	return out
}

// testPruneLogs: the replay logs keep their newest rows only (logKeep), so they do not grow
// for ever; what is kept still reads back in order.
func testPruneLogs(t *testing.T, _ backend, db *DB, dsn string) {
	ctx := context.Background()
	db.logKeep = 4
	for i := range 6 {
		a := article(fmt.Sprintf("p%d", i), "ap.org", "en", t0.Add(time.Duration(i)*time.Hour), "T", fmt.Sprintf("Text %d.", i), "e1")
		mustCommit(t, db, Batch{Articles: []news.Article{a}})
	}
	for i := range 6 {
		mustCommit(t, db, Batch{Moves: []Move{{Article: "p0", Event: fmt.Sprintf("m%d", i)}}})
	}
	groups, _, err := db.BatchesSince(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The batch row of p0 (more than 4 articles back) is gone: p0 comes back in the first
	// group kept, the others one per batch.
	var got []int
	for _, g := range groups {
		got = append(got, len(g))
	}
	if want := []int{2, 1, 1, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("BatchesSince(0) after pruning = groups of %v, want %v", got, want)
	}
	var n int
	if err := db.w.QueryRowContext(ctx, `SELECT count(*) FROM article_batches`).Scan(&n); err != nil || n != 5 {
		t.Errorf("article_batches holds %d rows, %v; want 5", n, err)
	}
	mv, _, err := db.MovesSince(ctx, 0)
	if err != nil || len(mv) != 4 || mv[0].Event != "m2" || mv[3].Event != "m5" {
		t.Errorf("MovesSince(0) after pruning = %v, %v; want the 4 newest, m2 to m5", mv, err)
	}
}

func TestOpenExistingRefusesMissingFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mistyped.db")
	for _, dsn := range []string{p, "sqlite:" + p, "file:" + p + "?_pragma=busy_timeout(1)"} {
		db, err := OpenExisting(context.Background(), dsn)
		if !errors.Is(err, ErrNoDatabase) {
			if db != nil {
				db.Close()
			}
			t.Errorf("OpenExisting(%q) = %v, want ErrNoDatabase", dsn, err)
		}
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("OpenExisting(%q) created %s", dsn, p)
		}
	}
	db, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = OpenExisting(context.Background(), p)
	if err != nil {
		t.Fatalf("OpenExisting(existing) = %v", err)
	}
	db.Close()
}

func testStoryline(t *testing.T, _ backend, db *DB, _ string) {
	ctx := context.Background()
	b := fixture() // links e1–e2
	// e4 follows e2 up, published before e1; e3 links to an event never stored.
	b.Articles = append(b.Articles, article("a8", "x.org", "en", t0.Add(-48*time.Hour), "Aftershock warning", "Experts warned of aftershocks.", "e4"))
	b.Events = append(b.Events, news.Event{ID: "e4", Title: "Aftershock warning", Articles: []string{"a8"},
		First: t0.Add(-48 * time.Hour), Last: t0.Add(-48 * time.Hour), Sources: []string{"x.org"}})
	b.Links = append(b.Links, Link{From: "e4", To: "e2", Score: 0.3}, Link{From: "e3", To: "ghost", Score: 0.5})
	mustCommit(t, db, b)
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"e1", []string{"e4", "e1", "e2"}},
		{"e4", []string{"e4", "e1", "e2"}},
		{"e3", []string{"e3"}},
	} {
		got, err := db.Storyline(ctx, tc.id)
		if err != nil {
			t.Fatalf("Storyline(%s): %v", tc.id, err)
		}
		if !slices.Equal(eventIDs(got), tc.want) {
			t.Errorf("Storyline(%s) = %v, want %v", tc.id, eventIDs(got), tc.want)
		}
	}
	if _, err := db.Storyline(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Storyline(nope) error = %v, want ErrNotFound", err)
	}
}

func testListFields(t *testing.T, _ backend, db *DB, _ string) {
	ctx := context.Background()
	b := fixture()
	b.Articles[0].Image = "https://img.example/quake.jpg"
	b.Events[0].Lead = "A strong earthquake shook the city; 40 people were hurt."
	b.Events[0].Image = b.Articles[0].Image
	mustCommit(t, db, b)
	a, _, err := db.Article(ctx, "a1")
	if err != nil || a.Image != "https://img.example/quake.jpg" {
		t.Errorf("Article(a1) image = %q, %v; want it stored", a.Image, err)
	}
	evs, _, err := db.Events(ctx, EventFilter{Query: "earthquake"})
	if err != nil || len(evs) != 1 {
		t.Fatalf("Events = %v, %v; want e1", evs, err)
	}
	if evs[0].Lead != b.Events[0].Lead || evs[0].Image != b.Events[0].Image {
		t.Errorf("Events list item lead, image = %q, %q; want %q, %q", evs[0].Lead, evs[0].Image, b.Events[0].Lead, b.Events[0].Image)
	}
	srcs, err := db.EventSources(ctx, []string{"e1", "e3", "nope"})
	if err != nil {
		t.Fatalf("EventSources: %v", err)
	}
	if got := articleIDs(srcs["e1"]); !slices.Equal(got, []string{"a1", "a2"}) || len(srcs["e3"]) != 1 || len(srcs["nope"]) != 0 {
		t.Errorf("EventSources = e1 %v, e3 %v, nope %v; want [a1 a2], [a6], []", got, articleIDs(srcs["e3"]), srcs["nope"])
	}
	if a := srcs["e1"][0]; a.URL != "https://bbc.co.uk/a1" || a.Source != "bbc.co.uk" || a.Title == "" || a.Published.IsZero() || a.Text != "" {
		t.Errorf("EventSources e1[0] = %+v, want url, outlet, title and time, no text", a)
	}
}
