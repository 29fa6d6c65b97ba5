package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// dossier runs the CLI in-process and returns its exit code and output.
func dossier(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemoThenListAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := dossier(t, "", "demo", "--db", db)
	if code != exitOK {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if !strings.Contains(out, "serve") {
		t.Errorf("demo output does not say how to open the web page:\n%s", out)
	}
	if want, got := readmeDemoEvents(t), demoRows(out); got != want {
		t.Errorf("demo lists %d events, the README says %d:\n%s", got, want, out)
	}

	code, out, errs = dossier(t, "", "events", "--db", db, "--json", "--limit", "1000")
	if code != exitOK {
		t.Fatalf("events exit %d: %s", code, errs)
	}
	var evs []struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		Articles []string `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &evs); err != nil {
		t.Fatalf("events --json is not a JSON array: %v\n%s", err, out)
	}
	if len(evs) < 6 {
		t.Fatalf("demo made %d events, want at least the 6 happenings of the sample corpus", len(evs))
	}
	total := 0
	for _, ev := range evs {
		if ev.ID == "" || ev.Title == "" || len(ev.Articles) == 0 {
			t.Errorf("event without id, title or articles: %+v", ev)
		}
		total += len(ev.Articles)
	}
	if total < 30 {
		t.Errorf("events hold %d articles, want the 30+ of the sample corpus", total)
	}

	// The sample corpus's gold labels: the events must match them closely.
	gold, err := sample.GoldLabels()
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 30 {
		t.Fatalf("sample gold has %d labels", len(gold))
	}

	code, out, errs = dossier(t, "", "show", "--db", db, "--json", evs[0].ID)
	if code != exitOK {
		t.Fatalf("show exit %d: %s", code, errs)
	}
	var ev news.Event
	if err := json.Unmarshal([]byte(out), &ev); err != nil {
		t.Fatalf("show --json: %v", err)
	}
	if ev.ID != evs[0].ID || len(ev.Articles) == 0 {
		t.Errorf("show --json %s = id %q with %d articles", evs[0].ID, ev.ID, len(ev.Articles))
	}
	code, out, _ = dossier(t, "", "show", "--db", db, evs[0].ID)
	if code != exitOK || !strings.Contains(out, ev.Title) {
		t.Errorf("show (report) exit %d, output lacks the title %q:\n%s", code, ev.Title, out)
	}
	code, out, _ = dossier(t, "", "show", "--db", db, "--md", evs[0].ID)
	if code != exitOK || !strings.HasPrefix(strings.TrimSpace(out), "#") {
		t.Errorf("show --md exit %d, not Markdown:\n%s", code, out)
	}

	bigFigures := 0
	for _, e := range evs {
		bigFigures += checkFigures(t, db, e.ID)
	}
	if bigFigures == 0 {
		t.Error("no demo claim gives a figure of 1,000 or more; the check of how they print tested nothing")
	}

	// Ingesting the demo again changes nothing.
	code, out, errs = dossier(t, "", "demo", "--db", db)
	if code != exitOK {
		t.Fatalf("second demo exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "new 0,") {
		t.Errorf("second demo stored new articles:\n%s", out)
	}
}

func TestShowUnknownEvent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	code, _, errs := dossier(t, "", "show", "--db", db, "no-such-event")
	if code != exitNotFound {
		t.Errorf("show unknown event: exit %d, want %d (%s)", code, exitNotFound, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"ingest without input", []string{"ingest", "--db", filepath.Join(t.TempDir(), "x.db")}, exitUsage},
		{"bad flag", []string{"events", "--nope"}, exitUsage},
		{"eval without gold", []string{"eval"}, exitUsage},
		{"help", []string{"help"}, exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, _ := dossier(t, "", tc.args...)
			if code != tc.want {
				t.Errorf("dossier %v = exit %d, want %d", tc.args, code, tc.want)
			}
		})
	}
}

func TestIngestRejectsBadInputAndKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	good := `{"id":"g1","title":"Flood in Valencia","text":"Heavy rain flooded Valencia on Tuesday, officials said.","published":"2024-10-29T10:00:00Z","source":"a.example","lang":"en"}
{"id":"g2","title":"broken"
{"id":"g3","title":"Quake","text":"An earthquake of magnitude 5.1 struck near Izmir, Turkey.","published":"2024-10-30T10:00:00Z","source":"b.example","lang":"en"}
`
	must(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(good), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "bin.txt"), []byte{0, 1, 2, 0xff, 0xfe, 0}, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "notes.xyz"), []byte("hello"), 0o644))
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errs := dossier(t, "", "ingest", "--db", db, "--json", dir)
	if code != exitRejected {
		t.Fatalf("ingest exit %d, want %d\n%s\n%s", code, exitRejected, out, errs)
	}
	for _, want := range []string{"a.jsonl:2", "empty.txt", "bin.txt", "notes.xyz"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr does not name %q:\n%s", want, errs)
		}
	}
	var sum struct {
		Read, New, Rejected int
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	if sum.New != 2 || sum.Rejected != 4 {
		t.Errorf("ingest summary = %+v, want 2 new and 4 rejected", sum)
	}

	// stdin, and idempotency.
	code, out, errs = dossier(t, strings.SplitN(good, "\n", 2)[0]+"\n", "ingest", "--db", db, "--json", "-")
	if code != exitOK {
		t.Fatalf("ingest - exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"duplicate": 1`) {
		t.Errorf("re-ingest from stdin not counted duplicate:\n%s", out)
	}
}

func TestClusterCommand(t *testing.T) {
	in := `{"id":"1","title":"Earthquake hits Izmir","text":"A magnitude 6.6 earthquake struck Izmir, Turkey, on Friday, killing 12 people.","published":"2020-10-30T12:00:00Z","source":"a.example","lang":"en"}
{"id":"2","title":"Izmir earthquake kills 12","text":"A strong earthquake of magnitude 6.6 hit Izmir in Turkey on Friday; 12 people were killed.","published":"2020-10-30T14:00:00Z","source":"b.example","lang":"en"}
{"id":"3","title":"Central bank raises rates","text":"The European Central Bank raised interest rates by 0.25 points in Frankfurt on Thursday.","published":"2020-10-29T12:00:00Z","source":"c.example","lang":"en"}
`
	code, out, errs := dossier(t, in, "cluster")
	if code != exitOK {
		t.Fatalf("cluster exit %d: %s", code, errs)
	}
	ev := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a struct{ ID, Event string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("cluster output line %q: %v", line, err)
		}
		ev[a.ID] = a.Event
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 3 {
		t.Errorf("cluster wrote %d lines for 3 articles", n)
	}
	if len(ev) != 3 || ev["1"] != ev["2"] || ev["1"] == ev["3"] {
		t.Errorf("cluster assignments = %v, want 1 and 2 together, 3 apart", ev)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestEvalFacts(t *testing.T) {
	dir := t.TempDir()
	arts := `{"id":"1","cluster":"x","title":"Two hurt in Eastbrook shooting","text":"Two people were wounded in a shooting in Eastbrook on Saturday, police said.","published":"2021-05-02T00:00:00Z","source":"a.example","lang":"en"}
{"id":"2","cluster":"x","title":"Eastbrook shooting leaves two injured","text":"A shooting in Eastbrook on Saturday left two people injured.","published":"2021-05-02T00:00:00Z","source":"b.example","lang":"en"}
`
	facts := `{"cluster":"x","date":"2021-05-01","state":"Ohio","city":"Eastbrook","killed":0,"injured":2,"participants":[{"name":"Lee Ward","role":"victim"}]}
`
	must(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(arts), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "f.jsonl"), []byte(facts), 0o644))
	code, out, errs := dossier(t, "", "eval", "--json", "--facts", filepath.Join(dir, "f.jsonl"), filepath.Join(dir, "a.jsonl"))
	if code != exitOK {
		t.Fatalf("eval --facts exit %d: %s", code, errs)
	}
	var r struct {
		Incidents int
		Date      struct{ Of int }
		Killed    struct{ Of int }
		Injured   struct{ Of int }
		People    struct{ Hit, Of int }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("eval --facts --json: %v\n%s", err, out)
	}
	if r.Incidents != 1 || r.Date.Of != 1 || r.Killed.Of != 0 || r.Injured.Of != 1 || r.People.Of != 1 || r.People.Hit != 0 {
		t.Errorf("eval --facts = %+v, want 1 incident scored on date, injured and one person (not named in the text)", r)
	}
	code, out, errs = dossier(t, "", "eval", "--facts", filepath.Join(dir, "f.jsonl"), "--gold", filepath.Join(dir, "a.jsonl"))
	if code != exitOK || !strings.Contains(out, "injured") {
		t.Errorf("eval --facts table: exit %d\n%s\n%s", code, out, errs)
	}
}

// readmeDemoEvents reads how many events the README's "Two commands"
// section says the demo lists ("list the 8 events it finds").
func readmeDemoEvents(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`dossier demo .*list the (\d+) events`).FindSubmatch(b)
	if m == nil {
		t.Fatal("README.md does not say how many events the demo lists (\"dossier demo ... list the N events\")")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// demoRows counts the rows of the event table the demo prints: the lines
// after its header up to the first blank line.
func demoRows(out string) int {
	n, in := 0, false
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "ID ") && strings.Contains(line, "TITLE"):
			in = true
		case in && strings.TrimSpace(line) == "":
			return n
		case in:
			n++
		}
	}
	return n
}

// checkFigures shows an event as JSON, text and Markdown and checks how
// figures print: never in exponent notation (1e+07); in JSON as plain
// digits ("10000000 euro"), for people with thousands separators
// ("10,000,000 euro"). It returns how many values of 1,000 or more it saw.
func checkFigures(t *testing.T, db, id string) (big int) {
	t.Helper()
	exponent := regexp.MustCompile(`\d[eE][+-]\d`)
	_, js, _ := dossier(t, "", "show", "--db", db, "--json", id)
	_, text, _ := dossier(t, "", "show", "--db", db, id)
	_, mdown, _ := dossier(t, "", "show", "--db", db, "--md", id)
	for name, out := range map[string]string{"--json": js, "text": text, "--md": mdown} {
		if m := exponent.FindString(out); m != "" {
			t.Errorf("show %s %s prints a number in exponent notation (%q)", name, id, m)
		}
	}
	var ev news.Event
	if err := json.Unmarshal([]byte(js), &ev); err != nil {
		t.Fatalf("show --json %s: %v", id, err)
	}
	for _, c := range ev.Claims {
		if !strings.HasPrefix(c.Slot, "figure:") {
			continue
		}
		for _, v := range c.Values {
			num, _, _ := strings.Cut(v.Value, " ")
			if strings.Contains(num, ",") {
				t.Errorf("show --json %s: value %q has thousands separators", id, v.Value)
			}
			if n, err := strconv.Atoi(num); err == nil && n >= 1000 {
				big++
				grouped := news.FormatLabel(v.Value)
				if !strings.Contains(text, grouped) || !strings.Contains(mdown, grouped) {
					t.Errorf("show %s: value %q is not printed as %q", id, v.Value, grouped)
				}
			}
		}
	}
	return big
}
