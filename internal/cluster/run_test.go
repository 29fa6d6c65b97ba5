package cluster

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
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
			n, err := Run(DefaultConfig(), bytes.NewReader(input), &out, false)
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
			_, err := Run(DefaultConfig(), strings.NewReader(tc.in), &bytes.Buffer{}, false)
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
		n, err := Run(DefaultConfig(), bytes.NewReader(data), &out, false)
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

// TestNearDuplicate: a copy with a line changed is in the event of the
// original and marked its duplicate; an equal Hash is a duplicate too.
func TestNearDuplicate(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "orig", Text: quakeText, Published: t0, Lang: "en"},
		{ID: "copy", Text: quakeText + "\nMore details to follow.", Published: t0.Add(time.Hour), Lang: "en"},
		{ID: "same", Text: rehabText, Hash: "h1", Published: t0, Lang: "en"},
		{ID: "same2", Text: "Short note.", Hash: "h1", Published: t0.Add(time.Minute), Lang: "en"},
	}
	out := New(DefaultConfig()).Add(arts)
	got := map[string]Assignment{}
	for _, a := range out.Assignments {
		got[a.Article] = a
	}
	if got["copy"].DuplicateOf != "orig" || got["copy"].Event != got["orig"].Event {
		t.Errorf("copy = %+v, want a duplicate of orig in its event %s", got["copy"], got["orig"].Event)
	}
	if got["same2"].DuplicateOf != "same" || got["same2"].Event != got["same"].Event {
		t.Errorf("same2 = %+v, want a duplicate of same (equal hash)", got["same2"])
	}
	if got["same"].Event == got["orig"].Event {
		t.Errorf("the quake and the rehab stay are one event %s", got["same"].Event)
	}
}

// TestOutcomeReportsMoves: an article in memory whose event a later batch
// changes is in that batch's outcome, with the event it left.
func TestOutcomeReportsMoves(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	c := New(DefaultConfig())
	first := c.Add([]news.Article{{ID: "s1", Text: quakeText, Published: t0, Lang: "en"}})
	// Stored by another process in an event of its own: restored, then a
	// copy arrives and the settle puts them together.
	c.Restore([]news.Article{{ID: "s2", Text: quakeText + " Aid arrived.", Published: t0.Add(2 * time.Hour), Lang: "en", Event: "eother"}})
	out := c.Add([]news.Article{{ID: "s3", Text: quakeText + " The toll rose.", Published: t0.Add(3 * time.Hour), Lang: "en"}})
	got := map[string]Assignment{}
	for _, a := range out.Assignments {
		got[a.Article] = a
	}
	ev := first.Assignments[0].Event
	if got["s3"].Event != ev {
		t.Fatalf("s3 in %q, want the first event %q; outcome %+v", got["s3"].Event, ev, out)
	}
	if got["s2"].Event != ev || got["s2"].From != "eother" {
		t.Errorf("s2 = %+v, want moved from eother to %s", got["s2"], ev)
	}
	if !slices.Contains(out.Events, ev) || !slices.Contains(out.Events, "eother") {
		t.Errorf("outcome events %v, want %s and eother", out.Events, ev)
	}
}

// TestEvict: articles outside the span leave memory; the rest stay.
func TestEvict(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	c := New(DefaultConfig())
	c.Add([]news.Article{
		{ID: "old", Text: quakeText, Published: t0, Lang: "en"},
		{ID: "new", Text: quakeText + " Later.", Published: t0.Add(60 * 24 * time.Hour), Lang: "en"},
		{ID: "undated", Text: rehabText, Lang: "en"},
	})
	if n := c.Evict(t0.Add(24*time.Hour), time.Time{}); n != 1 || c.Holds("old") || !c.Holds("new") || !c.Holds("undated") {
		t.Errorf("Evict = %d; holds old %v new %v undated %v", n, c.Holds("old"), c.Holds("new"), c.Holds("undated"))
	}
}
