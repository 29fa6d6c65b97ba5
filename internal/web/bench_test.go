package web

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
)

// The benchmarks serve a store of 100k generated articles (about 25k
// events) through the handler, and report the latency percentiles of single
// requests. Building the store takes minutes, so it is cached in
// os.TempDir() under a name that changes with the generator's parameters.

const (
	benchArticles = 100_000
	benchSeed     = 7
	benchVersion  = 1 // bump when benchStore's content changes
)

var capitalised = regexp.MustCompile(`\b[A-Z][a-z]+ [A-Z][a-z]+\b`)

// benchStore opens (building on first use) the cached benchmark store.
func benchStore(b *testing.B) (*store.DB, []string, []string) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dossier-web-bench-v%d-%d-%d.db", benchVersion, benchArticles, benchSeed))
	arts, labels := sample.Generate(benchArticles, benchSeed)
	evIDs, artIDs := benchIDs(arts, labels)
	if _, err := os.Stat(path); err == nil {
		db, err := store.Open(ctx, "sqlite:"+path)
		if err != nil {
			b.Fatalf("open cached bench store %s: %v", path, err)
		}
		return db, evIDs, artIDs
	}
	b.Logf("building %s (%d articles); later runs reuse it", path, len(arts))
	start := time.Now()
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	db, err := store.Open(ctx, "sqlite:"+tmp)
	if err != nil {
		b.Fatalf("create bench store: %v", err)
	}
	var batch store.Batch
	flush := func() {
		if err := db.Commit(ctx, batch); err != nil {
			b.Fatalf("commit bench batch: %v", err)
		}
		batch = store.Batch{}
	}
	i := 0
	for i < len(arts) {
		j := i
		for j < len(arts) && labels[arts[j].ID] == labels[arts[i].ID] {
			j++
		}
		ev, ans := benchEvent(labels[arts[i].ID], arts[i:j])
		batch.Articles = append(batch.Articles, arts[i:j]...)
		batch.Analyses = append(batch.Analyses, ans...)
		batch.Events = append(batch.Events, ev)
		if len(batch.Articles) >= 2000 {
			flush()
		}
		i = j
	}
	flush()
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	b.Logf("built in %s", time.Since(start).Round(time.Second))
	db, err = store.Open(ctx, "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	return db, evIDs, artIDs
}

func benchIDs(arts []news.Article, labels map[string]string) (evs, ids []string) {
	seen := map[string]bool{}
	for _, a := range arts {
		ids = append(ids, a.ID)
		if l := labels[a.ID]; !seen[l] {
			seen[l] = true
			evs = append(evs, l)
		}
	}
	return evs, ids
}

// benchEvent makes a reconciled-looking event of one gold cluster: names
// found in the text become entities with mentions, the city a place, the
// first sentences a cited summary and claims. It is not the real
// extractor's output, only as large and as shaped.
func benchEvent(id string, arts []news.Article) (news.Event, []news.Analysis) {
	ev := news.Event{ID: id, Title: arts[0].Title}
	ents := map[string]*news.Entity{}
	var entOrder []string
	for i := range arts {
		a := &arts[i]
		a.Event = id
		if i > 0 && i%7 == 0 {
			a.Source = "wire-" + a.Source
		}
		ev.Articles = append(ev.Articles, a.ID)
		if ev.First.IsZero() || a.Published.Before(ev.First) {
			ev.First = a.Published
		}
		if a.Published.After(ev.Last) {
			ev.Last = a.Published
		}
		if !slices.Contains(ev.Sources, a.Source) {
			ev.Sources = append(ev.Sources, a.Source)
		}
		if !slices.Contains(ev.Langs, a.Lang) {
			ev.Langs = append(ev.Langs, a.Lang)
		}
	}
	var ans []news.Analysis
	for _, a := range arts {
		an := news.Analysis{Article: a.ID, Lang: a.Lang}
		for _, loc := range capitalised.FindAllStringIndex(a.Text, 40) {
			name := a.Text[loc[0]:loc[1]]
			eid := "person:" + strings.ToLower(strings.ReplaceAll(name, " ", "-"))
			an.Mentions = append(an.Mentions, news.Mention{Text: name, Start: loc[0], End: loc[1], Type: news.Person, Entity: eid})
			e, ok := ents[eid]
			if !ok {
				e = &news.Entity{ID: eid, Name: name, Type: news.Person, Mentions: map[string]int{}}
				ents[eid] = e
				entOrder = append(entOrder, eid)
			}
			e.Mentions[a.ID]++
		}
		if k := strings.Index(a.Text, "."); k > 0 {
			an.Quotes = append(an.Quotes, news.Quote{Speaker: "Spokesperson", Text: a.Text[:k], Article: a.ID, Start: 0, End: k})
		}
		ans = append(ans, an)
	}
	for _, eid := range entOrder {
		if len(ev.Entities) < 30 {
			ev.Entities = append(ev.Entities, *ents[eid])
		}
	}
	h := fnv.New32a()
	io.WriteString(h, id)
	r := rand.New(rand.NewPCG(uint64(h.Sum32()), 1))
	place := news.GeoPlace{Name: "Place " + id[len(id)-3:], Country: "ZZ", Lat: r.Float64()*120 - 50, Lon: r.Float64()*340 - 170, Count: len(arts)}
	ev.Places = []news.GeoPlace{place}
	ev.Where = ev.Places
	d := ev.First.Format("2006-01-02")
	ev.When = news.DateRange{Start: d, End: d}
	for i, a := range arts {
		if i >= 4 {
			break
		}
		sent := a.Text
		if k := strings.Index(sent, ". "); k > 0 {
			sent = sent[:k+1]
		}
		ev.Summary = append(ev.Summary, news.SummarySentence{Text: sent, Sources: []string{a.ID}})
		status := news.Single
		if len(arts) > 2 {
			status = news.Corroborated
		}
		ev.Claims = append(ev.Claims, news.Claim{Text: sent, Status: status, Sources: ev.Articles, Outlets: ev.Sources})
	}
	for _, an := range ans {
		ev.Quotes = append(ev.Quotes, an.Quotes...)
	}
	return ev, ans
}

// percentiles serves one request per b.Loop iteration, picking the target
// with next, and reports p50 and p99 in milliseconds.
func percentiles(b *testing.B, s *Server, next func(i int) string) {
	b.Helper()
	h := s.Handler()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		target := next(i)
		i++
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		lat = append(lat, time.Since(start))
		if rec.Code != 200 {
			b.Fatalf("GET %s = %d: %s", target, rec.Code, rec.Body)
		}
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op") // the percentiles are the measure
}

func BenchmarkServe(b *testing.B) {
	db, evIDs, artIDs := benchStore(b)
	defer db.Close()
	serveBench(b, db, evIDs, artIDs)
}

// BenchmarkServePostgres serves the same store from PostgreSQL (the server
// named by DOSSIER_TEST_POSTGRES): the cached SQLite store is copied once
// into a database named for it, which later runs reuse.
func BenchmarkServePostgres(b *testing.B) {
	base := os.Getenv("DOSSIER_TEST_POSTGRES")
	if base == "" {
		b.Skip("DOSSIER_TEST_POSTGRES is not set: no PostgreSQL server to benchmark against")
	}
	ctx := context.Background()
	src, evIDs, artIDs := benchStore(b)
	defer src.Close()
	name := fmt.Sprintf("dossier_web_bench_v%d_%d_%d", benchVersion, benchArticles, benchSeed)
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	u.Path = "/" + name
	dsn := u.String()
	if err := store.Migrate(ctx, dsn); err != nil {
		admin, aerr := sql.Open("pgx", base)
		if aerr != nil {
			b.Fatal(aerr)
		}
		_, aerr = admin.ExecContext(ctx, "CREATE DATABASE "+name)
		admin.Close()
		if aerr != nil {
			b.Fatalf("create database %s: %v (migrate: %v)", name, aerr, err)
		}
		if err := store.Migrate(ctx, dsn); err != nil {
			b.Fatal(err)
		}
	}
	dst, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer dst.Close()
	if st, err := dst.Stats(ctx); err != nil || st.Articles < benchArticles {
		b.Logf("copying the bench store into %s; later runs reuse it", name)
		if err := store.Copy(ctx, dst, src, nil); err != nil {
			b.Fatal(err)
		}
	}
	serveBench(b, dst, evIDs, artIDs)
}

func serveBench(b *testing.B, db Store, evIDs, artIDs []string) {
	s := New(db, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	r := rand.New(rand.NewPCG(1, 2))
	ev := func(int) string { return evIDs[r.IntN(len(evIDs))] }
	art := func(int) string { return artIDs[r.IntN(len(artIDs))] }
	words := []string{"earthquake", "strike", "minister", "Oslo", "Lisbon", "takeover", "police", "election", "flood", "court"}
	word := func(int) string { return words[r.IntN(len(words))] }

	b.Run("EventPage", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/events/" + url.PathEscape(ev(i)) })
	})
	b.Run("APIEvent", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/api/events/" + url.PathEscape(ev(i)) })
	})
	b.Run("APIEvents", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return fmt.Sprintf("/api/events?limit=50&offset=%d", r.IntN(200)*50) })
	})
	b.Run("APIEventsBiggest", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return fmt.Sprintf("/api/events?sort=biggest&offset=%d", r.IntN(20)*50) })
	})
	b.Run("Index", func(b *testing.B) { percentiles(b, s, func(i int) string { return "/" }) })
	b.Run("ArticlePage", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/articles/" + url.PathEscape(art(i)) })
	})
	b.Run("APIArticle", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/api/articles/" + url.PathEscape(art(i)) })
	})
	b.Run("Search", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/search?q=" + url.QueryEscape(word(i)) })
	})
	b.Run("APISearch", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/api/search?q=" + url.QueryEscape(word(i)) })
	})
	b.Run("APISearchTwoWords", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/api/search?q=" + url.QueryEscape(word(i)+" "+word(i)) })
	})
	ents, _, err := db.Entities(context.Background(), news.Person, 500, 0)
	if err != nil || len(ents) == 0 {
		b.Fatalf("entities for the entity benchmark: %d, %v", len(ents), err)
	}
	b.Run("EntityPage", func(b *testing.B) {
		percentiles(b, s, func(i int) string { return "/entities/" + url.PathEscape(ents[r.IntN(len(ents))].ID) })
	})
}
