package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// TestServeProcessesShareStore runs two `dossier serve` processes on one
// store, as behind a load balancer: reports of one happening posted to
// either land in one event, and both serve the same events.
func TestServeProcessesShareStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildDossier(t)
	// Four reports of the ferry disaster and two of the Lisbon strike.
	arts, err := sample.Read(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	gold, err := sample.GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	byEvent := map[string][]news.Article{}
	for _, a := range arts {
		if c, ok := sample.Label(gold, a.ID, a.Origin); ok {
			byEvent[c] = append(byEvent[c], a)
		}
	}
	ferry, strike := byEvent["ferry-bergen"], byEvent["lisbon-strike"]
	if len(ferry) < 4 || len(strike) < 2 {
		t.Fatalf("sample corpus: %d ferry reports, %d strike reports", len(ferry), len(strike))
	}
	backends := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "serve.db") },
		"postgres": func(t *testing.T) string { return freshPostgres(t, "serve") },
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn := backends[name](t)
			if out, err := exec.Command(bin, "migrate", "--db", dsn).CombinedOutput(); err != nil {
				t.Fatalf("migrate: %v\n%s", err, out)
			}
			a, b := startServe(t, bin, dsn), startServe(t, bin, dsn)
			post(t, a, ferry[:2])
			post(t, b, ferry[2:4])
			post(t, b, strike[:1])
			post(t, a, strike[1:2])
			var lists [2][]string
			for i, base := range []string{a, b} {
				var got struct {
					Total  int          `json:"total"`
					Events []news.Event `json:"events"`
				}
				getJSON(t, base+"/api/events?limit=50", &got)
				for _, ev := range got.Events {
					ids := slices.Clone(ev.Articles)
					slices.Sort(ids)
					lists[i] = append(lists[i], strings.Join(ids, ","))
				}
				slices.Sort(lists[i])
			}
			if !slices.Equal(lists[0], lists[1]) {
				t.Errorf("the two servers serve different events:\n%v\n%v", lists[0], lists[1])
			}
			if len(lists[0]) != 2 {
				t.Errorf("events = %v, want 2: the ferry's 4 reports and the strike's 2, posted to either server", lists[0])
			}
			// Reached under two addresses, the feed gives each event one permanent id.
			var ids [2][]string
			for i, base := range []string{a, b} {
				resp, err := http.Get(base + "/events.atom")
				if err != nil {
					t.Fatal(err)
				}
				var feed struct {
					Entries []struct {
						ID string `xml:"id"`
					} `xml:"entry"`
				}
				err = xml.NewDecoder(resp.Body).Decode(&feed)
				resp.Body.Close()
				if err != nil {
					t.Fatalf("GET %s/events.atom: %v", base, err)
				}
				for _, e := range feed.Entries {
					ids[i] = append(ids[i], e.ID)
				}
				slices.Sort(ids[i])
			}
			if !slices.Equal(ids[0], ids[1]) || len(ids[0]) != 2 || !strings.HasPrefix(ids[0][0], "tag:dossier,2026:event/") {
				t.Errorf("feed entry ids = %v and %v, want the same 2 tag: URIs from both servers", ids[0], ids[1])
			}
		})
	}
}

// startServe starts `dossier serve` on a free loopback port and returns its
// base URL once it answers; the process is stopped with SIGINT at cleanup.
func startServe(t *testing.T, bin, dsn string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--write", "--db", dsn, "--addr", addr)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		if err := cmd.Wait(); err != nil {
			t.Errorf("serve after SIGINT: %v\n%s", err, out.String())
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve on %s did not answer in 30s; output:\n%s", addr, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func post(t *testing.T, base string, arts []news.Article) {
	t.Helper()
	body, err := json.Marshal(arts)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/api/articles", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var b strings.Builder
		_, _ = fmt.Fprint(&b, resp.Status)
		t.Fatalf("POST %s/api/articles: %s", base, b.String())
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
