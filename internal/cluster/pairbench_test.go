package cluster

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// BenchmarkPairFeatures scores every pair of 300 ECB+ dev articles: the
// cost of one pair's features, which settling pays millions of times.
func BenchmarkPairFeatures(b *testing.B) {
	f, err := os.Open("../../../shared/data/ecbplus/ecbplus.dev.jsonl.gz")
	if err != nil {
		b.Skipf("ECB+ dev file not found (../shared/data): %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	c := New(DefaultConfig())
	var docs []*doc
	for len(docs) < 300 {
		var r struct{ ID, Title, Text, Lang string }
		if err := dec.Decode(&r); err != nil {
			b.Fatalf("after %d articles: %v", len(docs), err)
		}
		a := news.Article{ID: r.ID, Title: r.Title, Text: r.Text, Lang: r.Lang}
		docs = append(docs, c.vectorize(&a))
	}
	for _, d := range docs {
		c.weigh(d)
	}
	b.ResetTimer()
	start := CPUTime()
	var feat [numFeatures]float64
	pairs := 0
	for b.Loop() {
		for i, x := range docs {
			for _, y := range docs[:i] {
				c.features(x, y, &feat)
				pairs++
			}
		}
	}
	if cpu := CPUTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(pairs), "cpu-ns/pair")
	}
}
