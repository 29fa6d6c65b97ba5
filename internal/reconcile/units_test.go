package reconcile

import (
	"slices"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func TestUnitOf(t *testing.T) {
	tests := []struct {
		after  string
		base   string
		factor float64
		ok     bool
	}{
		{"litres of oil", "litres", 1, true},
		{"Litern Diesel", "litres", 1, true},
		{"cubic metres of water", "litres", 1000, true},
		{"mètres cubes d'eau", "litres", 1000, true},
		{"tonnes", "tonnes", 1, true},
		{"Tonnen Fisch", "tonnes", 1, true},
		{"kilograms of cocaine", "tonnes", 0.001, true},
		{"barrels of crude", "litres", 158.987294928, true},
		{"metres high", "", 0, false},
		{"people died", "", 0, false},
		{"", "", 0, false},
	}
	for _, tt := range tests {
		u, ok := unitOf(words(fold(tt.after)))
		if ok != tt.ok || u.base != tt.base || u.factor != tt.factor {
			t.Errorf("unitOf(%q) = %+v, %v, want {%s %v}, %v", tt.after, u, ok, tt.base, tt.factor, tt.ok)
		}
	}
}

func TestContrasted(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"The operator says 300 litres leaked; residents put the figure at five tonnes.", true},
		{"Während der Betreiber von 300 Litern spricht, schätzt der Verband zwei Tonnen.", true},
		{"Selon l'exploitant, 300 litres ont fui ; l'association estime cinq tonnes.", true},
		{"About 300 litres of oil and five tonnes of sand were removed, officials said.", false},
		{"Crews pumped 300 litres of oil out of the hull.", false},
	}
	for _, tt := range tests {
		if got := contrasted(&sent{text: tt.text}); got != tt.want {
			t.Errorf("contrasted(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestAmountConflict builds an event from reports of my own writing on a
// diesel leak: two outlets give the operator's volume, two give the
// residents' mass (one of them in German, one contrasting both in a
// sentence). One conflict on the amount must come out, with each value in
// its unit and the outlets behind it.
func TestAmountConflict(t *testing.T) {
	day := time.Date(2025, 5, 6, 9, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "a", Source: "one.example", Lang: "en", Published: day, Title: "Diesel leaks from barge",
			Text: "A barge leaked diesel into the harbour on Tuesday. The operator said about 300 litres of diesel had leaked from a damaged tank."},
		{ID: "b", Source: "two.example", Lang: "en", Published: day.Add(time.Hour), Title: "Barge leak",
			Text: "Diesel leaked from a barge into the harbour on Tuesday. The operator said roughly 300 litres of diesel leaked from the tank."},
		{ID: "c", Source: "three.example", Lang: "en", Published: day.Add(2 * time.Hour), Title: "Residents doubt barge figures",
			Text: "Diesel leaked from a barge into the harbour on Tuesday. The operator says about 300 litres of diesel leaked; residents put the amount at up to five tonnes."},
		{ID: "d", Source: "vier.example", Lang: "de", Published: day.Add(3 * time.Hour), Title: "Dieselleck im Hafen",
			Text: "Aus einem Lastkahn ist am Dienstag Diesel in den Hafen gelaufen. Während der Betreiber von etwa 300 Litern Diesel spricht, schätzen Anwohner die Menge auf bis zu fünf Tonnen."},
	}
	analyze := extractAnalyzer(t)
	var an []news.Analysis
	for i := range arts {
		an = append(an, analyze(&arts[i]))
	}
	ev := Build(news.Event{ID: "e"}, arts, an)
	var got []news.Claim
	for _, c := range ev.Claims {
		if c.Slot == "figure:"+amountClass {
			got = append(got, c)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d conflicts on the amount, want 1; claims: %+v", len(got), ev.Claims)
	}
	c := got[0]
	if c.Kind != news.KindConflict {
		t.Errorf("kind = %q, want %q", c.Kind, news.KindConflict)
	}
	want := map[string][]string{"300 litres": {"a", "b", "c", "d"}, "5 tonnes": {"c", "d"}}
	for _, v := range c.Values {
		if w, ok := want[v.Value]; !ok || !slices.Equal(v.Sources, w) {
			t.Errorf("value %q from %v, want one of %v", v.Value, v.Sources, want)
		}
	}
	if len(c.Values) != len(want) {
		t.Errorf("values = %+v, want %v", c.Values, want)
	}
}

// TestMagnitudeDaysApart builds events of my own writing: a main shock and
// its aftershock a day later, each with its magnitude and day, are no
// conflict; two reports of the same shock on the same day that give
// different magnitudes are one.
func TestMagnitudeDaysApart(t *testing.T) {
	day := time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)
	const main = "A magnitude 5.2 earthquake struck the coast near the port on Monday, damaging dozens of old houses, officials said."
	tests := []struct {
		name     string
		other    string
		conflict bool
	}{
		{"aftershock a day later",
			"A magnitude 4.1 aftershock struck the coast near the port on Tuesday, a day after the earthquake damaged dozens of old houses, officials said.", false},
		{"same shock, other magnitude",
			"A magnitude 5.6 earthquake struck the coast near the port on Monday, damaging dozens of old houses, officials said.", true},
	}
	analyze := extractAnalyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := []news.Article{
				{ID: "a", Source: "one.example", Lang: "en", Published: day.Add(4 * time.Hour), Title: "Quake", Text: main},
				{ID: "b", Source: "two.example", Lang: "en", Published: day.Add(28 * time.Hour), Title: "Quake", Text: tt.other},
			}
			an := []news.Analysis{analyze(&arts[0]), analyze(&arts[1])}
			ev := Build(news.Event{ID: "e"}, arts, an)
			got := slices.ContainsFunc(ev.Claims, func(c news.Claim) bool { return c.Status == news.Conflicting })
			if got != tt.conflict {
				t.Errorf("conflict = %v, want %v; claims: %+v", got, tt.conflict, ev.Claims)
			}
		})
	}
}

func TestNegatedToll(t *testing.T) {
	tests := []struct {
		text string
		i    int // index of the toll word
		want bool
	}{
		{"waren im Einsatz verletzt wurde niemand", 3, true},
		{"were deployed and nobody injured", 4, true},
		{"people were killed and no survivors", 2, false},
		{"people were injured in the blast", 2, false},
		{"pompiers mobilises personne blesse", 3, true},
	}
	for _, tt := range tests {
		if got := negatedAt(words(tt.text), tt.i); got != tt.want {
			t.Errorf("negatedAt(%q, %d) = %v, want %v", tt.text, tt.i, got, tt.want)
		}
	}
}
