package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Benchmarks:
//
//	go test ./internal/store -run '^$' -bench Commit -benchtime 20x
//	go test ./internal/store -run '^$' -bench Query -benchtime 200x
//
// With DOSSIER_TEST_POSTGRES set they also run on PostgreSQL. The query benchmarks use a
// store of DOSSIER_BENCH_ARTICLES articles (default 100000) made by a generator and cached
// under os.TempDir() (SQLite file) or in a schema of the test database (PostgreSQL, filled
// from the SQLite file with Copy), so only the first run pays for building it.
//
// Measured 2026-11-25 on the 2-core shared dev machine (load average 7-20, so read these as
// upper bounds), 100,000 articles / 9,882 events, -benchtime 200x:
//
//	Commit of 100 articles:  SQLite 2,162 articles/s, PostgreSQL 908 articles/s
//	Event:   SQLite p50 0.17 ms p99 1.9 ms;  PostgreSQL p50 0.50 ms p99 5.2 ms
//	Events:  SQLite p50 15 ms   p99 67 ms;   PostgreSQL p50 14 ms   p99 115 ms
//	Search:  SQLite p50 2.8 ms  p99 11 ms;   PostgreSQL p50 57 ms   p99 916 ms

// genVersion is part of the cache key: bump it when the generator changes.
const genVersion = 3

// gen makes a deterministic synthetic news world: Zipf-distributed words, events of 1 to 20
// articles from a few dozen outlets, entities and places drawn from fixed pools.
type gen struct {
	rng      *rand.Rand
	zipf     *rand.Zipf
	words    []string
	entities []news.Entity
	places   []news.GeoPlace
	outlets  []string
	langs    []string
}

var syllables = []string{"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ber", "dan", "gor", "hel", "jun", "mar", "pol", "tur", "zen", "wal"}

var commonWords = strings.Fields(`the of and to in a is that for on was with said by as at from it his an be
have has are were government minister police president people city year new after two first would
will over also had been more their this which who last week state police officials told according
country military court election vote party leaders talks agreement attack fire flood storm protest
strike market prices bank company workers report health hospital school border troops ceasefire`)

var placeNames = []string{"Zürich", "Genève", "Athens", "Ελλάδα", "Paris", "Lyon", "München", "Kraków", "São Paulo",
	"Bogotá", "Reykjavík", "İstanbul", "Москва", "Kyiv", "Lagos", "Nairobi", "Delhi", "Tokyo", "Seoul", "Lima"}

func newGen(seed uint64) *gen {
	g := &gen{rng: rand.New(rand.NewPCG(seed, 42))}
	g.words = append(g.words, commonWords...)
	for i := 0; len(g.words) < 20000; i++ {
		w := ""
		for n := i; ; n /= len(syllables) {
			w += syllables[n%len(syllables)]
			if n < len(syllables) {
				break
			}
		}
		g.words = append(g.words, w)
	}
	g.zipf = rand.NewZipf(g.rng, 1.1, 2, uint64(len(g.words)-1))
	for i := range 3000 {
		typ := []news.EntityType{news.Person, news.Org, news.Place, news.Misc}[i%4]
		name := strings.ToUpper(g.words[200+i][:1]) + g.words[200+i][1:] + " " + strings.ToUpper(g.words[3200+i][:1]) + g.words[3200+i][1:]
		g.entities = append(g.entities, news.Entity{ID: string(typ) + ":" + strings.ReplaceAll(strings.ToLower(name), " ", "-"), Name: name, Type: typ,
			Aliases: []string{strings.Fields(name)[1]}})
	}
	for i := range 300 {
		name := placeNames[i%len(placeNames)]
		if i >= len(placeNames) {
			name = strings.ToUpper(g.words[6000+i][:1]) + g.words[6000+i][1:]
		}
		g.places = append(g.places, news.GeoPlace{Name: name, Text: name, Country: fmt.Sprintf("C%d", i%60), Lat: float64(i % 90), Lon: float64(i % 180), Kind: "city"})
	}
	for i := range 40 {
		g.outlets = append(g.outlets, fmt.Sprintf("%s%d.example", syllables[i%len(syllables)], i))
	}
	g.langs = []string{"en", "en", "en", "de", "fr", "el", "es"}
	return g
}

func (g *gen) sentence(extra ...string) string {
	n := 8 + g.rng.IntN(18)
	ws := make([]string, 0, n+len(extra))
	for range n {
		ws = append(ws, g.words[g.zipf.Uint64()])
	}
	for _, e := range extra {
		ws = slices.Insert(ws, g.rng.IntN(len(ws)+1), e)
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// batch makes the articles of events numbered from firstEvent on, about n articles in all,
// with their analyses and reconciled events.
func (g *gen) batch(prefix string, firstEvent, n int, start time.Time) Batch {
	var b Batch
	for ev := firstEvent; len(b.Articles) < n; ev++ {
		size := 1 + g.rng.IntN(min(20, n-len(b.Articles)))
		evID := fmt.Sprintf("%sev%d", prefix, ev)
		when := start.Add(time.Duration(ev) * 7 * time.Minute)
		ents := make([]news.Entity, 0, 8)
		for range 3 + g.rng.IntN(6) {
			e := g.entities[int(g.zipf.Uint64())%len(g.entities)]
			if !slices.ContainsFunc(ents, func(x news.Entity) bool { return x.ID == e.ID }) {
				ents = append(ents, e)
			}
		}
		place := g.places[int(g.zipf.Uint64())%len(g.places)]
		e := news.Event{ID: evID, Title: g.sentence(place.Name), First: when, When: news.DateRange{Start: when.Format("2006-01-02")},
			Where: []news.GeoPlace{place}, Places: []news.GeoPlace{place}}
		for i := range size {
			id := fmt.Sprintf("%s%d-%d", prefix, ev, i)
			var text []string
			for range 6 + g.rng.IntN(8) {
				text = append(text, g.sentence(ents[g.rng.IntN(len(ents))].Name))
			}
			text = append(text, g.sentence(place.Name))
			a := news.Article{ID: id, Title: g.sentence(ents[0].Name), Text: strings.Join(text, " "),
				Published: when.Add(time.Duration(i) * time.Hour), Source: g.outlets[g.rng.IntN(len(g.outlets))],
				Lang: g.langs[g.rng.IntN(len(g.langs))], Hash: "h" + id, Event: evID, Origin: "bench"}
			a.URL = "https://" + a.Source + "/" + id
			b.Articles = append(b.Articles, a)
			an := news.Analysis{Article: id, Lang: a.Lang}
			for _, en := range ents[:2] {
				if k := strings.Index(a.Text, en.Name); k >= 0 {
					an.Mentions = append(an.Mentions, news.Mention{Text: en.Name, Start: k, End: k + len(en.Name), Type: en.Type, Entity: en.ID})
				}
			}
			b.Analyses = append(b.Analyses, an)
			e.Articles = append(e.Articles, id)
			e.Sources = append(e.Sources, a.Source)
			e.Langs = append(e.Langs, a.Lang)
			e.Last = a.Published
		}
		for i := range ents {
			ents[i].Mentions = map[string]int{e.Articles[0]: 1}
		}
		e.Entities = ents
		e.Summary = []news.SummarySentence{{Text: g.sentence(), Sources: e.Articles[:1]}, {Text: g.sentence(), Sources: e.Articles}}
		e.Claims = []news.Claim{{Text: g.sentence(), Status: news.Single, Sources: e.Articles[:1]}}
		b.Events = append(b.Events, e)
	}
	return b
}

func benchSize() int {
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// benchSQLite returns the path of a cached SQLite store of n generated articles, building
// it on first use (into a temporary name, renamed when complete).
func benchSQLite(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dossier-bench-store-%d-s%d-g%d.db", n, SchemaVersion(), genVersion))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	ctx := context.Background()
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm", ".cluster-lock"} {
		os.Remove(tmp + suffix)
	}
	start := time.Now()
	db, err := Open(ctx, "sqlite:"+tmp)
	if err != nil {
		b.Fatal(err)
	}
	g := newGen(1)
	ev := 0
	for done := 0; done < n; {
		batch := g.batch("", ev, min(500, n-done), t0)
		ev += len(batch.Events)
		done += len(batch.Articles)
		if err := db.Commit(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	os.Remove(tmp + ".cluster-lock")
	b.Logf("built %s: %d articles, %d events in %v", path, n, ev, time.Since(start).Round(time.Second))
	return path
}

// benchPostgres returns the address of a schema holding the cached store of n articles in
// the DOSSIER_TEST_POSTGRES database, copying it from the SQLite cache when missing.
func benchPostgres(b *testing.B, n int) string {
	b.Helper()
	base := os.Getenv(pgEnv)
	ctx := context.Background()
	schema := fmt.Sprintf("dossier_bench_%d_s%d_g%d", n, SchemaVersion(), genVersion)
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	dsn := u.String()
	if db, err := Open(ctx, dsn); err == nil {
		st, err := db.Stats(ctx)
		db.Close()
		if err == nil && st.Articles == n {
			return dsn
		}
	}
	src := mustOpen(b, "sqlite:"+benchSQLite(b, n))
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE; CREATE SCHEMA ` + schema); err != nil {
		b.Fatal(err)
	}
	if err := Migrate(ctx, dsn); err != nil {
		b.Fatal(err)
	}
	dst := mustOpen(b, dsn)
	start := time.Now()
	if err := Copy(ctx, dst, src, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := admin.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("copied %d articles from SQLite into postgres schema %s in %v", n, schema, time.Since(start).Round(time.Second))
	return dsn
}

func BenchmarkCommit(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			if be.skip != "" {
				b.Skip(be.skip)
			}
			db, _ := be.open(b)
			g := newGen(7)
			ctx := context.Background()
			ev := 0
			var batches []Batch
			for range 20 { // generated outside the timed loop
				batch := g.batch("c", ev, 100, t0)
				ev += len(batch.Events)
				batches = append(batches, batch)
			}
			articles := 0
			i := 0
			for b.Loop() {
				batch := batches[i%len(batches)]
				if i >= len(batches) {
					// Fresh ids, so every Commit stores 100 new articles; made untimed.
					b.StopTimer()
					batch = g.batch(fmt.Sprintf("c%d-", i), 0, 100, t0)
					b.StartTimer()
				}
				if err := db.Commit(ctx, batch); err != nil {
					b.Fatal(err)
				}
				articles += len(batch.Articles)
				i++
			}
			b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

func BenchmarkQuery(b *testing.B) {
	n := benchSize()
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			if be.skip != "" {
				b.Skip(be.skip)
			}
			var dsn string
			if be.name == "sqlite" {
				dsn = "sqlite:" + benchSQLite(b, n)
			} else {
				dsn = benchPostgres(b, n)
			}
			db := mustOpen(b, dsn)
			ctx := context.Background()
			st, err := db.Stats(ctx)
			if err != nil {
				b.Fatal(err)
			}
			g := newGen(3)
			eventIDs := make([]string, 256)
			for i := range eventIDs {
				eventIDs[i] = fmt.Sprintf("ev%d", g.rng.IntN(st.Events))
			}
			filters := []EventFilter{
				{},
				{Sort: "biggest"},
				{Place: "zurich"},
				{Entity: g.entities[5].ID},
				{Entity: strings.ToLower(g.entities[40].Name)},
				{Lang: "el", Outlet: g.outlets[3]},
				{From: t0.Add(30 * 24 * time.Hour), To: t0.Add(40 * 24 * time.Hour)},
				{Query: "ceasefire"},
				{Query: g.words[300], Sort: "biggest"},
				{Offset: 5000},
			}
			searches := []string{"zurich", "ελλαδα", "ceasefire border", g.words[500], g.words[3000], `"` + g.entities[7].Name + `"`, "elect*", "government"}
			run := func(name string, op func(i int) error) {
				b.Run(name, func(b *testing.B) {
					var durs []time.Duration
					i := 0
					for b.Loop() {
						t := time.Now()
						if err := op(i); err != nil {
							b.Fatal(err)
						}
						durs = append(durs, time.Since(t))
						i++
					}
					slices.Sort(durs)
					b.ReportMetric(ms(durs[len(durs)/2]), "p50-ms")
					b.ReportMetric(ms(durs[min(len(durs)-1, len(durs)*99/100)]), "p99-ms")
				})
			}
			run("Event", func(i int) error {
				_, err := db.Event(ctx, eventIDs[i%len(eventIDs)])
				return err
			})
			run("Events", func(i int) error {
				_, _, err := db.Events(ctx, filters[i%len(filters)])
				return err
			})
			run("Search", func(i int) error {
				_, _, err := db.Search(ctx, searches[i%len(searches)], 20, 0)
				return err
			})
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
