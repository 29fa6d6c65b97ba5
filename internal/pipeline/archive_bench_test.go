package pipeline_test

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
)

// BenchmarkArchive ingests a generated archive into a fresh SQLite store
// in publication order in batches of 256, as `dossier ingest` does: by default 100,000
// articles spanning three years (DOSSIER_ARCHIVE_N and
// DOSSIER_ARCHIVE_DAYS change that). It reports articles per second of
// the whole run and the largest heap in use after a batch, and logs the
// live heap at each tenth of the archive (the generated input, held by
// the benchmark, is part of it): memory must follow the window, not the
// archive.
//
//	go test ./internal/pipeline -bench Archive -run '^$' -benchtime 1x -v
func BenchmarkArchive(b *testing.B) {
	n, days := envInt("DOSSIER_ARCHIVE_N", 100_000), envInt("DOSSIER_ARCHIVE_DAYS", 1095)
	arts, _ := sample.GenerateSpan(n, 1, days)
	// An archive comes in publication order (the generator writes event
	// after event); within a batch the order does not matter.
	slices.SortStableFunc(arts, func(x, y news.Article) int { return x.Published.Compare(y.Published) })
	for i := range arts {
		if err := ingest.Normalize(&arts[i]); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	for b.Loop() {
		db := mustOpen(b)
		p := newPipeline(b, db)
		peak, done, profiled := uint64(0), 0, false
		var cpu *os.File
		next := n / 10
		start := time.Now()
		sum, err := p.IngestAll(ctx, func(fn func(*news.Article, error) error) error {
			for i := range arts {
				if err := fn(&arts[i], nil); err != nil {
					return err
				}
			}
			return nil
		}, 256, func(r pipeline.Result) {
			done += len(r.New) + len(r.Duplicate)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			if done >= next {
				// The live heap (after a collection), which includes the
				// generated input the benchmark holds.
				runtime.GC()
				runtime.ReadMemStats(&ms)
				b.Logf("%7d articles, %6.0f s: live heap %4d MB", done, time.Since(start).Seconds(), ms.HeapAlloc>>20)
				if path := os.Getenv("DOSSIER_ARCHIVE_HEAP"); path != "" && done >= n*9/10 && !profiled {
					profiled = true
					if f, err := os.Create(path); err == nil {
						pprof.WriteHeapProfile(f) // what holds memory late in the run
						f.Close()
					}
				}
				if path := os.Getenv("DOSSIER_ARCHIVE_CPU"); path != "" && done >= n/2 && cpu == nil {
					// The second half of the run, where the window is full.
					if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
						cpu = f
					}
				}
				next += n / 10
			}
		})
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		secs := time.Since(start).Seconds()
		b.ReportMetric(float64(sum.Read)/secs, "articles/s")
		b.ReportMetric(float64(peak>>20), "peak-heap-MB")
		b.Logf("%d read, %d new, %d duplicate, %d rejected, %d events in %.0f s", sum.Read, sum.New, sum.Duplicate, sum.Rejected, sum.NewEvents, secs)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
