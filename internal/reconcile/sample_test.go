package reconcile

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// sampleEvents builds, end to end, one event per gold cluster of the
// JSONL part of the project's sample corpus (internal/sample/corpus).
func sampleEvents(t *testing.T) map[string]news.Event {
	t.Helper()
	dir := filepath.Join("..", "sample", "corpus")
	gold := map[string]string{}
	g, err := os.ReadFile(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Skipf("sample corpus not found: %v", err)
	}
	for i, l := range strings.Split(strings.TrimSpace(string(g)), "\n") {
		var r struct{ ID, Cluster string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%s:%d: %v", filepath.Join(dir, "gold.jsonl"), i+1, err)
		}
		gold[r.ID] = r.Cluster
	}
	f, err := os.Open(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	analyze := extractAnalyzer(t)
	arts := map[string][]news.Article{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for line := 1; sc.Scan(); line++ {
		var a news.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s:%d: %v", f.Name(), line, err)
		}
		if c := gold[a.ID]; c != "" {
			arts[c] = append(arts[c], a)
		}
	}
	var clusters []string
	for c := range arts {
		clusters = append(clusters, c)
	}
	sort.Strings(clusters)
	evs := map[string]news.Event{}
	for _, c := range clusters {
		ev := news.Event{ID: c}
		var an []news.Analysis
		for i := range arts[c] {
			ev.Articles = append(ev.Articles, arts[c][i].ID)
			an = append(an, analyze(&arts[c][i]))
		}
		evs[c] = Build(ev, arts[c], an)
	}
	return evs
}

// TestSampleCorpus checks the dossiers of the sample corpus's happenings:
// the ferry's toll (12, later 15 dead) is a disagreement on the dead (an
// update: see TestDemoDisagreements), and the one-week
// follow-up of a minister's visit is its storyline while an earthquake
// is not.
func TestSampleCorpus(t *testing.T) {
	evs := sampleEvents(t)
	ferry, ok := evs["ferry-bergen"]
	if !ok {
		t.Skip("sample corpus has no ferry-bergen happening")
	}
	i := slices.IndexFunc(ferry.Claims, func(c news.Claim) bool { return c.Slot == "figure:dead" })
	if i < 0 {
		t.Errorf("ferry-bergen has no conflict on the number dead; claims: %+v", ferry.Claims)
	} else {
		var vals []string
		for _, v := range ferry.Claims[i].Values {
			vals = append(vals, v.Value)
		}
		slices.Sort(vals)
		if strings.Join(vals, ",") != "12 dead,15 dead" {
			t.Errorf("ferry-bergen toll values = %v, want 12 dead and 15 dead", vals)
		}
	}
	var all []news.Event
	for _, ev := range evs {
		all = append(all, ev)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	for _, ev := range all {
		for _, r := range Related(ev, all) {
			t.Logf("related: %s -> %s %.3f (%s)", ev.ID, r.Event, r.Score, r.Reason)
		}
	}
	if tallinn, ok := evs["vellander-tallinn"]; ok {
		rel := Related(tallinn, all)
		if len(rel) == 0 || rel[0].Event != "vellander-helsinki" {
			t.Errorf("Related(vellander-tallinn) = %+v, want vellander-helsinki first", rel)
		}
		for _, r := range rel {
			if strings.HasPrefix(r.Event, "quake") || strings.HasPrefix(r.Event, "ferry") {
				t.Errorf("Related(vellander-tallinn) links unrelated %s (%s)", r.Event, r.Reason)
			}
		}
	}
}
