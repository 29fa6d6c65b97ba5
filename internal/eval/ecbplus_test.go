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

// TestECBPlus clusters the ECB+ splits with the default configuration:
// the dev topics (which the pair scorer was not trained on) must reach
// BCubed F1 0.92, the whole file 0.87 in file order and shuffled. Each
// split is clustered on its own, with no knowledge of the number of
// clusters.
//
// History: the streaming single-linkage clusterer with hand-set knobs
// gave 91.2 on the whole file and 90.7 on dev; the learned pair scorer
// with average linkage per component gives 93.5 on dev and 88.8 on the
// whole file, where undated articles of all topics meet.
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
		// The pair scorer is trained on the train topics: dev is the
		// held-out figure (0.935). The whole file, undated and so without
		// the time gap's help, mixes topics more (0.888).
		if split == "dev" && r.BCubedF1 < 0.92 {
			t.Errorf("ECB+ dev: BCubed F1 = %.4f, want >= 0.92", r.BCubedF1)
		}
		if split == "all" && r.BCubedF1 < 0.87 {
			t.Errorf("ECB+ all: BCubed F1 = %.4f, want >= 0.87", r.BCubedF1)
		}
	}
	// The whole file in a shuffled order, as several workers would
	// deliver it.
	perm := rand.New(rand.NewPCG(7, 7)).Perm(len(gold))
	r := RunOrder(gold, cluster.DefaultConfig(), perm)
	r.Split = "shuf"
	logReport(t, r)
	if r.BCubedF1 < 0.87 {
		t.Errorf("ECB+ all, shuffled: BCubed F1 = %.4f, want >= 0.87", r.BCubedF1)
	}
}
