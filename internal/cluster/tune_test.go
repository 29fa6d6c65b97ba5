package cluster_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
)

// TestTune sweeps the threshold for a few variants of the scoring knobs on
// the ECB+ train topics (DOSSIER_TUNE_SPLIT=dev or all for the others;
// DOSSIER_TUNE_SHUFFLE=1 interleaves the topics). It only runs with
// DOSSIER_TUNE=1, since it is a tool for choosing defaults, not a check.
func TestTune(t *testing.T) {
	if os.Getenv("DOSSIER_TUNE") == "" {
		t.Skip("set DOSSIER_TUNE=1 to sweep the clustering knobs on ECB+ train")
	}
	gold, err := eval.ReadGold(filepath.Join("..", "..", "..", "shared", "data", "ecbplus", "ecbplus.dev.jsonl.gz"))
	if err != nil {
		t.Skip(err)
	}
	split := os.Getenv("DOSSIER_TUNE_SPLIT")
	if split == "" {
		split = "train"
	}
	arts, _ := eval.Split(gold, split)
	if os.Getenv("DOSSIER_TUNE_SHUFFLE") != "" {
		// Interleave topics as a live stream would, deterministically.
		rng := rand.New(rand.NewPCG(7, 7))
		rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	}
	var b strings.Builder
	type variant struct {
		name string
		set  func()
	}
	// Snapshot the defaults so that each variant starts from them.
	k := cluster.Knobs
	f64 := []*float64{k.LinkWeight, k.NameBonus, k.MaxBonus, k.YearConflict, k.RareMin, k.RareFrac, k.SplitLink, k.TriangleFactor}
	ints := []*int{k.MaxCand, k.LinkCands, k.VecTerms}
	var f64v []float64
	var intv []int
	for _, p := range f64 {
		f64v = append(f64v, *p)
	}
	for _, p := range ints {
		intv = append(intv, *p)
	}
	cw, gw, gof := *k.ChannelWeight, *k.GroupWeight, *k.GroupOf
	base := func() {
		for i, p := range f64 {
			*p = f64v[i]
		}
		for i, p := range ints {
			*p = intv[i]
		}
		*k.ChannelWeight, *k.GroupWeight, *k.GroupOf = cw, gw, gof
	}
	variants := []variant{
		{"default", func() {}},
		{"no-year-conflict", func() { *cluster.Knobs.YearConflict = 1 }},
		{"one-group", func() { *cluster.Knobs.GroupOf = [8]int{} }},
		{"split-0.16", func() { *cluster.Knobs.SplitLink = 0.16 }},
		{"split-0.2", func() { *cluster.Knobs.SplitLink = 0.2 }},
		{"tri-0.7", func() { *cluster.Knobs.TriangleFactor = 0.7 }},
		{"tri-1", func() { *cluster.Knobs.TriangleFactor = 1 }},
		{"year-0.5", func() { *cluster.Knobs.YearConflict = 0.5 }},
		{"year-0.75", func() { *cluster.Knobs.YearConflict = 0.75 }},
		{"no-split", func() { *cluster.Knobs.SplitLink = -1 }},
	}
	for _, v := range variants {
		base()
		v.set()
		bestF, bestT := 0.0, 0.0
		var line string
		for th := 0.2; th < 0.36; th += 0.03 {
			cfg := cluster.DefaultConfig()
			cfg.Threshold = th
			r := eval.Run(arts, cfg)
			if r.BCubedF1 > bestF {
				bestF, bestT = r.BCubedF1, th
				line = fmt.Sprintf("B3 %.2f/%.2f/%.2f  pair %.2f/%.2f/%.2f  pred %d", 100*r.BCubedP, 100*r.BCubedR, 100*r.BCubedF1, 100*r.PairP, 100*r.PairR, 100*r.PairF1, r.PredClusters)
			}
		}
		fmt.Fprintf(&b, "%-18s best th %.2f  %s\n", v.name, bestT, line)
	}
	base()
	t.Log("\n" + b.String())
}

func TestTuneDebug(t *testing.T) {
	if os.Getenv("DOSSIER_TUNE_DEBUG") == "" {
		t.Skip("set DOSSIER_TUNE_DEBUG=1")
	}
	gold, err := eval.ReadGold(filepath.Join("..", "..", "..", "shared", "data", "ecbplus", "ecbplus.dev.jsonl.gz"))
	if err != nil {
		t.Skip(err)
	}
	split := os.Getenv("DOSSIER_TUNE_SPLIT")
	if split == "" {
		split = "train"
	}
	arts, _ := eval.Split(gold, split)
	c := cluster.New(cluster.DefaultConfig())
	type k struct{ ev, gold string }
	cnt := map[k]int{}
	var order []string
	seen := map[string]bool{}
	topicOf := map[string]string{}
	goldSeen := map[string]bool{}
	var miss strings.Builder
	for i := range arts {
		as := c.Add(&arts[i].Article)
		if as.NewEvent && goldSeen[arts[i].Cluster] {
			txt := arts[i].Text
			if len(txt) > 150 {
				txt = txt[:150]
			}
			fmt.Fprintf(&miss, "MISS %s score %.3f len %d: %s\n", arts[i].ID, as.Score, len(arts[i].Text), strings.ReplaceAll(txt, "\n", " | "))
		}
		goldSeen[arts[i].Cluster] = true
		cnt[k{as.Event, arts[i].Cluster}]++
		if !seen[as.Event] {
			seen[as.Event] = true
			order = append(order, as.Event)
			topicOf[as.Event] = arts[i].Topic
		}
	}
	var b strings.Builder
	for _, ev := range order {
		fmt.Fprintf(&b, "%s t%s:", ev, topicOf[ev])
		for kk, n := range cnt {
			if kk.ev == ev {
				fmt.Fprintf(&b, " %s=%d", kk.gold, n)
			}
		}
		b.WriteString("\n")
	}
	t.Log("\n" + b.String() + miss.String())
}
