package reconcile

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// TestUpdateOrConflict builds events from two reports of one accident and
// checks how their differing tolls are labelled: a toll that rose between
// reports published hours apart is an update; reports of about the same
// time that disagree, or a toll that fell, are a conflict.
func TestUpdateOrConflict(t *testing.T) {
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	const (
		early = "At least 12 people died when a crowded bus plunged off a mountain road on Tuesday morning, police said."
		late  = "At least 15 people died when a crowded bus plunged off a mountain road on Tuesday, police said."
	)
	tests := []struct {
		name         string
		first, again string // texts of the first and the second report
		gap          time.Duration
		want         string
	}{
		{"rising toll hours later", early, late, 9 * time.Hour, news.KindUpdate},
		{"same time, different tolls", early, late, time.Hour, news.KindConflict},
		{"toll falls later", late, early, 9 * time.Hour, news.KindConflict},
	}
	analyze := extractAnalyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := []news.Article{
				{ID: "a", Title: "Bus crash", Text: tt.first, Published: day.Add(9 * time.Hour), Source: "first.example", Lang: "en"},
				{ID: "b", Title: "Bus crash toll", Text: tt.again, Published: day.Add(9*time.Hour + tt.gap), Source: "second.example", Lang: "en"},
			}
			var an []news.Analysis
			for i := range arts {
				an = append(an, analyze(&arts[i]))
			}
			ev := Build(news.Event{ID: "e"}, arts, an)
			i := slices.IndexFunc(ev.Claims, func(c news.Claim) bool { return c.Slot == "figure:dead" })
			if i < 0 {
				t.Fatalf("no disagreement on the dead; claims: %+v", ev.Claims)
			}
			c := ev.Claims[i]
			if c.Kind != tt.want {
				t.Errorf("kind = %q, want %q (values %+v)", c.Kind, tt.want, c.Values)
			}
			for _, v := range c.Values {
				if v.First.IsZero() {
					t.Errorf("value %q has no first publication time", v.Value)
				}
			}
		})
	}
}

// TestHedgedRise checks that a figure a little above an approximate one
// reported earlier ("about 40", then 42) is a conflict of counting, not an
// update, while a clear rise over it is an update.
func TestHedgedRise(t *testing.T) {
	day := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		later float64
		want  string
	}{
		{42, news.KindConflict},
		{60, news.KindUpdate},
	}
	for _, tt := range tests {
		c := &buildCtx{arts: []news.Article{
			{ID: "a", Published: day},
			{ID: "b", Published: day.Add(20 * time.Hour)},
		}}
		sents := []sent{
			{art: 0, text: "The quake injured about 40 people.", figs: []figure{{class: "injured", lo: 40, hi: 40, approx: hedged("The quake injured about 40", len("The quake injured about "))}}},
			{art: 1, text: "Officials said more people were hurt.", figs: []figure{{class: "injured", lo: tt.later, hi: tt.later}}},
		}
		cl := &cluster{members: []int{0, 1}}
		values := []news.ClaimValue{{Value: "40 injured", Sources: []string{"a"}}, {Value: "later", Sources: []string{"b"}}}
		if got := c.disagreementKind("figure:injured", cl, sents, values); got != tt.want {
			t.Errorf("about 40 then %v: kind = %q, want %q", tt.later, got, tt.want)
		}
		if !values[0].First.Equal(day) {
			t.Errorf("First of the earlier value = %v, want %v", values[0].First, day)
		}
	}
}

// TestTollBefore checks which bare numbers a toll word introduces.
func TestTollBefore(t *testing.T) {
	tests := []struct {
		text string
		num  string
		want string
	}{
		{"The storm killed two and injuring 80 others", "80", "injured"},
		{"a blast injuring about 30 near the port", "30", "injured"},
		{"The number of people missing has risen to 14 by noon", "14", "missing"},
		{"police put the number arrested at 9", "9", "arrested"},
		{"the train left at 9 from the main station", "9", ""},
		{"8 dead and the toll rose to 11", "11", "dead"},
		{"30 injured were taken to 4 hospitals", "4", ""},
	}
	for _, tt := range tests {
		ws := words(tt.text)
		i := slices.Index(ws, tt.num)
		if got := tollBefore(ws, i); got != tt.want {
			t.Errorf("tollBefore(%q, %s) = %q, want %q", tt.text, tt.num, got, tt.want)
		}
	}
}

// TestClauseToll checks that a count of people takes the toll named later
// in its clause, and only there.
func TestClauseToll(t *testing.T) {
	tests := []struct {
		text, fig, counts, want string
	}{
		{"Doctors said 25 people were taken to hospital with injuries overnight.", "25 people", "people", "injured"},
		{"Rescuers said 25 people were taken to shelters, and two were killed.", "25 people", "people", ""},
		{"Some 25 people were rescued before 3 bodies were found.", "25 people", "people", ""},
		{"Police said 25 soldiers were wounded in the clash.", "25 soldiers", "soldiers", ""},
	}
	for _, tt := range tests {
		at := strings.Index(tt.text, tt.fig)
		f := news.Figure{Text: tt.fig, Start: at, End: at + len(tt.fig), Counts: tt.counts}
		if got := clauseToll(tt.text, news.Span{Start: 0, End: len(tt.text)}, f, words(fold(tt.counts))); got != tt.want {
			t.Errorf("clauseToll(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestClockTime checks that times of day are not taken for counts.
func TestClockTime(t *testing.T) {
	tests := []struct {
		text, num string
		want      bool
	}{
		{"the man was killed at 9 pm on Sunday", "9", true},
		{"three were injured at 14:30 near the school", "14", true},
		{"the toll rose to 11 by the evening", "11", false},
	}
	for _, tt := range tests {
		ws := words(tt.text)
		i := slices.Index(ws, tt.num)
		end := strings.Index(tt.text, tt.num) + len(tt.num)
		if got := clockTime(tt.text, end, ws, i); got != tt.want {
			t.Errorf("clockTime(%q, %s) = %v, want %v", tt.text, tt.num, got, tt.want)
		}
	}
}

func TestAgeAfter(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"killing a 72-year-old man", true},
		{"a man aged 72 years old", true},
		{"injuring 80 people", false},
		{"un homme de 72 ans", true},
	} {
		end := strings.Index(tc.text, "72") + 2
		if tc.want == false {
			end = strings.Index(tc.text, "80") + 2
		}
		if got := ageAfter(tc.text, end); got != tc.want {
			t.Errorf("ageAfter(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
