package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// crashEnv tells a re-executed test binary to act as the child of TestCrashRecovery.
const crashEnv = "DOSSIER_STORE_CRASH_CHILD"

const crashBatch = 200 // articles per batch: a commit long enough to be killed inside

func crashBatchOf(i int) Batch {
	var b Batch
	ev := fmt.Sprintf("crash-ev-%d", i)
	for j := range crashBatch {
		id := fmt.Sprintf("crash-%d-%d", i, j)
		a := article(id, fmt.Sprintf("s%d.org", j%7), "en", t0.Add(time.Duration(i)*time.Minute), "Title "+id,
			strings.Repeat("Words about batch "+strconv.Itoa(i)+" and Zürich. ", 20), ev)
		b.Articles = append(b.Articles, a)
		b.Analyses = append(b.Analyses, news.Analysis{Article: id, Lang: "en"})
	}
	b.Events = []news.Event{{ID: ev, Title: "Event " + ev, Articles: articleIDs(b.Articles), First: t0, Last: t0,
		Sources: []string{"s0.org"}, Entities: []news.Entity{{ID: "org:x", Name: "X", Type: news.Org}}}}
	return b
}

// TestCrashChild is the child process of TestCrashRecovery: it commits batches in a loop and
// reports each one on stdout once Commit has returned. It does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	dsn := os.Getenv(crashEnv)
	if dsn == "" {
		t.Skip("only runs as the child of TestCrashRecovery")
	}
	db, err := Open(context.Background(), dsn)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	deadline := time.Now().Add(60 * time.Second) // never outlive a lost parent for long
	for i := 0; i < 100000 && time.Now().Before(deadline); i++ {
		if err := db.Commit(context.Background(), crashBatchOf(i)); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("committed", i)
	}
	os.Exit(0)
}

// TestCrashRecovery kills a process with SIGKILL while it commits batches, then checks that
// every batch it reported committed is intact, that no batch is half there, and (SQLite)
// that the file passes PRAGMA integrity_check and takes new writes.
func TestCrashRecovery(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("child")
	}
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			if be.skip != "" {
				t.Skip(be.skip)
			}
			_, dsn := be.open(t) // create and migrate, then let the child write
			for round := range 2 {
				crashRound(t, dsn, round)
			}
		})
	}
}

func crashRound(t *testing.T, dsn string, round int) {
	ctx := context.Background()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+dsn)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	committed := map[int]bool{}
	sc := bufio.NewScanner(out)
	// Round 0 kills early, round 1 later; either way the kill lands while the child is in
	// its next Commit (it starts one as soon as it has printed).
	want := 5 + 10*round
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "committed "); ok {
			i, _ := strconv.Atoi(n)
			committed[i] = true
			if len(committed) >= want {
				break
			}
			continue
		}
		if strings.HasPrefix(line, "error") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %s", line)
		}
	}
	time.Sleep(3 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill child: %v", err)
	}
	cmd.Wait()
	if len(committed) < want {
		t.Fatalf("child reported %d batches before it stopped, want %d", len(committed), want)
	}

	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open after kill: %v", err)
	}
	defer db.Close()
	if !db.pg {
		var res string
		if err := db.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
			t.Fatalf("integrity_check = %q, %v, want ok", res, err)
		}
		if _, err := db.w.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
			t.Fatalf("FTS5 integrity-check: %v", err)
		}
	}
	// Count each batch's articles: a batch is all there or not at all.
	rows, err := db.r.QueryContext(ctx, `SELECT id, event FROM articles WHERE id LIKE 'crash-%'`)
	if err != nil {
		t.Fatal(err)
	}
	perBatch := map[int]int{}
	for rows.Next() {
		var id, ev string
		if err := rows.Scan(&id, &ev); err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(id, "-")
		i, _ := strconv.Atoi(parts[1])
		perBatch[i]++
		if ev != "crash-ev-"+parts[1] {
			t.Errorf("article %s has event %q", id, ev)
		}
	}
	rows.Close()
	for i := range committed {
		if perBatch[i] != crashBatch {
			t.Errorf("round %d: batch %d reported committed has %d of %d articles", round, i, perBatch[i], crashBatch)
		}
	}
	for i, n := range perBatch {
		if n != crashBatch {
			t.Errorf("round %d: batch %d is half written: %d of %d articles", round, i, n, crashBatch)
		}
		if _, err := db.Event(ctx, fmt.Sprintf("crash-ev-%d", i)); err != nil {
			t.Errorf("round %d: event of batch %d: %v", round, i, err)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Events != len(perBatch) {
		t.Errorf("round %d: Stats = %+v, %v, want %d events", round, st, err, len(perBatch))
	}
	// The store takes writes and searches after the crash.
	mustCommit(t, db, Batch{Articles: []news.Article{article(fmt.Sprintf("after-%d", round), "x.org", "en", t0, "After", "After the crash", "")}})
	if hits, _, err := db.Search(ctx, "zurich", 5, 0); err != nil || len(hits) == 0 {
		t.Errorf("Search after crash = %d hits, %v", len(hits), err)
	}
	t.Logf("round %d: %d batches reported, %d stored", round, len(committed), len(perBatch))
}
