package cluster

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// genArticles makes n synthetic ~3 KB articles about n/8 events: each
// event has its own names, place, year and figures, and its articles mix
// them with general vocabulary, so the clusterer does realistic work
// (candidate retrieval, scoring, joins, evictions by time).
func genArticles(n int) []news.Article {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		const letters = "abcdefghijklmnopqrstuvwxyz"
		l := 3 + rng.IntN(7)
		var b strings.Builder
		for range l {
			b.WriteByte(letters[rng.IntN(26)])
		}
		return b.String()
	}
	// General vocabulary follows Zipf's law, as real text does, so the
	// document-frequency table grows as it would on real news.
	common := make([]string, 20000)
	for i := range common {
		common[i] = word()
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(common)-1))
	type ev struct {
		names []string
		words []string
		year  int
	}
	evs := make([]ev, n/8+1)
	for i := range evs {
		e := ev{year: 1990 + rng.IntN(35)}
		for range 4 {
			w := word()
			e.names = append(e.names, strings.ToUpper(w[:1])+w[1:])
		}
		for range 30 {
			e.words = append(e.words, common[200+rng.IntN(len(common)-200)])
		}
		evs[i] = e
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]news.Article, n)
	for i := range out {
		ei := i / 8
		if rng.IntN(3) == 0 {
			ei = rng.IntN(i/8 + 1)
		}
		e := evs[ei]
		var b strings.Builder
		for b.Len() < 3000 {
			switch r := rng.IntN(20); {
			case r < 3:
				b.WriteString(e.names[rng.IntN(len(e.names))])
			case r < 9:
				b.WriteString(e.words[rng.IntN(len(e.words))])
			case r == 9:
				fmt.Fprintf(&b, "%d", rng.IntN(500))
			case r == 10:
				fmt.Fprintf(&b, "in %d.\n", e.year)
				continue
			default:
				b.WriteString(common[zipf.Uint64()])
			}
			b.WriteByte(' ')
		}
		out[i] = news.Article{
			ID:        fmt.Sprintf("a%d", i),
			Title:     e.names[0] + " " + e.words[0] + " " + e.words[1],
			Text:      b.String(),
			Published: base.Add(time.Duration(i) * time.Minute),
			Source:    "example.org",
		}
	}
	return out
}

// BenchmarkAdd measures streaming clustering of ~3 KB articles and reports
// articles per second. Run it with GOMAXPROCS=1 for the one-core figure.
func BenchmarkAdd(b *testing.B) {
	arts := genArticles(4000)
	c := New(DefaultConfig())
	i := 0
	start, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		a := arts[i%len(arts)]
		if i >= len(arts) {
			a.ID = fmt.Sprintf("%s-%d", a.ID, i)
			a.Published = a.Published.Add(time.Duration(i) * time.Minute)
		}
		c.Add(&a)
		i++
	}
	b.ReportMetric(float64(i)/time.Since(start).Seconds(), "articles/s")
	// On a shared machine wall time includes waiting for a core; CPU time
	// (of the whole process, so GC included) is the fairer one-core figure.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(i)/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkRun measures `dossier cluster` end to end (JSONL in, JSONL out)
// on the same ~3 KB articles.
func BenchmarkRun(b *testing.B) {
	arts := genArticles(3000)
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, a := range arts {
		enc.Encode(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text, "published": a.Published.Format(time.RFC3339), "source": a.Source, "lang": "en"})
	}
	n := 0
	start, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		m, err := Run(DefaultConfig(), bytes.NewReader(in.Bytes()), io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		n += m
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkBatches measures clustering as the pipeline does it: batches of
// 64 articles, each followed by Consolidate (merges, splits, and the
// re-examination of events whose idf has drifted).
func BenchmarkBatches(b *testing.B) {
	arts := genArticles(4000)
	n := 0
	start, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		c := New(DefaultConfig())
		for i := range arts {
			a := arts[i]
			c.Add(&a)
			if i%64 == 63 {
				c.Consolidate()
			}
		}
		c.Consolidate()
		n += len(arts)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}
