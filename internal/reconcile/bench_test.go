package reconcile

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// ecbPath finds the ECB+ dev file: ../shared/data relative to the
// directory holding go.mod.
func ecbPath(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the package directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", "ecbplus", "ecbplus.dev.jsonl.gz")
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("ECB+ data not found at %s (see /work/shared/data/README.md): %v", p, err)
	}
	return p
}

// ecbClusters reads the ECB+ dev file: articles by gold cluster.
func ecbClusters(tb testing.TB) map[string][]news.Article {
	tb.Helper()
	f, err := os.Open(ecbPath(tb))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", f.Name(), err)
	}
	type rec struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Text      string `json:"text"`
		Source    string `json:"source"`
		URL       string `json:"url"`
		Published string `json:"published"`
		Cluster   string `json:"cluster"`
	}
	byCluster := map[string][]news.Article{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var r rec
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s:%d: %v", f.Name(), line, err)
		}
		a := news.Article{ID: r.ID, Title: r.Title, Text: r.Text, Source: r.Source, URL: r.URL, Lang: "en"}
		if t, err := time.Parse(time.RFC3339, r.Published); err == nil {
			a.Published = t
		}
		byCluster[r.Cluster] = append(byCluster[r.Cluster], a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", f.Name(), err)
	}
	return byCluster
}

type ecbEvent struct {
	ev   news.Event
	arts []news.Article
	an   []news.Analysis
}

// ecbEvents returns the n biggest ECB+ stories, analysed by extract.
func ecbEvents(tb testing.TB, n int) []ecbEvent {
	byCluster := ecbClusters(tb)
	var names []string
	for c := range byCluster {
		names = append(names, c)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(byCluster[names[i]]) != len(byCluster[names[j]]) {
			return len(byCluster[names[i]]) > len(byCluster[names[j]])
		}
		return names[i] < names[j]
	})
	analyze := extractAnalyzer(tb)
	var out []ecbEvent
	for _, c := range names[:min(n, len(names))] {
		e := ecbEvent{ev: news.Event{ID: "ecb-" + c}, arts: byCluster[c]}
		for i := range e.arts {
			e.ev.Articles = append(e.ev.Articles, e.arts[i].ID)
			e.an = append(e.an, analyze(&e.arts[i]))
		}
		out = append(out, e)
	}
	return out
}

// benchEvent makes one event of n articles of at least size bytes from
// the biggest ECB+ story: real news text about one happening, each
// article made of two of the story's reports (so sentences repeat across
// articles, the costly case for alignment), analysed by extract beforehand.
func benchEvent(b *testing.B, n, size int) (news.Event, []news.Article, []news.Analysis) {
	byCluster := ecbClusters(b)
	best := ""
	for c, as := range byCluster {
		if best == "" || len(as) > len(byCluster[best]) || (len(as) == len(byCluster[best]) && c < best) {
			best = c
		}
	}
	src := byCluster[best]
	sort.Slice(src, func(i, j int) bool { return src[i].ID < src[j].ID })
	analyze := extractAnalyzer(b)
	ev := news.Event{ID: "bench"}
	var arts []news.Article
	var an []news.Analysis
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		a := src[i%len(src)]
		text := a.Text
		for k := 1; len(text) < size; k++ {
			text += "\n\n" + src[(i+k)%len(src)].Text
		}
		a.ID = fmt.Sprintf("a%02d", i)
		a.Text = text
		a.Source = fmt.Sprintf("outlet%02d.example", i)
		a.Lang = "en"
		a.Published = t0.Add(time.Duration(i) * 17 * time.Minute)
		arts = append(arts, a)
		ev.Articles = append(ev.Articles, a.ID)
		an = append(an, analyze(&arts[i]))
	}
	return ev, arts, an
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBuild50 rebuilds one event's dossier from 50 articles of about
// 3 KB with analyses precomputed: the pipeline's cost per touched event.
func BenchmarkBuild50(b *testing.B) {
	ev, arts, an := benchEvent(b, 50, 3000)
	total := 0
	for _, a := range arts {
		total += len(a.Text)
	}
	b.ReportMetric(float64(total)/float64(len(arts)), "bytes/article")
	run := func(b *testing.B) {
		var out news.Event
		// The machine is shared, so wall time per op also measures the
		// neighbours; process CPU time per op is reported next to it.
		cpu0 := cpuTime()
		for b.Loop() {
			out = Build(ev, arts, an)
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(len(out.Claims)), "claims")
	}
	b.Run("extract", run)
	// reconcile's own share: Build with the fallback canonicaliser.
	b.Run("fallback", func(b *testing.B) {
		c, h := canonicalize, happeningDate
		canonicalize, happeningDate = fallbackCanonicalize, fallbackHappening
		defer func() { canonicalize, happeningDate = c, h }()
		run(b)
	})
}
