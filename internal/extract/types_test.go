package extract

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// TestEntityTypesNotGuessed covers the failures of issue 15's "Entity
// types are guessed", each with sentences written for this test: an
// unknown capitalised run made a person, organisations made places or
// people, headings and credits read as names, titles and party tags read
// as places, a person read as a town.
func TestEntityTypesNotGuessed(t *testing.T) {
	a := analyzer(t)
	type want struct {
		form string
		typ  news.EntityType
	}
	for _, tt := range []struct {
		name string
		text string
		// none: no entity with this form (name or alias) has this type;
		// typ "" means no entity at all.
		none []want
		// some: an entity with this form and type exists.
		some []want
	}{
		{
			name: "unknown capitalised runs are not people",
			text: "The museum in Carrow showed old Polaroids from the launch of the Space Shuttle. Visitors said the Election Results display drew the biggest crowd on Saturday.",
			none: []want{{"Polaroids", news.Person}, {"Space Shuttle", news.Person}, {"Election Results", news.Person}},
		},
		{
			name: "organisations are neither places nor people",
			text: "Farmers who sell to the Northern Grain Cooperative were paid late, the Harwell Dairy Board said on Monday. A spokesman for Keltro Systems said the company would appeal.",
			none: []want{{"Northern Grain Cooperative", news.Person}, {"Northern Grain Cooperative", news.Place}, {"Keltro Systems", news.Person}, {"Keltro Systems", news.Place}},
		},
		{
			name: "headings are not names",
			text: "Storm Damage Leaves Coastal Towns Without Power\nCrews worked through the night to restore lines near the harbour, officials said.",
			none: []want{{"Storm Damage Leaves Coastal Towns Without Power", ""}, {"Storm Damage", news.Person}, {"Coastal Towns", news.Person}},
		},
		{
			name: "titles and party tags are not places",
			text: "Senate Majority Leader Chuck Schumer, a New York Democrat, said the bill would pass. Sen. Ron Wyden, D-Ore., and Sen. Bernie Sanders, I-Vt., voted against it.",
			none: []want{{"Sens", ""}, {"Sen", ""}, {"D-Ore", news.Place}, {"I-Vt", news.Place}, {"New York Democrat", ""}, {"Senate Majority", news.Org}, {"J", news.Person}},
			some: []want{{"Chuck Schumer", news.Person}, {"Ron Wyden", news.Person}, {"Bernie Sanders", news.Person}, {"New York", news.Place}},
		},
		{
			name: "a person who shares a small town's name",
			text: "Obama said the plan was sound, and added that he would speak again in the spring.",
			none: []want{{"Obama", news.Place}},
			some: []want{{"Obama", news.Person}},
		},
		{
			name: "words glued by a translation are not places",
			text: "The minister said that Berlinwould not send more troops, and the talks in Bamakosaid nothing new.",
			none: []want{{"Berlinwould", news.Place}, {"Bamakosaid", news.Place}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			art := news.Article{ID: "t", Lang: "en", Text: tt.text}
			an := a.Analyze(&art)
			has := func(e news.Entity, form string) bool {
				if strings.EqualFold(e.Name, form) {
					return true
				}
				for _, x := range e.Aliases {
					if strings.EqualFold(x, form) {
						return true
					}
				}
				return false
			}
			for _, w := range tt.none {
				for _, e := range an.Entities {
					if has(e, w.form) && (w.typ == "" || e.Type == w.typ) {
						t.Errorf("%q is an entity of type %s", w.form, e.Type)
					}
				}
			}
			for _, w := range tt.some {
				found := false
				for _, e := range an.Entities {
					found = found || (has(e, w.form) && e.Type == w.typ)
				}
				if !found {
					t.Errorf("no %s %q among %v", w.typ, w.form, entityList(an.Entities))
				}
			}
			for _, p := range an.Places {
				for _, w := range tt.none {
					if w.typ == news.Place && strings.EqualFold(p.Text, w.form) {
						t.Errorf("%q resolved to a place (%s, %s)", p.Text, p.Name, p.Country)
					}
				}
			}
		})
	}
}

func entityList(es []news.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, string(e.Type)+":"+e.Name)
	}
	return out
}
