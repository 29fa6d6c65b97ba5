package pipeline_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
)

// storedPartition reads the store's events twice, from the events' article
// lists and from the articles' event column: they must agree (no event
// lists an article it lost, none is left empty). It returns the partition
// as sorted, comma-joined article ids per event.
func storedPartition(t *testing.T, db *store.DB) []string {
	t.Helper()
	ctx := context.Background()
	var fromEvents []string
	byArticle := map[string][]string{}
	for off := 0; ; off += 500 {
		evs, _, err := db.Events(ctx, store.EventFilter{Limit: 500, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			ids := slices.Clone(ev.Articles)
			slices.Sort(ids)
			if len(ids) == 0 {
				t.Errorf("event %s has no articles", ev.ID)
			}
			fromEvents = append(fromEvents, strings.Join(ids, ","))
		}
		if len(evs) < 500 {
			break
		}
	}
	arts, _, err := db.ArticlesSince(ctx, 0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		byArticle[a.Event] = append(byArticle[a.Event], a.ID)
	}
	var fromArticles []string
	for _, ids := range byArticle {
		slices.Sort(ids)
		fromArticles = append(fromArticles, strings.Join(ids, ","))
	}
	slices.Sort(fromEvents)
	slices.Sort(fromArticles)
	if !slices.Equal(fromEvents, fromArticles) {
		t.Errorf("events' article lists (%d events) disagree with the articles' events (%d)", len(fromEvents), len(fromArticles))
	}
	return fromArticles
}

// TestTwoPipelinesOneStore runs two pipelines, each with its own clusterer
// as two worker processes have, taking turns on one SQLite store with
// batches of a shuffled generated corpus, and one pipeline taking the same
// batches in the same order: each worker replays the other's batches
// before its own, so the stored events must be identical, and consistent.
func TestTwoPipelinesOneStore(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 600 articles")
	}
	ctx := context.Background()
	arts, _ := sample.Generate(300, 7)
	for i := range arts {
		if err := ingest.Normalize(&arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	rand.New(rand.NewPCG(3, 3)).Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	run := func(workers int) []string {
		db := mustOpen(t)
		ps := make([]*pipeline.Pipeline, workers)
		for i := range ps {
			ps[i] = newPipeline(t, db)
		}
		for i, k := 0, 0; i < len(arts); i, k = i+12, k+1 {
			if _, err := ps[k%workers].Ingest(ctx, arts[i:min(i+12, len(arts))]); err != nil {
				t.Fatal(err)
			}
		}
		return storedPartition(t, db)
	}
	one, two := run(1), run(2)
	if !slices.Equal(one, two) {
		s := eval.Score(labels(one), labels(two))
		t.Errorf("2 pipelines made %d events, 1 made %d (BCubed F1 between them %.3f), want the same", len(two), len(one), s.BCubedF1)
	}
}

func labels(p []string) map[string]string {
	out := map[string]string{}
	for i, ev := range p {
		for _, id := range strings.Split(ev, ",") {
			out[id] = string(rune('A'+i%26)) + strings.Repeat("'", i/26)
		}
	}
	return out
}

// TestPipelineJoiningRestores starts a second pipeline on a store that
// already holds articles: it loads the span its batches need from the
// store, and from then on the two take turns. The store must stay
// consistent, and the events those of one pipeline.
func TestPipelineJoiningRestores(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 300 articles")
	}
	ctx := context.Background()
	arts, _ := sample.Generate(150, 11)
	for i := range arts {
		if err := ingest.Normalize(&arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	rand.New(rand.NewPCG(5, 5)).Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	an, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	run := func(join bool) []string {
		db := mustOpen(t)
		first := pipeline.New(db, an, pipeline.Options{})
		second := first
		if join {
			second = pipeline.New(db, an, pipeline.Options{})
		}
		for i, k := 0, 0; i < len(arts); i, k = i+10, k+1 {
			p := first
			if k >= 6 && k%2 == 1 { // the second joins after 60 articles
				p = second
			}
			if _, err := p.Ingest(ctx, arts[i:min(i+10, len(arts))]); err != nil {
				t.Fatal(err)
			}
		}
		return storedPartition(t, db)
	}
	one, joined := run(false), run(true)
	s := eval.Score(labels(one), labels(joined))
	t.Logf("joined by a restoring pipeline: %d events, one pipeline %d, identical %v, BCubed F1 between them %.3f",
		len(joined), len(one), slices.Equal(one, joined), s.BCubedF1)
	if s.BCubedF1 < 0.97 {
		t.Errorf("BCubed F1 between one pipeline and two (one joining late) = %.3f, want >= 0.97", s.BCubedF1)
	}
}

// failOnce is a store whose Commit fails once, at the given call.
type failOnce struct {
	*store.DB
	n, at int
}

func (f *failOnce) Commit(ctx context.Context, b store.Batch) error {
	f.n++
	if f.n == f.at {
		return errors.New("disk full")
	}
	return f.DB.Commit(ctx, b)
}

// TestFailedCommitForgetsTheBatch: when a commit fails, the clusterer has
// decided a batch the store does not hold. The pipeline must start again
// from the store, so that a run where a batch failed and was sent again at
// the end gives exactly the events of a run where that batch simply came
// last.
func TestFailedCommitForgetsTheBatch(t *testing.T) {
	ctx := context.Background()
	arts, _ := sample.Generate(120, 5)
	for i := range arts {
		if err := ingest.Normalize(&arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	var batches [][]news.Article
	for i := 0; i < len(arts); i += 8 {
		batches = append(batches, arts[i:min(i+8, len(arts))])
	}
	an, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1, 4, 7} {
		// The reference: batch k comes last.
		ref := mustOpen(t)
		p := pipeline.New(ref, an, pipeline.Options{})
		order := append(slices.Clone(batches[:k]), batches[k+1:]...)
		order = append(order, batches[k])
		for _, b := range order {
			if _, err := p.Ingest(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		want := storedPartition(t, ref)
		// Batch k fails to commit, and is sent again at the end.
		db := mustOpen(t)
		st := &failOnce{DB: db, at: k + 1}
		p = pipeline.New(st, an, pipeline.Options{})
		for i, b := range batches {
			res, err := p.Ingest(ctx, b)
			if (err != nil) != (i == k) || (i == k && len(res.New) != 0) {
				t.Fatalf("batch %d: %d new, error %v", i, len(res.New), err)
			}
		}
		if _, err := p.Ingest(ctx, batches[k]); err != nil {
			t.Fatal(err)
		}
		if got := storedPartition(t, db); !slices.Equal(got, want) {
			s := eval.Score(labels(want), labels(got))
			t.Errorf("batch %d failed and came again last: %d events, want %d (BCubed F1 between them %.3f)", k, len(got), len(want), s.BCubedF1)
		}
	}
}
