package eval

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
)

// dataDir finds ../shared/data relative to the project root (the directory
// holding go.mod).
func dataDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package directory")
		}
		dir = parent
	}
}

func loadECBPlus(t testing.TB) []GoldArticle {
	t.Helper()
	path := filepath.Join(dataDir(t), "ecbplus", "ecbplus.dev.jsonl.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("ECB+ data absent (%v); see the shared data README", err)
	}
	gold, err := ReadGold(path)
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

func logReport(t *testing.T, r Report) {
	t.Logf("%-5s BCubed P/R/F1 %.2f/%.2f/%.2f  pairwise P/R/F1 %.2f/%.2f/%.2f  gold %d pred %d clusters, %d articles, %.0f articles/s",
		r.Split, 100*r.BCubedP, 100*r.BCubedR, 100*r.BCubedF1, 100*r.PairP, 100*r.PairR, 100*r.PairF1,
		r.GoldClusters, r.PredClusters, r.Articles, r.ArticlesPerSecond)
}

// TestECBPlus clusters the ECB+ file with the default configuration and
// fails if BCubed F1 on the whole file is below 0.90, in file order or
// shuffled. Each split is clustered on its own, with no knowledge of the
// number of clusters.
//
// History: 0.90 held while the clusterer compared articles with event
// centroids under size-dependent thresholds (92 in file order, ~85.5
// shuffled, and order-dependent on the sample corpus). The order-free
// single linkage (pairs and triangles, merges) fell to ~85 in both orders
// and the bar to 0.84. Consolidate's group-average split of what single
// linkage chained, with Threshold and splitLink tuned on the train topics
// and 48 kept vectors per event, gives ~91.2 in file order and ~91.1
// shuffled; the small gap is links judged at arrival with the idf of that
// moment.
func TestECBPlus(t *testing.T) {
	gold := loadECBPlus(t)
	for _, split := range []string{"train", "dev", "all"} {
		arts, err := Split(gold, split)
		if err != nil {
			t.Fatal(err)
		}
		r := Run(arts, cluster.DefaultConfig())
		r.Split = split
		logReport(t, r)
		if split == "all" && r.BCubedF1 < 0.90 {
			t.Errorf("ECB+ all: BCubed F1 = %.4f, want >= 0.90", r.BCubedF1)
		}
	}
	// The whole file in a shuffled order, as several workers would
	// deliver it.
	perm := rand.New(rand.NewPCG(7, 7)).Perm(len(gold))
	r := RunOrder(gold, cluster.DefaultConfig(), perm)
	r.Split = "shuf"
	logReport(t, r)
	if r.BCubedF1 < 0.90 {
		t.Errorf("ECB+ all, shuffled: BCubed F1 = %.4f, want >= 0.90", r.BCubedF1)
	}
}
