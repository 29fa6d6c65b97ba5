package cluster_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
)

// TestTune sweeps the threshold on the ECB+ train topics. It only runs with
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
	var b strings.Builder
	type variant struct {
		name string
		set  func()
	}
	cw := *cluster.Knobs.ChannelWeight
	base := func() {
		*cluster.Knobs.LinkWeight = 0.9
		*cluster.Knobs.NameBonus = 0.01
		*cluster.Knobs.MaxBonus = 0.05
		*cluster.Knobs.YearConflict = 0.6
		*cluster.Knobs.RareMin = 10
		*cluster.Knobs.RareFrac = 0.02
		*cluster.Knobs.LinkCands = 2
		*cluster.Knobs.VecTerms = 250
		*cluster.Knobs.SmallEvent = 0.5
		*cluster.Knobs.RampSize = 3
		*cluster.Knobs.ChannelWeight = cw
		*cluster.Knobs.GroupWeight = [3]float64{0.35, 0.5, 0.15}
	}
	variants := []variant{
		{"base", func() {}},
		{"g.45.45.1", func() { *cluster.Knobs.GroupWeight = [3]float64{0.45, 0.45, 0.1} }},
		{"g.3.6.1", func() { *cluster.Knobs.GroupWeight = [3]float64{0.3, 0.6, 0.1} }},
		{"g.3.5.2", func() { *cluster.Knobs.GroupWeight = [3]float64{0.3, 0.5, 0.2} }},
		{"link1", func() { *cluster.Knobs.LinkWeight = 1 }},
		{"link.8", func() { *cluster.Knobs.LinkWeight = 0.8 }},
		{"year.5", func() { *cluster.Knobs.YearConflict = 0.5 }},
		{"year.7", func() { *cluster.Knobs.YearConflict = 0.7 }},
	}
	for _, v := range variants {
		base()
		v.set()
		bestF, bestT := 0.0, 0.0
		var line string
		for th := 0.22; th < 0.35; th += 0.02 {
			cfg := cluster.DefaultConfig()
			cfg.Threshold = th
			r := eval.Run(arts, cfg)
			if r.BCubedF1 > bestF {
				bestF, bestT = r.BCubedF1, th
				line = fmt.Sprintf("B3 %.2f/%.2f/%.2f  pair %.2f/%.2f/%.2f  pred %d", 100*r.BCubedP, 100*r.BCubedR, 100*r.BCubedF1, 100*r.PairP, 100*r.PairR, 100*r.PairF1, r.PredClusters)
			}
		}
		fmt.Fprintf(&b, "%-10s best th %.2f  %s\n", v.name, bestT, line)
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
