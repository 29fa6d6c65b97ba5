package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// pgEnv names the variable holding a PostgreSQL address for the tests, e.g. as printed by
// `.ci/postgres.sh start`.
const pgEnv = "DOSSIER_TEST_POSTGRES"

// backend opens fresh, empty stores of one dialect.
type backend struct {
	name string
	skip string                           // why this backend is skipped, if it is
	dsn  func(t testing.TB) string        // a fresh database's address (migrated lazily by open)
	open func(t testing.TB) (*DB, string) // a fresh migrated store and its address
}

func backends() []backend {
	sqlite := backend{name: "sqlite"}
	sqlite.dsn = func(t testing.TB) string {
		return "sqlite:" + filepath.Join(t.TempDir(), "dossier.db")
	}
	sqlite.open = func(t testing.TB) (*DB, string) {
		dsn := sqlite.dsn(t)
		return mustOpen(t, dsn), dsn
	}
	pg := backend{name: "postgres"}
	base := os.Getenv(pgEnv)
	if base == "" {
		pg.skip = pgEnv + " is not set: PostgreSQL tests skipped (start a server with `eval \"$(bash .ci/postgres.sh start)\"`)"
	}
	pg.dsn = func(t testing.TB) string { return freshSchema(t, base) }
	pg.open = func(t testing.TB) (*DB, string) {
		dsn := pg.dsn(t)
		if err := Migrate(context.Background(), dsn); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		return mustOpen(t, dsn), dsn
	}
	return []backend{sqlite, pg}
}

// freshSchema creates an empty schema in the PostgreSQL database at base and returns base
// with search_path set to it, so that tests can run in parallel without seeing each other's
// tables. The schema is dropped when the test ends.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "dossier_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + name + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", pgEnv, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// mustOpen opens dsn and closes it when the test ends.
func mustOpen(t testing.TB, dsn string) *DB {
	t.Helper()
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open(%q): %v", dsn, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

var t0 = time.Date(2024, 3, 10, 8, 0, 0, 0, time.UTC)

func article(id, source, lang string, published time.Time, title, text, event string) news.Article {
	return news.Article{
		ID: id, Title: title, Text: text, Published: published, Source: source, Lang: lang,
		URL: "https://" + source + "/" + id, Hash: "h-" + id, Event: event, Origin: "test",
		Inferred: []string{"lang"},
	}
}

// fixture is a small world: three events, six articles, entities with aliases, places.
func fixture() Batch {
	arts := []news.Article{
		article("a1", "bbc.co.uk", "en", t0, "Earthquake strikes Zürich", "A strong earthquake shook Zürich on Sunday morning. Anna Müller, the mayor, said 40 people were hurt.", "e1"),
		article("a2", "nzz.ch", "de", t0.Add(time.Hour), "Erdbeben in Zürich", "Ein starkes Erdbeben erschütterte Zürich am Sonntag. Stadtpräsidentin Anna Müller sprach von 40 Verletzten.", "e1"),
		article("a3", "kathimerini.gr", "el", t0.Add(24*time.Hour), "Εκλογές στην Ελλάδα", "Οι πολίτες στην Ελλάδα ψηφίζουν σήμερα. Η Άννα Μίλερ παρακολουθεί τις εκλογές.", "e2"),
		article("a4", "reuters.com", "en", t0.Add(26*time.Hour), "Greece votes", "Greeks vote in a snap election called by the New Democracy government in Athens.", "e2"),
		article("a5", "bbc.co.uk", "en", t0.Add(27*time.Hour), "Greek election: what to know", "Voters in Greece choose a new parliament. Observers led by Anna Mueller watch the count.", "e2"),
		article("a6", "lemonde.fr", "fr", t0.Add(72*time.Hour), "Grève à Paris", "Les cheminots font grève à Paris ce jeudi.", "e3"),
	}
	anna := func(name string, aliases []string, mentions map[string]int) news.Entity {
		return news.Entity{ID: "person:anna-muller", Name: name, Type: news.Person, Aliases: aliases, Mentions: mentions}
	}
	zurich := news.GeoPlace{Name: "Zürich", Text: "Zürich", Country: "CH", Lat: 47.37, Lon: 8.54, Kind: "city"}
	athens := news.GeoPlace{Name: "Athens", Text: "Athens", Country: "GR", Lat: 37.98, Lon: 23.73, Kind: "city"}
	paris := news.GeoPlace{Name: "Paris", Text: "Paris", Country: "FR", Lat: 48.85, Lon: 2.35, Kind: "city"}
	events := []news.Event{
		{
			ID: "e1", Title: "Earthquake strikes Zürich", Articles: []string{"a1", "a2"}, First: t0, Last: t0.Add(time.Hour),
			Sources: []string{"bbc.co.uk", "nzz.ch"}, Langs: []string{"en", "de"},
			When: news.DateRange{Start: "2024-03-10", End: "2024-03-10"}, Where: []news.GeoPlace{zurich}, Places: []news.GeoPlace{zurich},
			Entities: []news.Entity{anna("Anna Müller", []string{"A. Müller"}, map[string]int{"a1": 1, "a2": 1}),
				{ID: "place:zurich", Name: "Zürich", Type: news.Place}},
			Claims:  []news.Claim{{Text: "40 people were hurt", Status: news.Corroborated, Sources: []string{"a1", "a2"}, Outlets: []string{"bbc.co.uk", "nzz.ch"}}},
			Summary: []news.SummarySentence{{Text: "A strong earthquake shook Zürich; 40 people were hurt.", Sources: []string{"a1", "a2"}}},
			Figures: []news.Figure{{Value: 40, Counts: "people hurt", Text: "40 people"}},
		},
		{
			ID: "e2", Title: "Greece holds snap election", Articles: []string{"a3", "a4", "a5"}, First: t0.Add(24 * time.Hour), Last: t0.Add(27 * time.Hour),
			Sources: []string{"kathimerini.gr", "reuters.com", "bbc.co.uk"}, Langs: []string{"el", "en"},
			Where: []news.GeoPlace{athens}, Places: []news.GeoPlace{athens},
			Entities: []news.Entity{anna("Anna Mueller", []string{"Άννα Μίλερ"}, map[string]int{"a3": 1, "a5": 1}),
				{ID: "org:new-democracy", Name: "New Democracy", Type: news.Org, Mentions: map[string]int{"a4": 1}}},
			Summary: []news.SummarySentence{{Text: "Voters in Ελλάδα chose a new parliament.", Sources: []string{"a3"}}},
		},
		{
			ID: "e3", Title: "Rail strike in Paris", Articles: []string{"a6"}, First: t0.Add(72 * time.Hour), Last: t0.Add(72 * time.Hour),
			Sources: []string{"lemonde.fr"}, Langs: []string{"fr"}, Where: []news.GeoPlace{paris},
		},
	}
	var analyses []news.Analysis
	for _, a := range arts {
		analyses = append(analyses, news.Analysis{Article: a.ID, Lang: a.Lang, Sentences: []news.Span{{Start: 0, End: len(a.Text)}}})
	}
	return Batch{Articles: arts, Analyses: analyses, Events: events,
		Links: []Link{{From: "e1", To: "e2", Score: 0.4, Reason: "shared actors: Anna Müller"}}}
}

func mustCommit(t testing.TB, db *DB, b Batch) {
	t.Helper()
	if err := db.Commit(context.Background(), b); err != nil {
		t.Fatalf("Commit: %v", err)
	}
}

func ids[T any](s []T, id func(T) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = id(v)
	}
	return out
}

func eventIDs(es []news.Event) []string { return ids(es, func(e news.Event) string { return e.ID }) }
func articleIDs(as []news.Article) []string {
	return ids(as, func(a news.Article) string { return a.ID })
}
