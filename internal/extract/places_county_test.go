package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// A county is not its namesake town, however it is written: sentences of
// my own writing, each naming a county whose name is also a town of the
// gazetteer, and the town the county's name must not resolve to.
func TestCountiesAreNoTowns(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct{ text, town string }{
		{"Damien Lowe, 21, from Dillon county was killed in the shooting.", "Dillon"},
		{"The St. Mary Sheriff's Office says a boy was hurt on Friday.", "Mary"},
		{"Youth leaders in Cherokee and Spartanburg Counties met on Monday.", "Cherokee"},
		{"Youth leaders in Cherokee and Spartanburg Counties met on Monday.", "Spartanburg"},
		{"Deputies of the Rutherford Co. Sheriff's Office responded.", "Rutherford"},
		{"A deputy in Orange County said the road was closed.", "Orange"},
	} {
		an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: tc.text})
		for _, p := range an.Places {
			if p.Text == tc.town {
				t.Errorf("%q: place %q (%s, %s), want none: the name is a county's", tc.text, p.Text, p.Name, p.Kind)
			}
		}
	}
	// The town itself is still a town.
	an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: "A man was shot in Spartanburg on Sunday, police said."})
	if len(an.Places) == 0 || an.Places[0].Name != "Spartanburg" {
		t.Errorf("places = %+v, want Spartanburg", an.Places)
	}
}

// Headlines are read for places and tolls, apart from the text, and an
// outlet's name and town after a separator are not read.
func TestHeadlinePlacesAndTolls(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct {
		title, place string
		killed, hurt float64
	}{
		{"Two dead, three hurt in Tulsa shooting - KXYZ News 6 - Oklahoma City", "Tulsa", 2, 3},
		{"Police: Four wounded in drive-by shooting in Macon", "Macon", 0, 4},
		{"Man killed in Boise crash | Channel 7 Denver", "Boise", 1, 0},
	} {
		an := a.Analyze(&news.Article{ID: "h", Lang: "en", Title: tc.title, Text: "Police are investigating."})
		var places []string
		for _, p := range an.TitlePlaces {
			places = append(places, p.Name)
		}
		if len(places) != 1 || places[0] != tc.place {
			t.Errorf("%q: title places %v, want [%s]", tc.title, places, tc.place)
		}
		got := map[string]float64{}
		for _, f := range an.TitleFigures {
			got[f.Counts] = f.Value
		}
		if got["killed"] != tc.killed || got["injured"] != tc.hurt {
			t.Errorf("%q: title tolls %v, want %v killed, %v injured", tc.title, got, tc.killed, tc.hurt)
		}
	}
}

// A town the tagger typed otherwise is a place at the top of the text
// (its dateline) and after a locative; a neighbourhood is not a namesake
// town.
func TestPlacesByPosition(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct {
		text string
		want []string // place names in text order
	}{
		{"GARY | A dispute over money at a bar led to a shooting, police said.", []string{"Gary"}},
		{"Nine dead in a fight at a restaurant. It started in Waco. Waco PD Sgt. Tom Lane said so.", []string{"Waco"}},
		{"DENVER (KXYZ) One man is dead after a shooting overnight in Denver’s Whittier neighborhood. Denver police arrested a man.", []string{"Denver", "Denver", "Denver"}}, // "Denver police": the place, as CoNLL tags it
	} {
		an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: tc.text})
		var got []string
		for _, p := range an.Places {
			got = append(got, p.Name)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}

// "St.", "Ft." and "Mt." opening a name are part of it: the name is not
// the word after them (a Turkmen city "Mary", a man "Paul").
func TestSaintFortMount(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct{ text, place string }{
		{"He flew to St. Louis on Friday.", "St. Louis"},
		{"Soldiers at Ft. Bragg were told on Monday.", "Ft. Bragg"},
	} {
		an := a.Analyze(&news.Article{ID: "s", Lang: "en", Text: tc.text})
		found := false
		for _, e := range an.Entities {
			if e.Type == news.Place && (e.Name == tc.place || slices.Contains(e.Aliases, tc.place)) {
				found = true
				continue
			}
			if strings.Contains(tc.place, e.Name) {
				t.Errorf("%q: entity %q (%s), a part of %q", tc.text, e.Name, e.Type, tc.place)
			}
		}
		if !found {
			t.Errorf("%q: no place %q in %+v", tc.text, tc.place, an.Entities)
		}
	}
}
