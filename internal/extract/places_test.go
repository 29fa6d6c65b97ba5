package extract

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// Sentences of my own writing for each failure of issues 15 and 16 about
// places: what a mention resolves to (name, country, kind and, where it
// matters, the state it lies in by its coordinates).
func TestPlacesQualifiedAndContext(t *testing.T) {
	a := analyzer(t)
	tests := []struct {
		name, text, place, wantName, country, kind string
	}{
		{"state qualifier picks the namesake town", "Fire crews were called to a house in Pasadena, Calif., on Friday night.", "Pasadena", "Pasadena", "US", "city"},
		{"a town, not the country", "A man from Denmark, S.C., was charged on Monday.", "Denmark", "Denmark", "US", "city"},
		{"the qualifier is a place too", "A man from Denmark, S.C., was charged on Monday.", "S.C.", "South Carolina", "US", "region"},
		{"postal code", "The bakery in Marysville, WA closed early.", "Marysville", "Marysville", "US", "city"},
		{"dateline with state", "WINCHESTER, Ky. (WXYZ) — Two people were hurt in a crash.", "WINCHESTER", "Winchester", "US", "city"},
		{"dateline without state", "PHILADELPHIA (KQRS) — A bus caught fire on a bridge.", "PHILADELPHIA", "Philadelphia", "US", "city"},
		{"a country is the country", "Officials in Kuwait and Mexico declined to comment.", "Kuwait", "Kuwait", "KW", "country"},
		{"Mexico is the country", "Officials in Kuwait and Mexico declined to comment.", "Mexico", "Mexico", "MX", "country"},
		{"English exonym", "Dock workers in Antwerp walked out on Tuesday.", "Antwerp", "Antwerpen", "BE", "city"},
		{"island region", "Hikers were rescued on Crete after a storm near Heraklion.", "Crete", "Crete", "GR", "region"},
		{"town under its English name", "Hikers were rescued on Crete after a storm near Heraklion.", "Heraklion", "Irákleion", "GR", "city"},
		{"a state is a place", "Storms swept across Ohio and Indiana overnight.", "Ohio", "Ohio", "US", "region"},
		{"abbreviated state alone", "The family moved to Tyrone, Mo., last year.", "Mo.", "Missouri", "US", "region"},
		{"agency names its place", "The Olathe Police Department said nobody was hurt.", "Olathe", "Olathe", "US", "city"},
		{"police in lower case", "The girl was taken to a hospital, said Lt. Dana Ruiz with Conway police.", "Conway", "Conway", "US", "city"},
		{"a name before a resident", "Missing Palmer teen was found beaten near the river, police said.", "Palmer", "Palmer", "US", "city"},
		{"a direction before a city", "A car was stolen in Southwest Baltimore on Sunday.", "Baltimore", "Baltimore", "US", "city"},
		{"a dotted state abbreviation the tagger calls an organisation", "D.C. police said five people were hurt at a club.", "D.C.", "District of Columbia", "US", "region"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: tc.text})
			for _, p := range an.Places {
				if p.Text != tc.place {
					continue
				}
				if p.Name != tc.wantName || p.Country != tc.country || p.Kind != tc.kind {
					t.Errorf("%q: %s = %s %s %s, want %s %s %s", tc.text, tc.place, p.Name, p.Country, p.Kind, tc.wantName, tc.country, tc.kind)
				}
				return
			}
			t.Errorf("%q: place %q not found (places %+v)", tc.text, tc.place, an.Places)
		})
	}
}

// A capitalised word before "police" that the tagger did not take for a
// name is no place: "As police arrived", nor an adjective before a
// resident word ("a Black man").
func TestPoliceAfterWordIsNoPlace(t *testing.T) {
	a := analyzer(t)
	for _, text := range []string{
		"As police arrived, the crowd ran from the lot.",
		"Then police found a gun in the car.",
		"Witnesses said a Black man and a White woman ran from the car.",
	} {
		an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: text})
		if len(an.Places) > 0 {
			t.Errorf("%q: places %+v, want none", text, an.Places)
		}
	}
}

// The state a qualified town lies in, by its coordinates: Pasadena in
// California is west of -110°, the Texas one east of -100°.
func TestPlacesQualifierCoordinates(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct {
		text, place string
		west, east  float64
	}{
		{"A crash closed a road in Pasadena, Calif., on Friday.", "Pasadena", -119, -117},
		{"A crash closed a road in Pasadena, Texas, on Friday.", "Pasadena", -96, -94},
		{"Police in Winchester, Ky., arrested a driver.", "Winchester", -85, -84},
		{"Denmark, South Carolina, held a parade.", "Denmark", -82, -80},
	} {
		an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: tc.text})
		found := false
		for _, p := range an.Places {
			if p.Text == tc.place {
				found = true
				if p.Lon < tc.west || p.Lon > tc.east {
					t.Errorf("%q: %s at lon %.2f, want within [%.0f, %.0f]", tc.text, tc.place, p.Lon, tc.west, tc.east)
				}
			}
		}
		if !found {
			t.Errorf("%q: place %q not found (places %+v)", tc.text, tc.place, an.Places)
		}
	}
}

// Party tags and title abbreviations are never places, nor entities.
func TestPartyTagsAndTitlesAreNoPlaces(t *testing.T) {
	a := analyzer(t)
	for _, text := range []string{
		"Sens. Maria Quell, D-Ore., and Tom Abner, I-Vt., filed the bill on Monday.",
		"Rep. Lena Ortz (R-Texas) and Rep. Ed Marr, D-N.Y., voted against it.",
		"Sen. Quell said the vote would come soon.",
		"Gov. Abner signed it, and Sen. Marr, R-Calif., objected.",
	} {
		an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: text})
		for _, p := range an.Places {
			t.Errorf("%q: place %q (%s) found, want none", text, p.Text, p.Name)
		}
		for _, m := range an.Mentions {
			switch m.Text {
			case "D-Ore", "I-Vt", "R-Texas", "D-N", "D-N.Y", "R-Calif", "Sens", "Sen", "Gov", "Texas", "Ore", "Vt":
				t.Errorf("%q: mention %q (%s), want none", text, m.Text, m.Type)
			}
		}
	}
}

// Streets named after states are no places.
func TestStreetsAreNoPlaces(t *testing.T) {
	a := analyzer(t)
	for _, text := range []string{
		"A shot was fired in the 900 block of Pennsylvania on Sunday.",
		"The crash happened at Pennsylvania Avenue and Main, police said.",
	} {
		an := a.Analyze(&news.Article{ID: "p", Lang: "en", Text: text})
		for _, p := range an.Places {
			if p.Text == "Pennsylvania" {
				t.Errorf("%q: place %q (%s), want none", text, p.Text, p.Name)
			}
		}
	}
}

// A Title Case headline's words are no names to the tagger; a known
// place after a locative is still the headline's place, a county's name
// is not its town's, and a single word must be a larger place.
func TestHeadlinePlaces(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct {
		title string
		want  string // TitlePlaces names, comma-separated
	}{
		{"Two Hurt In Shooting At Waco Car Wash", "Waco"},
		{"Teen Shot Outside Store In New Roads", "New Roads"},
		{"Girl Accidentally Shot In Henderson County", ""},
		{"Man Shot At Party After Argument", ""},
	} {
		an := a.Analyze(&news.Article{ID: "h", Lang: "en", Title: tc.title, Text: "Police said a man was taken to a hospital."})
		var got []string
		for _, p := range an.TitlePlaces {
			got = append(got, p.Name)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%q: title places %v, want %q", tc.title, got, tc.want)
		}
	}
}

// A headline's resident names their town even when the tagger found no
// name there.
func TestHeadlineResidentTown(t *testing.T) {
	a := analyzer(t)
	an := a.Analyze(&news.Article{ID: "h", Lang: "en", Title: "Bunnell man charged with aggravated assault", Text: "He was held on bond."})
	if len(an.TitlePlaces) == 0 || an.TitlePlaces[0].Name != "Bunnell" || an.TitlePlaces[0].Country != "US" {
		t.Errorf("TitlePlaces = %+v, want Bunnell (US)", an.TitlePlaces)
	}
}

// A word running text writes in lower case is no town at a sentence start
// or capitalised in a heading ("Rest", "Male" are towns in the
// gazetteer), unless a locative or a state says so.
func TestCommonWordsAreNoPlaces(t *testing.T) {
	a := analyzer(t)
	for _, tc := range []struct{ text, want string }{
		{"Rest in peace, the family of the Dayton teen wrote on Sunday.", "Dayton"},
		{"The Male suspect ran from officers in Dayton on Friday.", "Dayton"},
		// A direction before a word names a part of a large city only:
		// "the South Side" is no small town "Side".
		{"DAYTON — Two men were shot on the South Side on Friday.", "Dayton"},
		// A short word in capitals the gazetteer knows only as a town
		// (here Japan's Tsu) is an organisation's initials.
		{"A student was shot near TSU in Dayton on Friday.", "Dayton"},
		{"Officials of the UK met the mayor in Dayton on Friday.", "United Kingdom,Dayton"},
	} {
		an := a.Analyze(&news.Article{ID: "c", Lang: "en", Text: tc.text})
		var got []string
		for _, p := range an.Places {
			got = append(got, p.Name)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%q: places %v, want %q", tc.text, got, tc.want)
		}
	}
}
