package cluster_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

func probeRun(arts []news.Article, batch int) map[string]string {
	c := cluster.New(cluster.DefaultConfig())
	pred := map[string]string{}
	for s := 0; s < len(arts); s += batch {
		b := slices.Clone(arts[s:min(s+batch, len(arts))])
		slices.SortStableFunc(b, func(x, y news.Article) int { return x.Published.Compare(y.Published) })
		for _, a := range c.Add(b).Assignments {
			pred[a.Article] = a.Event
		}
	}
	return pred
}

func TestProbeAgreement(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		t.Skip()
	}
	var arts []news.Article
	var gold map[string]string
	if p := os.Getenv("PROBE_GOLD"); p != "" {
		g, err := eval.ReadGold(p)
		if err != nil {
			t.Fatal(err)
		}
		gold = map[string]string{}
		for _, x := range g {
			arts = append(arts, x.Article)
			gold[x.ID] = x.Cluster
		}
	} else {
		arts, gold = sample.Generate(600, 1)
	}
	slices.SortStableFunc(arts, func(x, y news.Article) int {
		if c := x.Published.Compare(y.Published); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	rev := slices.Clone(arts)
	slices.Reverse(rev)
	runs := map[string]map[string]string{
		"fwd64":   probeRun(arts, 64),
		"fwd256":  probeRun(arts, 256),
		"fwd1024": probeRun(arts, 1024),
		"rev256":  probeRun(rev, 256),
	}
	for k, r := range runs {
		t.Logf("%s vs gold: %.4f", k, eval.Score(gold, r).BCubedF1)
	}
	base := runs["fwd256"]
	for k, r := range runs {
		t.Logf("%s vs fwd256: %.4f", k, eval.Score(base, r).BCubedF1)
	}
}
