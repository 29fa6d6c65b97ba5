package reconcile

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Where an event happened, from sentences of my own writing analysed by
// the real extractor: the headline names the town, the text names the
// hospital's larger town as often and as "in X".
func TestWhereHeadlineNamesTheTown(t *testing.T) {
	analyze := extractAnalyzer(t)
	pub := time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, title, text, want string
	}{
		{
			"headline town over hospital town",
			"Teen wounded in Graham shooting - WXYZ News",
			"A teen was shot on Sunday night outside a store in Graham. He was taken to a hospital in Burlington, where he was in stable condition. Burlington police helped search for the gunman.",
			"Graham",
		},
		{
			"headline town over the station's",
			"Police chief shot in Cache during traffic stop",
			"LAWTON, Okla. (KXYZ) - The police chief was shot during a traffic stop on Sunday, police said. The chief was flown to a hospital in Lawton.",
			"Cache",
		},
		{
			"the dateline's town over the suburb of the lead",
			"Child hospitalized after shooting",
			"INDIANAPOLIS (WXYZ) – A boy was shot at a home on the east side on Monday. Police said the boy had been visiting relatives in Kokomo until Sunday.",
			"Indianapolis",
		},
		{
			"a station's call letters are no foreign town",
			"Man shot outside a Louisville bar",
			"LOUISVILLE, Ky. (WAVE) - A man was shot outside a bar on Sunday, Louisville police said. WAVE reported that the man was in Louisville for a concert.",
			"Louisville",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts := []news.Article{{ID: "a1", Title: tc.title, Text: tc.text, Published: pub, Lang: "en", Source: "wxyz.com"}}
			an := []news.Analysis{analyze(&arts[0])}
			ev := Build(news.Event{ID: "e"}, arts, an)
			if len(ev.Where) == 0 || ev.Where[0].Name != tc.want {
				t.Errorf("Where = %+v, want %s first", ev.Where, tc.want)
			}
		})
	}
}

// A headline's toll is a figure of the event when the text gives none.
func TestHeadlineToll(t *testing.T) {
	analyze := extractAnalyzer(t)
	arts := []news.Article{{
		ID: "a1", Title: "Four wounded in shooting outside Graham bar - WXYZ News", Lang: "en", Source: "wxyz.com",
		Text:      "Police said the gunman fired into a crowd outside a bar on Main Street late on Saturday. Nobody has been arrested.",
		Published: time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC),
	}}
	ev := Build(news.Event{ID: "e"}, arts, []news.Analysis{analyze(&arts[0])})
	for _, f := range ev.Figures {
		if f.Value == 4 && f.Counts == "injured" {
			return
		}
	}
	t.Errorf("Figures = %+v, want 4 injured from the headline", ev.Figures)
}

func TestDatelinePlace(t *testing.T) {
	for _, tc := range []struct {
		text, place string
		want        bool
	}{
		{"KANSAS CITY, Mo. -- A teen died.", "KANSAS CITY", true},
		{"(Photo) PORTLAND, Ore. (KOIN 6) – A jury indicted three.", "PORTLAND", true},
		{"IDAHO FALLS -- A man was sentenced.", "IDAHO FALLS", true},
		{"EAST NEW YORK, Brooklyn — Police are questioning two.", "EAST NEW YORK", true},
		{"4 SHOT IN CALIFORNIA-KIRKBRIDE: four people were shot.", "CALIFORNIA", false},
		{"Police in Portland (Ore.) said...", "Portland", false},
	} {
		i := strings.Index(tc.text, tc.place)
		p := news.GeoPlace{Text: tc.place, Start: i, End: i + len(tc.place)}
		if got := datelinePlace(tc.text, p); got != tc.want {
			t.Errorf("datelinePlace(%q, %q) = %v, want %v", tc.text, tc.place, got, tc.want)
		}
	}
}

func TestHomeCountry(t *testing.T) {
	cands := []news.GeoPlace{
		{Name: "Memphis", Country: "US", Kind: "city"}, {Name: "Whitehaven", Country: "GB", Kind: "city"},
		{Name: "Tennessee", Country: "US", Kind: "region"}, {Name: "Mexico", Country: "MX", Kind: "country"},
	}
	score := map[string]float64{"Memphis": 5, "Whitehaven": 2, "Tennessee": 2, "Mexico": 1}
	got := homeCountry(cands, func(p news.GeoPlace) float64 { return score[p.Name] })
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "Memphis,Tennessee,Mexico" {
		t.Errorf("homeCountry = %v, want Memphis, Tennessee, Mexico", names)
	}
}
