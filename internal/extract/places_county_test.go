package extract

import (
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
