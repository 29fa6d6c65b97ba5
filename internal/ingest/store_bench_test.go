package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/ingest/html/testpages"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// ingestBatch is the number of articles per transaction, as
// `dossier ingest` commits them by default (its -batch flag).
const ingestBatch = 256

// BenchmarkIngestRealPages measures issue 6's speed bar: real HTML pages
// (Mozilla readability's test pages, from the module cache) read from
// files by the same path `dossier ingest page.html` takes — Walk's HTML
// reader, html.Extract, Normalize — and, in the "store" case, committed
// into a real SQLite store in batches of 256 articles. The "walk" case
// stops before the store, so the difference is the store's share.
//
// Each page is ingested many times; the store would skip a page it already
// holds (same id and hash), so every copy gets an id and hash of its own
// and is really inserted, full-text index included. pages/cpu-s is the
// per-core figure (run with GOMAXPROCS=1): pages per second of CPU time
// the whole process used, garbage collection and the final commit
// included.
func BenchmarkIngestRealPages(b *testing.B) {
	files := realPageFiles(b)
	ctx := context.Background()
	for _, toStore := range []bool{false, true} {
		name := "walk"
		if toStore {
			name = "store"
		}
		b.Run(name, func(b *testing.B) {
			var db *store.DB
			if toStore {
				var err error
				db, err = store.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "d.db"))
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { db.Close() })
			}
			var pending []news.Article
			flush := func() {
				if db != nil && len(pending) > 0 {
					if err := db.Commit(ctx, store.Batch{Articles: pending}); err != nil {
						b.Fatal(err)
					}
				}
				pending = pending[:0]
			}
			n, rejected, stored := 0, 0, 0
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				path := files[n%len(files)]
				err := ingest.Walk(ctx, []string{path}, ingest.Options{}, func(a *news.Article, err error) error {
					if err != nil {
						rejected++
						return nil
					}
					copyNo := "-" + strconv.Itoa(n)
					a.ID += copyNo
					a.Hash += copyNo
					pending = append(pending, *a)
					stored++
					if len(pending) >= ingestBatch {
						flush()
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			flush()
			b.ReportMetric(float64(rejected)/float64(n), "rejected/page")
			reportRate(b, n, cpu)
			if db != nil {
				// The store really holds what was committed.
				st, err := db.Stats(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if st.Articles != stored {
					b.Fatalf("store holds %d articles, committed %d", st.Articles, stored)
				}
			}
		})
	}
}

// realPageFiles writes the readability test pages (see realPagesDir) to a
// temporary directory as page files, the input `dossier ingest` reads.
func realPageFiles(b *testing.B) []string {
	dir := realPagesDir()
	if dir == "" {
		b.Skip("readability test pages not found in the module cache (run `go mod download codeberg.org/readeck/go-readability/v2`)")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	tmp := b.TempDir()
	var files []string
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		f := filepath.Join(tmp, e.Name()+".html")
		if err := os.WriteFile(f, src, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		b.Skip("no readability test pages in " + dir)
	}
	return files
}

// realPagesDir is the readability module's test pages (see testpages).
func realPagesDir() string { return testpages.Dir() }

// reportRate reports pages per second of wall time and per second of CPU
// time (user+system, all threads, GC included). The machine is shared, so
// wall time depends on the neighbours; CPU time is the per-core cost.
func reportRate(b *testing.B, n int, cpu0 time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	if used := cpuTime() - cpu0; used > 0 {
		b.ReportMetric(float64(n)/used.Seconds(), "pages/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
