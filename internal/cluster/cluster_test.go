package cluster

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

const quakeText = `A magnitude 7.3 earthquake struck off the coast of Sumatra on Tuesday, killing at least 42 people and destroying hundreds of homes in the province of Aceh, officials said.
The quake hit at 3:15 a.m. local time at a depth of 10 kilometres, the Indonesian Meteorology Agency said. Rescue teams led by the National Disaster Management Agency searched collapsed buildings in Banda Aceh.
President Joko Widodo said the government would send aid to the region. A tsunami warning was issued and lifted two hours later.`

const rehabText = `Actress Tara Reid has checked into the Promises Treatment Center in Malibu, California, her publicist Jack Ketsoyan said on Friday.
Reid, 33, who starred in American Pie, did not say what she was being treated for. Promises has treated many Hollywood stars.
"We appreciate your respect to her and her family's privacy at this time," Ketsoyan said in a statement.`

func TestNearDuplicate(t *testing.T) {
	tests := []struct {
		name    string
		copyTxt string
		wantDup bool
	}{
		{"verbatim syndicated copy", quakeText, true},
		{"lightly edited copy", strings.Replace(strings.Replace(quakeText, "at least 42", "at least 45", 1),
			"A tsunami warning was issued and lifted two hours later.", "A tsunami warning was briefly issued.", 1), true},
		{"same event rewritten", `Indonesia's Aceh province was hit on Tuesday by a 7.3 magnitude quake off Sumatra. At least 42 people died, the National Disaster Management Agency said, as rescuers dug through rubble in Banda Aceh. President Joko Widodo promised aid.`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(DefaultConfig())
			first := c.Add(&news.Article{ID: "orig", Text: quakeText})
			c.Add(&news.Article{ID: "other", Text: rehabText})
			got := c.Add(&news.Article{ID: "copy", Text: tc.copyTxt})
			if got.Event != first.Event {
				t.Errorf("Add(copy).Event = %q, want the original's %q (score %.3f)", got.Event, first.Event, got.Score)
			}
			if tc.wantDup && got.DuplicateOf != "orig" {
				t.Errorf("Add(copy).DuplicateOf = %q, want %q", got.DuplicateOf, "orig")
			}
			if !tc.wantDup && got.DuplicateOf != "" {
				t.Errorf("Add(copy).DuplicateOf = %q, want none", got.DuplicateOf)
			}
		})
	}
}

func TestSameHashIsDuplicate(t *testing.T) {
	c := New(DefaultConfig())
	c.Add(&news.Article{ID: "a", Text: quakeText, Hash: "h1"})
	got := c.Add(&news.Article{ID: "b", Text: "Short teaser.", Hash: "h1"})
	if got.DuplicateOf != "a" {
		t.Errorf("DuplicateOf = %q, want %q", got.DuplicateOf, "a")
	}
}

func TestSeparatesEvents(t *testing.T) {
	c := New(DefaultConfig())
	q := c.Add(&news.Article{ID: "q", Text: quakeText})
	r := c.Add(&news.Article{ID: "r", Text: rehabText})
	if !q.NewEvent || !r.NewEvent || q.Event == r.Event {
		t.Errorf("unrelated articles: got %+v and %+v, want two new events", q, r)
	}
	if q.Event != EventID("q") {
		t.Errorf("event id = %q, want EventID(founder) = %q", q.Event, EventID("q"))
	}
}

// TestDeterministic feeds the same stream to two clusterers and wants the
// very same assignments, scores included.
func TestDeterministic(t *testing.T) {
	arts := genArticles(600)
	run := func() []Assignment {
		c := New(DefaultConfig())
		out := make([]Assignment, len(arts))
		for i := range arts {
			a := arts[i]
			out[i] = c.Add(&a)
		}
		return out
	}
	a, b := run(), run()
	events := map[string]bool{}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Fatalf("article %d: first run %+v, second run %+v", i, a[i], b[i])
		}
		events[a[i].Event] = true
	}
	if len(events) < 10 || len(events) > 400 {
		t.Errorf("%d events for %d articles of about 76 generated events: clustering is degenerate", len(events), len(arts))
	}
}

// TestWindowEviction checks that memory is bounded by publication time:
// events idle for longer than Window leave memory.
func TestWindowEviction(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = 24 * time.Hour
	cfg.Lateness = time.Hour
	c := New(cfg)
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 50 {
		c.Add(&news.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Unique%d Word%d happened in Place%d.", i, i, i), Published: base.Add(time.Duration(i) * 6 * time.Hour)})
	}
	// 24h window, one article every 6h: about 5 events can be live.
	if n := c.Events(); n > 8 {
		t.Errorf("Events() = %d after 50 days-spread events with a 1-day window, want <= 8", n)
	}
}

// TestWindowEvictionSmallSteps is the same with articles a minute apart,
// so that no single step of the clock is a large part of the window.
func TestWindowEvictionSmallSteps(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = 2 * time.Hour
	cfg.Lateness = time.Minute
	c := New(cfg)
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 600 {
		c.Add(&news.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Unique%d Word%d happened in Place%d.", i, i, i), Published: base.Add(time.Duration(i) * time.Minute)})
	}
	// One event a minute, a two-hour window swept every 1/64 of it.
	if n := c.Events(); n > 125 {
		t.Errorf("Events() = %d with a 2-hour window and one event a minute, want <= 125", n)
	}
}

func TestMaxEvents(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxEvents = 20
	c := New(cfg)
	for i := range 200 {
		c.Add(&news.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Unique%d Word%d happened in Place%d.", i, i, i)})
	}
	if n := c.Events(); n > 20 {
		t.Errorf("Events() = %d with MaxEvents 20 and undated articles, want <= 20", n)
	}
}

func TestRestore(t *testing.T) {
	c := New(DefaultConfig())
	c.Restore(&news.Article{ID: "old", Text: quakeText, Event: "e-stored"})
	got := c.Add(&news.Article{ID: "new", Text: strings.Replace(quakeText, "Tuesday", "Tuesday morning", 1)})
	if got.Event != "e-stored" {
		t.Errorf("Add after Restore: Event = %q, want the restored %q", got.Event, "e-stored")
	}
	if c.Events() != 1 {
		t.Errorf("Events() = %d, want 1", c.Events())
	}
}

func TestRun(t *testing.T) {
	in := `{"id":"a","title":"","text":` + jsonString(quakeText) + `,"published":"","source":"","lang":"en"}
{"id":"b","title":"Quake","text":` + jsonString(quakeText) + `,"published":"2024-03-01T10:00:00Z","source":"x.org","lang":"en"}

{"id":"c","text":` + jsonString(rehabText) + `}
`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(in))
	zw.Close()
	for name, input := range map[string][]byte{"plain": []byte(in), "gzip": gz.Bytes()} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			n, err := Run(DefaultConfig(), bytes.NewReader(input), &out)
			if err != nil || n != 3 {
				t.Fatalf("Run = %d, %v; want 3, nil", n, err)
			}
			var got []Assignment
			for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				var a Assignment
				if err := json.Unmarshal([]byte(l), &a); err != nil {
					t.Fatalf("output line %q: %v", l, err)
				}
				got = append(got, a)
			}
			if len(got) != 3 || got[0].Article != "a" || got[1].Event != got[0].Event || got[2].Event == got[0].Event {
				t.Errorf("Run output = %+v, want a and b together, c apart", got)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"bad json", "{\"id\":\"a\",\"text\":\"x\"}\n{oops\n", 2},
		{"missing id", "{\"text\":\"x\"}\n", 1},
		{"bad date", "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"x\",\"published\":\"yesterday\"}\n", 3},
		{"no text", "{\"id\":\"a\"}\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(DefaultConfig(), strings.NewReader(tc.in), &bytes.Buffer{})
			var le *ingest.Error
			if !errors.As(err, &le) || le.Line != tc.line {
				t.Errorf("Run error = %v, want an *ingest.Error at line %d", err, tc.line)
			}
		})
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// FuzzRun feeds arbitrary bytes to the JSONL reader of Run: it must never
// panic, must write at least one line per article it counts (more after merges), and must fail with a
// line number rather than silently on bad input.
func FuzzRun(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Tara Reid entered rehab.","published":""}` + "\n"))
	f.Add([]byte(`{"id":"b","title":"T","text":"x","published":"2024-01-02T03:04:05Z"}` + "\n{}\n"))
	f.Add([]byte("\x1f\x8b\x08\x00garbage"))
	f.Add([]byte(`{"id":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var out bytes.Buffer
		n, err := Run(DefaultConfig(), bytes.NewReader(data), &out)
		lines := strings.Count(out.String(), "\n")
		if err == nil && lines < n {
			t.Fatalf("Run = %d articles but %d output lines", n, lines)
		}
		var le *ingest.Error
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("Run error %q is not an *ingest.Error naming the line", err)
		}
	})
}

// Two halves of one story that share little with each other, and a third
// report sharing a lot with both: it must link them into one event.
const (
	mergeA = `Firefighters battled a blaze at the Korvath Chemicals plant in Dunmore on Monday. Plant manager Elsa Brandvik said the fire started in a storage hall. Firefighters from three towns were called in.`
	mergeB = `Red water reached the Tessel river near Dunmore on Monday evening, the Tessel Water Board said. Fish died along a ten kilometre stretch and anglers were told to stay away. Water Board chief Olav Runde called it a disaster.`
	mergeC = `A fire at the Korvath Chemicals plant in Dunmore on Monday sent red firefighting water into the Tessel river, the Tessel Water Board said. Plant manager Elsa Brandvik said the fire started in a storage hall; Water Board chief Olav Runde said fish died along the river.`
)

func TestMerge(t *testing.T) {
	c := New(DefaultConfig())
	day := time.Date(2024, 12, 16, 0, 0, 0, 0, time.UTC)
	a := c.Add(&news.Article{ID: "a", Text: mergeA, Published: day.Add(2 * time.Hour), Lang: "en"})
	b := c.Add(&news.Article{ID: "b", Text: mergeB, Published: day.Add(time.Hour), Lang: "en"})
	if a.Event == b.Event {
		t.Skipf("a and b already together (scores %.3f): the test texts need to be further apart", b.Score)
	}
	got := c.Add(&news.Article{ID: "c", Text: mergeC, Published: day.Add(3 * time.Hour), Lang: "en"})
	// b is the earliest article, so its event survives.
	if got.Event != b.Event || !slices.Equal(got.Merged, []string{a.Event}) {
		t.Fatalf("Add(c) = %+v, want event %q with merged [%q]", got, b.Event, a.Event)
	}
	if mv := c.Moved(); len(mv) != 1 || mv[0].Article != "a" || mv[0].Event != b.Event {
		t.Errorf("Moved() = %+v, want a moved to %q", mv, b.Event)
	}
	if c.Events() != 1 {
		t.Errorf("Events() = %d after the merge, want 1", c.Events())
	}

	// Restoring the stored final assignments rebuilds one event, and an
	// id merged away still finds it.
	r := New(DefaultConfig())
	for _, x := range []news.Article{
		{ID: "a", Text: mergeA, Published: day.Add(2 * time.Hour), Event: b.Event},
		{ID: "b", Text: mergeB, Published: day.Add(time.Hour), Event: b.Event},
		{ID: "c", Text: mergeC, Published: day.Add(3 * time.Hour), Event: b.Event},
	} {
		r.Restore(&x)
	}
	if r.Events() != 1 {
		t.Errorf("Restore of merged articles: Events() = %d, want 1", r.Events())
	}
	if e := c.lookup(a.Event); e == nil || e.id != b.Event {
		t.Errorf("lookup(merged id) did not find the survivor")
	}

	// Run writes the moved article again, so the last line per id is final.
	var in bytes.Buffer
	for _, x := range []struct{ id, text, pub string }{{"a", mergeA, "02"}, {"b", mergeB, "01"}, {"c", mergeC, "03"}} {
		fmt.Fprintf(&in, `{"id":%q,"text":%s,"published":"2024-12-16T%s:00:00Z","lang":"en"}`+"\n", x.id, jsonString(x.text), x.pub)
	}
	var out bytes.Buffer
	if _, err := Run(DefaultConfig(), &in, &out); err != nil {
		t.Fatal(err)
	}
	final := map[string]string{}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, l := range lines {
		var as Assignment
		if err := json.Unmarshal([]byte(l), &as); err != nil {
			t.Fatal(err)
		}
		final[as.Article] = as.Event
	}
	if len(lines) != 4 || final["a"] != final["b"] || final["b"] != final["c"] {
		t.Errorf("Run output:\n%s\nwant 4 lines whose last line per id puts a, b, c together", out.String())
	}
}

// TestConsolidate restores two reports of one story under different
// stored events, as two workers might have written them: Consolidate
// links and merges them, and moves only the later event's article.
func TestConsolidate(t *testing.T) {
	c := New(DefaultConfig())
	day := time.Date(2024, 12, 16, 0, 0, 0, 0, time.UTC)
	c.Restore(&news.Article{ID: "a", Text: mergeA, Published: day.Add(2 * time.Hour), Event: "e-a"})
	c.Restore(&news.Article{ID: "c", Text: mergeC, Published: day.Add(3 * time.Hour), Event: "e-c"})
	c.Restore(&news.Article{ID: "r", Text: rehabText, Published: day, Event: "e-r"})
	got := c.Consolidate()
	if len(got) != 1 || got[0].Article != "c" || got[0].Event != "e-a" || !slices.Equal(got[0].Merged, []string{"e-c"}) {
		t.Errorf("Consolidate() = %+v, want c moved to e-a, merging e-c", got)
	}
	if c.Events() != 2 {
		t.Errorf("Events() = %d after Consolidate, want 2", c.Events())
	}
	if again := c.Consolidate(); len(again) != 0 {
		t.Errorf("second Consolidate() = %+v, want nothing", again)
	}
}

// TestRelabel replays another clusterer's decisions: a moved article
// takes its vector to the new event (a copy of it then follows it there),
// an event left empty is forgotten, unknown articles are ignored, and a
// second call with the same moves changes nothing.
func TestRelabel(t *testing.T) {
	c := New(DefaultConfig())
	day := time.Date(2024, 12, 16, 0, 0, 0, 0, time.UTC)
	c.Restore(&news.Article{ID: "a", Text: mergeA, Published: day.Add(2 * time.Hour), Event: "e-a"})
	c.Restore(&news.Article{ID: "r", Text: rehabText, Published: day, Event: "e-r"})
	c.Restore(&news.Article{ID: "q", Text: quakeText, Published: day.Add(time.Hour), Event: "e-r"})
	c.Consolidate()
	moves := []Assignment{
		{Article: "q", Event: "e-x"}, // passes through e-x ...
		{Article: "zz", Event: "e-a"},
		{Article: "q", Event: "e-q"}, // ... and ends in e-q, founded here
		{Article: "a", Event: "e-r"}, // empties e-a
	}
	if n := c.Relabel(moves); n != 2 {
		t.Errorf("Relabel moved %d articles, want 2 (q, a)", n)
	}
	if c.Events() != 2 {
		t.Errorf("Events() = %d after Relabel, want 2 (e-r with r and a, e-q)", c.Events())
	}
	if n := c.Relabel(moves); n != 0 {
		t.Errorf("second Relabel moved %d articles, want 0", n)
	}
	// A copy of q now joins q's new event, a copy of a joins e-r.
	if got := c.Add(&news.Article{ID: "q2", Text: quakeText, Published: day.Add(90 * time.Minute)}); got.Event != "e-q" || got.DuplicateOf != "q" {
		t.Errorf("copy of q went to %s (duplicate of %q), want e-q, duplicate of q", got.Event, got.DuplicateOf)
	}
	if got := c.Add(&news.Article{ID: "a2", Text: mergeA, Published: day.Add(3 * time.Hour)}); got.Event != "e-r" {
		t.Errorf("copy of a went to %s, want e-r", got.Event)
	}
}
