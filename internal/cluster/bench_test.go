package cluster_test

import (
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// benchCorpus is ECB+ replicated to n articles when ../shared is there
// (each copy under new ids, a year later), else generated articles.
func benchCorpus(b *testing.B, n int) []news.Article {
	b.Helper()
	gold, err := eval.ReadGold(sharedData + "/ecbplus/ecbplus.dev.jsonl.gz")
	if err != nil {
		arts, _ := sample.Generate(n, 1)
		return arts
	}
	var out []news.Article
	for k := 0; len(out) < n; k++ {
		for _, g := range gold {
			a := g.Article
			a.ID = a.ID + "#" + string(rune('a'+k%26))
			out = append(out, a)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// BenchmarkCluster clusters 11,784 articles (ECB+ 15 times over, as the
// clustering issue measures) in batches of 256; articles/s is per
// CPU-second of the whole run.
func BenchmarkCluster(b *testing.B) {
	arts := benchCorpus(b, 11784)
	b.ResetTimer()
	start := cluster.CPUTime()
	for b.Loop() {
		c := cluster.New(cluster.DefaultConfig())
		for s := 0; s < len(arts); s += 256 {
			c.Add(arts[s:min(s+256, len(arts))])
		}
	}
	if cpu := (cluster.CPUTime() - start).Seconds(); cpu > 0 {
		b.ReportMetric(float64(b.N*len(arts))/cpu, "articles/cpu-s")
	}
}
