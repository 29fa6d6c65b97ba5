package cluster_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// sharedStore stands for the database several workers write into: the
// articles in commit order with their current event, and the log of
// every change of a stored article's event (what store.MovesSince reads).
type sharedStore struct {
	order   []news.Article
	event   map[string]string
	moves   []cluster.Assignment
	batches [][]news.Article
}

// worker is one process: its own clusterer and how far it has read the
// shared store.
type worker struct {
	c                            *cluster.Clusterer
	lastSeq, lastMove, lastBatch int
}

// ingest runs one batch the way the pipeline does: catch up with what
// the others stored (Restore their articles, Relabel their moves), decide,
// consolidate, commit.
func (w *worker) ingest(st *sharedStore, batch []news.Article) {
	// Replay the others' batches as they were decided, batch by batch.
	for len(st.batches) > w.lastBatch {
		for _, a := range st.batches[w.lastBatch] {
			w.c.Add(&a)
		}
		w.c.Consolidate()
		w.lastBatch++
	}
	w.c.Relabel(st.moves[w.lastMove:])
	var cur []cluster.Assignment
	for _, a := range st.order[w.lastSeq:] {
		cur = append(cur, cluster.Assignment{Article: a.ID, Event: st.event[a.ID]})
	}
	w.c.Relabel(cur)
	decided := map[string]string{}
	var order []string
	set := func(id, ev string) {
		if _, ok := decided[id]; !ok {
			order = append(order, id)
		}
		decided[id] = ev
	}
	for i := range batch {
		a := batch[i]
		set(a.ID, w.c.Add(&a).Event)
		for _, m := range w.c.Moved() {
			set(m.Article, m.Event)
		}
	}
	for _, m := range w.c.Consolidate() {
		set(m.Article, m.Event)
	}
	inBatch := map[string]bool{}
	for _, a := range batch {
		inBatch[a.ID] = true
		a.Event = decided[a.ID]
		st.order = append(st.order, a)
		st.event[a.ID] = a.Event
	}
	for _, id := range order {
		if ev := decided[id]; !inBatch[id] && st.event[id] != ev {
			st.event[id] = ev
			st.moves = append(st.moves, cluster.Assignment{Article: id, Event: ev})
		}
	}
	st.batches = append(st.batches, batch)
	w.lastSeq, w.lastMove, w.lastBatch = len(st.order), len(st.moves), len(st.batches)
}

func runWorkers(batches [][]news.Article, workers int) map[string]string {
	st := &sharedStore{event: map[string]string{}}
	ws := make([]*worker, workers)
	for i := range ws {
		ws[i] = &worker{c: cluster.New(cluster.DefaultConfig())}
	}
	for i, b := range batches {
		ws[i%workers].ingest(st, b)
	}
	return st.event
}

// TestWorkersReplay runs the sample corpus in batches of two through one
// clusterer and through four that share a store, each catching up with
// the others' articles and replaying their merges and splits before its
// own batch: the partitions must be identical, whichever order the four
// take their turns in.
func TestWorkersReplay(t *testing.T) {
	arts, labels := loadSample(t)
	rng := rand.New(rand.NewPCG(1, 1))
	rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	var batches [][]news.Article
	for i := 0; i < len(arts); i += 2 {
		batches = append(batches, arts[i:min(i+2, len(arts))])
	}
	want := runWorkers(batches, 1)
	for seed := range uint64(8) {
		t.Run(fmt.Sprintf("turns%d", seed), func(t *testing.T) {
			// Four workers taking turns in another order than the one
			// process, as processes racing for the lock do.
			bs := slices.Clone(batches)
			if seed > 0 {
				r := rand.New(rand.NewPCG(seed, 7))
				r.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
			}
			got := runWorkers(bs, 4)
			one := runWorkers(bs, 1)
			if partition(got) != partition(one) {
				t.Errorf("4 workers and 1 in the same batch order differ:\n4 workers:\n%s\n1:\n%s", labelled(got, labels), labelled(one, labels))
			}
			if partition(got) != partition(want) {
				t.Errorf("4 workers in turn order %d differ from 1 in file order:\n4 workers:\n%s\n1:\n%s", seed, labelled(got, labels), labelled(want, labels))
			}
		})
	}
}

// TestBatchOrder measures how free of arrival order one clusterer is on
// the sample corpus when it takes the articles in batches, as the pipeline
// does: 40 shuffles each cut into batches of 1, 2, 3, 5 and 8 articles
// (Consolidate after each batch), against publication order in batches of
// 2. Since Consolidate merges on the split's average and re-examines
// events as the idf drifts, all 200 give the same events (4 of 200
// before: a borderline report the split set apart under an early idf
// never came back); at least 95% must.
func TestBatchOrder(t *testing.T) {
	arts, _ := loadSample(t)
	cut := func(arts []news.Article, size int) [][]news.Article {
		var bs [][]news.Article
		for i := 0; i < len(arts); i += size {
			bs = append(bs, arts[i:min(i+size, len(arts))])
		}
		return bs
	}
	ref := runWorkers(cut(arts, 2), 1)
	want := partition(ref)
	same, total, worst := 0, 0, 1.0
	for _, size := range []int{1, 2, 3, 5, 8} {
		n := 0
		for seed := range uint64(40) {
			sh := slices.Clone(arts)
			rand.New(rand.NewPCG(seed, 5)).Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
			got := runWorkers(cut(sh, size), 1)
			if partition(got) == want {
				n++
			} else {
				worst = min(worst, eval.Score(ref, got).BCubedF1)
			}
		}
		t.Logf("batches of %d: %d of 40 shuffles give the same events", size, n)
		same, total = same+n, total+40
	}
	t.Logf("%d of %d give the same events; the others BCubed F1 >= %.3f against them", same, total, worst)
	if same < total*19/20 || worst < 0.9 {
		t.Errorf("%d of %d shuffles agree (worst BCubed F1 %.3f), want >= 95%% and >= 0.9", same, total, worst)
	}
}

// TestWorkersReplayGenerated is TestWorkersReplay on 400 generated articles
// in batches of 16, where many events of one kind share templates: four
// workers replaying each other's batches must give exactly the partition
// of one clusterer taking the batches in the same order. Across batch
// orders the clusterer itself is not exactly order-free on this corpus (a
// link judged under an earlier idf, a split of a group that formed
// otherwise): that agreement is measured and must stay high.
func TestWorkersReplayGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 400 articles 8 times")
	}
	arts, gold := sample.Generate(400, 42)
	rng := rand.New(rand.NewPCG(1, 1))
	rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	var batches [][]news.Article
	for i := 0; i < len(arts); i += 16 {
		batches = append(batches, arts[i:min(i+16, len(arts))])
	}
	want := runWorkers(batches, 1)
	t.Logf("1 clusterer: BCubed F1 against gold %.3f", eval.Score(gold, want).BCubedF1)
	for seed := range uint64(3) {
		bs := slices.Clone(batches)
		r := rand.New(rand.NewPCG(seed, 7))
		r.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		one, four := runWorkers(bs, 1), runWorkers(bs, 4)
		if partition(one) != partition(four) {
			s := eval.Score(one, four)
			t.Errorf("batch order %d: 4 workers differ from 1 in the same order (BCubed F1 between them %.3f)", seed, s.BCubedF1)
		}
		agree := eval.Score(want, one).BCubedF1
		t.Logf("batch order %d: identical to the first order: %v, BCubed F1 between them %.3f", seed, partition(one) == partition(want), agree)
		if agree < 0.98 {
			t.Errorf("batch order %d: BCubed F1 against the first order %.3f, want >= 0.98", seed, agree)
		}
	}
}
