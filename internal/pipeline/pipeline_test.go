package pipeline_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
)

func mustOpen(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newPipeline(t testing.TB, db *store.DB) *pipeline.Pipeline {
	t.Helper()
	an, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.New(db, an, pipeline.Options{})
}

// readSample reads the bundled corpus through the real ingester.
func readSample(t testing.TB) []news.Article {
	t.Helper()
	arts, err := sample.Read(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// TestSampleCorpusEvents runs the whole pipeline over the sample corpus and
// scores the stored events against its gold labels.
func TestSampleCorpusEvents(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	p := newPipeline(t, db)
	arts := readSample(t)
	gold, err := sample.GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	goldBy := map[string]string{}
	for _, a := range arts {
		c, ok := sample.Label(gold, a.ID, a.Origin)
		if !ok {
			t.Fatalf("no gold label for %s (%s)", a.ID, a.Origin)
		}
		goldBy[a.ID] = c
	}
	// Two batches, so the second must warm up from the store.
	half := len(arts) / 2
	for _, b := range [][]news.Article{arts[:half], arts[half:]} {
		res, err := p.Ingest(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Duplicate) != 0 {
			t.Errorf("sample corpus: %d articles taken for duplicates (syndicated copies are articles of their own)", len(res.Duplicate))
		}
	}
	evs, _, err := db.Events(ctx, store.EventFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	pred := map[string]string{}
	for _, ev := range evs {
		for _, id := range ev.Articles {
			pred[id] = ev.ID
		}
	}
	s := eval.Score(goldBy, pred)
	t.Logf("sample corpus: BCubed P %.3f R %.3f F1 %.3f; %d gold events, %d predicted", s.BCubedP, s.BCubedR, s.BCubedF1, s.GoldClusters, s.PredClusters)
	// 0.920 since the pair model of 2026-12-02 (rare names on at most 5
	// articles of a 39-article stream): the Baltic talks and the cable
	// follow-up of the sample are one event; the French Rhine report is
	// apart from its Basel event. Both are open in the clustering issue.
	if s.BCubedF1 < 0.915 {
		t.Errorf("sample corpus BCubed F1 = %.3f, want >= 0.915", s.BCubedF1)
	}

	// Syndicated copies are marked, and their event has a dossier.
	var dups int
	for _, a := range arts {
		got, _, err := db.Article(ctx, a.ID)
		if err != nil {
			t.Fatalf("article %s: %v", a.ID, err)
		}
		if got.DuplicateOf != "" {
			dups++
		}
	}
	if dups < 2 {
		t.Errorf("%d articles marked as near-duplicates, want the 2 syndicated copies at least", dups)
	}
	ev, err := db.Event(ctx, evs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Summary) == 0 || len(ev.Claims) == 0 || ev.When.Start == "" {
		t.Errorf("event %s has no dossier: %d summary sentences, %d claims, when %+v", ev.ID, len(ev.Summary), len(ev.Claims), ev.When)
	}

	// Ingesting again stores nothing.
	res, err := p.Ingest(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 0 || len(res.Duplicate) != len(arts) {
		t.Errorf("re-ingest: %d new, %d duplicate; want 0 and %d", len(res.New), len(res.Duplicate), len(arts))
	}
}

// TestRestartKeepsEvents checks that a new pipeline (a new process) on the
// same store puts a later article into the event it belongs to.
func TestRestartKeepsEvents(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	arts := readSample(t)
	slices.SortStableFunc(arts, func(a, b news.Article) int { return a.Published.Compare(b.Published) })
	last := arts[len(arts)-1]
	if _, err := newPipeline(t, db).Ingest(ctx, arts[:len(arts)-1]); err != nil {
		t.Fatal(err)
	}
	// A copy of an earlier article (within the clustering window) under a
	// new id and outlet must join that article's event after a restart.
	src := arts[len(arts)-3]
	cp := src
	cp.ID, cp.Source, cp.Hash = "copy-of-"+cp.ID, "elsewhere.example", ""
	if err := ingest.Normalize(&cp); err != nil {
		t.Fatal(err)
	}
	res, err := newPipeline(t, db).Ingest(ctx, []news.Article{cp, last})
	if err != nil {
		t.Fatal(err)
	}
	orig, _, err := db.Article(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.New {
		if a.ID == cp.ID && a.Event != orig.Event {
			t.Errorf("copy went to event %s after restart, want %s", a.Event, orig.Event)
		}
	}
}

// TestSplitStoredEvent stores two unrelated stories as one event, as single
// linkage may chain them, and checks that the next batch splits them in the
// store: articles moved, both dossiers rebuilt, no event holding both.
func TestSplitStoredEvent(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	arts := readSample(t)
	gold, err := sample.GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	label := func(a news.Article) string { c, _ := sample.Label(gold, a.ID, a.Origin); return c }
	var chained, later []news.Article
	for _, a := range arts {
		switch label(a) {
		case "ferry-bergen", "antwerp-theft":
			if len(chained) < 8 {
				chained = append(chained, a)
			} else {
				later = append(later, a)
			}
		}
	}
	if len(chained) < 8 || len(later) == 0 {
		t.Fatalf("sample corpus: %d + %d articles of the two stories", len(chained), len(later))
	}
	an, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	b := store.Batch{Events: []news.Event{{ID: "chained", Title: "chained"}}}
	for i := range chained {
		chained[i].Event = "chained"
		b.Articles = append(b.Articles, chained[i])
		b.Analyses = append(b.Analyses, an.Analyze(&chained[i]))
		b.Events[0].Articles = append(b.Events[0].Articles, chained[i].ID)
	}
	if err := db.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := newPipeline(t, db).Ingest(ctx, later); err != nil {
		t.Fatal(err)
	}
	evs, _, err := db.Events(ctx, store.EventFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]news.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	stored := 0
	for _, ev := range evs {
		stories := map[string]bool{}
		for _, id := range ev.Articles {
			stories[label(byID[id])] = true
			got, _, err := db.Article(ctx, id)
			if err != nil || got.Event != ev.ID {
				t.Errorf("article %s: event %q, %v; listed in event %s", id, got.Event, err, ev.ID)
			}
		}
		stored += len(ev.Articles)
		if len(stories) > 1 {
			t.Errorf("event %s still holds %v", ev.ID, stories)
		}
	}
	if want := len(chained) + len(later); stored != want {
		t.Errorf("events list %d articles, want %d", stored, want)
	}
}
