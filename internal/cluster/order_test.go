package cluster_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// loadSample ingests the bundled sample corpus the way `dossier demo`
// does and returns its articles in publication order (ties by id) with
// their gold labels.
func loadSample(t *testing.T) ([]news.Article, map[string]string) {
	t.Helper()
	arts, err := sample.Read(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	gold, err := sample.GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	labels := sample.Labels(gold, arts)
	if len(labels) != len(arts) || len(arts) != len(gold) {
		t.Fatalf("sample corpus: %d articles, %d labelled, %d gold labels", len(arts), len(labels), len(gold))
	}
	slices.SortStableFunc(arts, func(x, y news.Article) int {
		if c := x.Published.Compare(y.Published); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return arts, labels
}

// clusterFinal adds arts in order, consolidates, and returns the final
// partition (after merges) as article id → event id.
func clusterFinal(arts []news.Article) map[string]string {
	return clusterFinalCfg(arts, cluster.DefaultConfig())
}

func clusterFinalCfg(arts []news.Article, cfg cluster.Config) map[string]string {
	c := cluster.New(cfg)
	pred := map[string]string{}
	for i := range arts {
		a := arts[i]
		pred[a.ID] = c.Add(&a).Event
		for _, m := range c.Moved() {
			pred[m.Article] = m.Event
		}
	}
	for _, m := range c.Consolidate() {
		pred[m.Article] = m.Event
	}
	return pred
}

// partition renders a clustering as its sorted groups of article ids, so
// two clusterings compare equal when they group alike, whatever the ids.
func partition(pred map[string]string) string {
	groups := map[string][]string{}
	for id, ev := range pred {
		groups[ev] = append(groups[ev], id)
	}
	var out []string
	for _, g := range groups {
		slices.Sort(g)
		out = append(out, strings.Join(g, " "))
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// TestSampleOrderInvariant clusters the sample corpus in publication order
// and in five shuffled orders: the partitions must be identical (the
// issue's "4 workers ingesting one shuffled corpus give the same events as
// 1"), and close to gold.
func TestSampleOrderInvariant(t *testing.T) {
	arts, labels := loadSample(t)
	want := clusterFinal(arts)
	s := eval.Score(labels, want)
	t.Logf("publication order: %d events (gold %d), BCubed P/R/F1 %.3f/%.3f/%.3f", s.PredClusters, s.GoldClusters, s.BCubedP, s.BCubedR, s.BCubedF1)
	if s.BCubedF1 < 0.9 {
		t.Errorf("publication order: BCubed F1 = %.3f, want >= 0.9\n%s", s.BCubedF1, labelled(want, labels))
	}
	for seed := range uint64(5) {
		t.Run(fmt.Sprintf("shuffle%d", seed), func(t *testing.T) {
			sh := slices.Clone(arts)
			rng := rand.New(rand.NewPCG(seed, 99))
			rng.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
			got := clusterFinal(sh)
			if partition(got) != partition(want) {
				gs := eval.Score(labels, got)
				t.Errorf("shuffled order gives %d events, publication order %d; shuffled:\n%s\npublication order:\n%s",
					gs.PredClusters, s.PredClusters, labelled(got, labels), labelled(want, labels))
			}
		})
	}
}

// labelled renders a partition with each article's gold label.
func labelled(pred, labels map[string]string) string {
	l := map[string]string{}
	for id, ev := range pred {
		l[id+"("+labels[id]+")"] = ev
	}
	return partition(l)
}
