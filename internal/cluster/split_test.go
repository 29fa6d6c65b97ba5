package cluster

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

const quakeRewrite = `Indonesia's Aceh province was hit on Tuesday by a 7.3 magnitude quake off Sumatra. At least 42 people died, the National Disaster Management Agency said, as rescuers dug through rubble in Banda Aceh. President Joko Widodo promised aid.`

const rehabRewrite = `Tara Reid has entered Promises Treatment Center in Malibu, her publicist Jack Ketsoyan confirmed on Friday. The American Pie actress, 33, asked for privacy for herself and her family.`

// TestConsolidateSplits restores two stories into one event, as a chain of
// single links could leave them, and wants Consolidate to split them
// apart whatever order they were restored in: the group holding the
// event's founder keeps its id, the other moves to an event named after
// its earliest article.
func TestConsolidateSplits(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "q1", Text: quakeText, Published: t0},
		{ID: "r1", Text: rehabText, Published: t0.Add(time.Hour)},
		{ID: "q2", Text: quakeRewrite, Published: t0.Add(2 * time.Hour)},
		{ID: "r2", Text: rehabRewrite, Published: t0.Add(3 * time.Hour)},
	}
	orders := [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}}
	for _, order := range orders {
		c := New(DefaultConfig())
		ev := EventID("q1")
		for _, i := range order {
			a := arts[i]
			a.Event = ev
			c.Restore(&a)
		}
		got := map[string]string{"q1": ev, "q2": ev, "r1": ev, "r2": ev}
		for _, m := range c.Consolidate() {
			got[m.Article] = m.Event
			if m.SplitFrom != ev {
				t.Errorf("order %v: %s moved with SplitFrom %q, want %q", order, m.Article, m.SplitFrom, ev)
			}
		}
		want := map[string]string{"q1": ev, "q2": ev, "r1": EventID("r1"), "r2": EventID("r1")}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("order %v: %s in event %s, want %s (all: %v)", order, id, got[id], w, got)
			}
		}
		if c.Events() != 2 {
			t.Errorf("order %v: %d events in memory after Consolidate, want 2", order, c.Events())
		}
		if again := c.Consolidate(); len(again) != 0 {
			t.Errorf("order %v: second Consolidate with nothing new moved %v", order, again)
		}
		// The split-off event is a real event: a third report of the
		// rehab story joins it.
		as := c.Add(&news.Article{ID: "r3", Text: strings.Replace(rehabText, "Friday", "Saturday", 1), Published: t0.Add(4 * time.Hour)})
		if as.Event != EventID("r1") {
			t.Errorf("order %v: third rehab report went to %s, want %s", order, as.Event, EventID("r1"))
		}
	}
}

// TestSplitKeepsOneStory wants Consolidate to leave a single story whole.
func TestSplitKeepsOneStory(t *testing.T) {
	c := New(DefaultConfig())
	var ids []string
	for i, txt := range []string{quakeText, quakeRewrite, strings.Replace(quakeText, "42", "45", 1)} {
		a := news.Article{ID: string(rune('a' + i)), Text: txt}
		ids = append(ids, c.Add(&a).Event)
	}
	if ids = slices.Compact(ids); len(ids) != 1 {
		t.Fatalf("three reports of one quake gave events %v, want one", ids)
	}
	if moved := c.Consolidate(); len(moved) != 0 {
		t.Errorf("Consolidate moved %v, want nothing", moved)
	}
}
