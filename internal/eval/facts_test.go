package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func intp(n int) *int { return &n }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// A tiny world of my own: three incidents, four events.
func factsFixture() ([]GoldArticle, []news.Event, []Incident) {
	art := func(id, cluster, pub, hash string) GoldArticle {
		return GoldArticle{Article: news.Article{ID: id, Published: day(pub), Hash: hash}, Cluster: cluster}
	}
	gold := []GoldArticle{
		// Incident a: two articles in e1, one in e2; e1 wins.
		art("a1", "a", "2020-03-02", "ha1"), art("a2", "a", "2020-03-02", "ha2"), art("a3", "a", "2020-03-01", "ha3"),
		// Incident b: one article in e3, one in e4 (a tie); b1 is the
		// earliest, so e4 wins. b3 is in no event.
		art("b1", "b", "2020-05-01", "hb1"), art("b2", "b", "2020-05-03", "hb2"), art("b3", "b", "2020-05-04", "hb3"),
		// Incident c: its only article is in no event.
		art("c1", "c", "2020-06-01", "hc1"),
	}
	events := []news.Event{
		{
			ID: "e1", Articles: []string{"a1", "a2"},
			When:  news.DateRange{Start: "2020-03-01", End: "2020-03-02"},
			Where: []news.GeoPlace{{Name: "Saint Joseph", Country: "US"}},
			Figures: []news.Figure{
				{Value: 2, Counts: "people killed"},
				{Value: 3, Counts: "victims"}, // the right number, not labelled injured
				{Value: 3, Max: 4, Counts: "injured"},
			},
			Entities: []news.Entity{
				{Name: "Dana Lee-Park", Type: news.Person},
				{Name: "Quill", Type: news.Org},
				{Name: "Robin", Type: news.Person, Aliases: []string{"Robin Ávila"}},
			},
		},
		{ID: "e2", Articles: []string{"a3"}, When: news.DateRange{Start: "2020-03-01"}},
		{ID: "e3", Articles: []string{"b2"}, When: news.DateRange{Start: "2020-05-01"}},
		{
			ID: "e4", Articles: []string{"b1"},
			When:    news.DateRange{Start: "2020-04-29"},
			Places:  []news.GeoPlace{{Name: "Ohio", Country: "US", Kind: "region"}},
			Figures: []news.Figure{{Value: 1, Counts: "wounded"}},
		},
	}
	incidents := []Incident{
		{
			Cluster: "a", Date: "2020-03-01", State: "Michigan", City: "St. Joseph",
			Killed: intp(2), Injured: intp(3),
			Participants: []Participant{
				{Name: "Dana Lee-Park", Role: "victim"},
				{Name: "Sam Quill", Role: "suspect"}, // an org, not a person
				{Name: "Luis Avila Jr.", Role: "suspect"},
				{Role: "victim"}, // unnamed: not scored
			},
		},
		{Cluster: "b", Date: "2020-04-30", State: "Ohio", City: "Dayton", Killed: intp(0), Injured: intp(1)},
		{Cluster: "c", Date: "2020-06-01", City: "Erie", Killed: intp(1)},
		{Cluster: "d", Date: "2020-07-01"}, // no article: left out
	}
	return gold, events, incidents
}

func TestScoreFacts(t *testing.T) {
	gold, events, incidents := factsFixture()
	r := ScoreFacts(gold, events, incidents)
	if r.Incidents != 3 || r.Events != 4 {
		t.Errorf("incidents, events = %d, %d, want 3, 4", r.Incidents, r.Events)
	}
	for _, tc := range []struct {
		name    string
		got     Mark
		hit, of int
	}{
		{"date", r.Date, 1, 3}, // a right; b a day off; c no event
		{"date near", r.DateNear, 2, 3},
		{"place", r.Place, 2, 3}, // a by city (St. = Saint), b by state
		{"city", r.City, 1, 3},
		{"killed", r.Killed, 1, 2},   // a; b has 0 killed, c no event
		{"injured", r.Injured, 1, 2}, // a's 3 is a range or unlabelled; b's 1 wounded
		{"people", r.People, 2, 3},   // Lee-Park, Avila (an alias); Quill is an org
		{"victims", r.Victims, 1, 1},
		{"suspects", r.Suspects, 1, 2},
	} {
		if tc.got.Hit != tc.hit || tc.got.Of != tc.of {
			t.Errorf("%s = %d/%d, want %d/%d", tc.name, tc.got.Hit, tc.got.Of, tc.hit, tc.of)
		}
	}
	want := map[string]string{"a": "e1", "b": "e4", "c": ""}
	for _, d := range r.Details {
		if d.Event != want[d.Cluster] {
			t.Errorf("incident %s → event %q, want %q", d.Cluster, d.Event, want[d.Cluster])
		}
	}
	if len(r.Details) != 3 || r.Details[1].Held != 1 || r.Details[1].Articles != 3 {
		t.Errorf("details = %+v, want b holding 1 of 3", r.Details)
	}
}

func TestScoreFactsDuplicateCounts(t *testing.T) {
	// When b3 repeats b2's text (a duplicate the store skipped), e3
	// holds two of b's articles and wins although b1 is the earliest.
	gold, events, incidents := factsFixture()
	gold[5].Hash = "hb2"
	r := ScoreFacts(gold, events, incidents[1:2])
	if len(r.Details) != 1 || r.Details[0].Event != "e3" || r.Details[0].Held != 2 {
		t.Errorf("details = %+v, want e3 holding 2", r.Details)
	}
}

func TestSurname(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Robert Smith Jr.", "smith"},
		{"José Núñez", "nunez"},
		{"Ana O'Neil", "oneil"},
		{"Kim Lee-Park", "lee-park"},
		{"Prince", "prince"},
		{"", ""},
	} {
		if got := Surname(tc.in); got != tc.want {
			t.Errorf("Surname(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"St. Joseph", "Saint Joseph", true},
		{"McKees Rocks", "Mc Kees Rocks", true},
		{"Opa-locka", "Opa Locka", true},
		{"Lee's Summit", "Lees Summit", true},
		{"Kansas City", "Kansas", false},
		{"New York City", "New York", false},
		{"", "", false},
	} {
		if got := sameName(tc.a, tc.b); got != tc.want {
			t.Errorf("sameName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestReadIncidents(t *testing.T) {
	in := `{"cluster": "gva-1", "date": "2014-01-27", "city": "Eastville", "killed": 0, "injured": 4, "participants": [{"name": "A B", "role": "victim", "status": ["injured"]}]}

{"cluster": "gva-2"}
`
	got, err := readIncidents(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Killed == nil || *got[0].Killed != 0 || *got[0].Injured != 4 || got[1].Killed != nil {
		t.Errorf("readIncidents = %+v", got)
	}
	if _, err := readIncidents(strings.NewReader(`{"date": "2014-01-27"}`)); err == nil {
		t.Error("a record without cluster: no error")
	}
}

// The marks of issue 16 for an event's facts on gva.dev, and the floor
// the pipeline reaches today: the test fails below the floor (a
// regression) and logs each mark not yet reached. When a mark is met its
// floor becomes the mark.
var gvaMarks = []struct {
	name        string
	mark, floor float64
	get         func(FactsReport) Mark
}{
	{"date", 0.90, 0.81, func(r FactsReport) Mark { return r.Date }},
	{"place", 0.85, 0.785, func(r FactsReport) Mark { return r.Place }},
	{"killed", 0.70, 0.70, func(r FactsReport) Mark { return r.Killed }},
	{"injured", 0.70, 0.70, func(r FactsReport) Mark { return r.Injured }},
	{"people", 0.70, 0.70, func(r FactsReport) Mark { return r.People }},
}

func TestGVAFacts(t *testing.T) {
	dir := filepath.Join(dataDir(t), "gva")
	artsPath, factsPath := filepath.Join(dir, "gva.dev.jsonl.gz"), filepath.Join(dir, "gva.dev.facts.jsonl.gz")
	for _, p := range []string{artsPath, factsPath} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("GVA data absent (%v); see the shared data README", err)
		}
	}
	gold, err := ReadGold(artsPath)
	if err != nil {
		t.Fatal(err)
	}
	incidents, err := ReadIncidents(factsPath)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := Ingest(context.Background(), gold, 256, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := ScoreFacts(gold, evs, incidents)
	// The marks on each half of the incidents (by incident id parity), so
	// that a fix studied on one half is seen to hold on the other.
	for parity, half := range incidentHalves(incidents) {
		h := ScoreFacts(gold, evs, half)
		var b strings.Builder
		for _, m := range gvaMarks {
			fmt.Fprintf(&b, " %s %.1f%%", m.name, 100*m.get(h).Rate)
		}
		fmt.Fprintf(&b, " (victims %.1f%%, suspects %.1f%%)", 100*h.Victims.Rate, 100*h.Suspects.Rate)
		t.Logf("%s ids (%d incidents):%s", []string{"even", "odd"}[parity], h.Incidents, b.String())
	}
	t.Logf("%d incidents, %d events; date ±1 day %.1f%%, city %.1f%%, victims %.1f%%, suspects %.1f%%",
		r.Incidents, r.Events, 100*r.DateNear.Rate, 100*r.City.Rate, 100*r.Victims.Rate, 100*r.Suspects.Rate)
	for _, m := range gvaMarks {
		got := m.get(r)
		state := "met"
		if got.Rate < m.mark {
			state = "below the mark"
		}
		t.Logf("%-8s %5.1f%% (%d/%d), mark %.0f%%: %s", m.name, 100*got.Rate, got.Hit, got.Of, 100*m.mark, state)
		if got.Rate < m.floor {
			t.Errorf("%s = %.1f%% (%d/%d), want >= %.0f%% (floor; the mark is %.0f%%)",
				m.name, 100*got.Rate, got.Hit, got.Of, 100*m.floor, 100*m.mark)
		}
	}
}

// incidentHalves splits incidents by IncidentHalf.
func incidentHalves(incidents []Incident) [2][]Incident {
	var out [2][]Incident
	for _, in := range incidents {
		h := IncidentHalf(in.Cluster)
		out[h] = append(out[h], in)
	}
	return out
}

func TestIncidentHalves(t *testing.T) {
	h := incidentHalves([]Incident{{Cluster: "gva-10"}, {Cluster: "gva-7"}, {Cluster: "x"}, {Cluster: "gva-13"}})
	if len(h[0]) != 2 || len(h[1]) != 2 || h[0][1].Cluster != "x" || h[1][1].Cluster != "gva-13" {
		t.Errorf("halves = %+v, want [gva-10 x] [gva-7 gva-13]", h)
	}
}
