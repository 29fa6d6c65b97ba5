package reconcile

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// demoEvents reads the whole sample corpus as `dossier demo` does (JSONL,
// bare text and HTML through the ingester) and builds one event per gold
// cluster.
func demoEvents(t *testing.T) map[string]news.Event {
	t.Helper()
	arts, err := sample.Read(context.Background(), t.TempDir())
	if err != nil {
		t.Fatalf("sample.Read: %v", err)
	}
	gold, err := sample.GoldLabels()
	if err != nil {
		t.Fatalf("sample.GoldLabels: %v", err)
	}
	labels := sample.Labels(gold, arts)
	analyze := extractAnalyzer(t)
	byCluster := map[string][]news.Article{}
	for _, a := range arts {
		if c := labels[a.ID]; c != "" {
			byCluster[c] = append(byCluster[c], a)
		}
	}
	evs := map[string]news.Event{}
	for c, as := range byCluster {
		ev := news.Event{ID: c}
		var an []news.Analysis
		for i := range as {
			ev.Articles = append(ev.Articles, as[i].ID)
			an = append(an, analyze(&as[i]))
		}
		evs[c] = Build(ev, as, an)
	}
	return evs
}

// TestDemoDisagreements checks the five disagreements built into the
// sample corpus (corpus/README.md, "Conflicting figures"): two tolls that
// rose between one day's reports and the next (updates) and three figures
// on which sources disagree (conflicts). Each is named by its event, the
// slot it is on and the values both sides give.
func TestDemoDisagreements(t *testing.T) {
	type wanted struct {
		event, slot string
		values      []string // sorted, as displayed
		kind        string
	}
	want := []wanted{
		{"ferry-bergen", "figure:dead", []string{"12 dead", "15 dead"}, news.KindUpdate},
		{"quake-izmir", "figure:injured", []string{"110 injured", "80 injured"}, news.KindUpdate},
		{"quake-crete", "figure:injured", []string{"40 injured", "42 injured"}, news.KindConflict},
		{"antwerp-theft", "figure:euro", []string{"10000000 euro", "6000000 euro"}, news.KindConflict},
		// Litres against tonnes: one amount in two units, shown side by
		// side and never converted (see amountClass).
		{"rhine-spill", "figure:amount", []string{"10 tonnes", "2000 litres"}, news.KindConflict},
	}
	evs := demoEvents(t)
	var names []string
	for n := range evs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, c := range evs[n].Claims {
			if c.Status == news.Conflicting {
				t.Logf("%s: %s %s %s", n, c.Kind, c.Slot, valuesOf(c))
			}
		}
	}
	// Nothing else is a disagreement: the corpus holds no other (an
	// aftershock's magnitude, a day later, is no conflict with the main
	// shock's).
	for _, n := range names {
		for _, c := range evs[n].Claims {
			if c.Status == news.Conflicting && !slices.ContainsFunc(want, func(w wanted) bool {
				return w.event == n && w.slot == c.Slot && valuesOf(c) == strings.Join(w.values, ",")
			}) {
				t.Errorf("%s: %s on %s %s is not one of the corpus's disagreements", n, c.Kind, c.Slot, valuesOf(c))
			}
		}
	}
	found, right := 0, 0
	for _, w := range want {
		i := slices.IndexFunc(evs[w.event].Claims, func(c news.Claim) bool {
			return c.Status == news.Conflicting && (w.slot == "" || c.Slot == w.slot) &&
				(w.values == nil || valuesOf(c) == strings.Join(w.values, ","))
		})
		if i < 0 {
			t.Logf("%s: disagreement %s %v not found", w.event, w.slot, w.values)
			continue
		}
		found++
		if got := evs[w.event].Claims[i].Kind; got != w.kind {
			t.Errorf("%s %s: kind = %q, want %q", w.event, w.slot, got, w.kind)
			continue
		}
		right++
	}
	t.Logf("demo disagreements: %d of %d found, %d labelled right", found, len(want), right)
	if found < len(want) {
		t.Errorf("found %d of %d demo disagreements, want all", found, len(want))
	}
}

func valuesOf(c news.Claim) string {
	var vs []string
	for _, v := range c.Values {
		vs = append(vs, v.Value)
	}
	sort.Strings(vs)
	return strings.Join(vs, ",")
}
