package extract

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// mentionTypes maps each mention's text of an English text to its type.
func mentionTypes(t *testing.T, text string) map[string]news.EntityType {
	t.Helper()
	an := analyzer(t).Analyze(&news.Article{ID: "p", Text: text, Lang: "en"})
	out := map[string]news.EntityType{}
	for _, m := range an.Mentions {
		out[m.Text] = m.Type
	}
	return out
}

func TestCuedPersons(t *testing.T) {
	tests := []struct {
		text   string
		person []string // mentions that must be people
		not    []string // words no person mention may hold
	}{
		// Age appositions.
		{"Aurora Bellevue, 23, of Eastfield, was charged with assault.", []string{"Aurora Bellevue"}, nil},
		{"Police found 17-year-old Kenya Mobley in the yard.", []string{"Kenya Mobley"}, nil},
		{"Twenty-five-day-old Camden Vale Jr. died of his wounds.", []string{"Camden Vale Jr"}, []string{"Twenty"}},
		{"Officers found Paris Dunmore, a 30-year-old cook, on the porch.", []string{"Paris Dunmore"}, nil},
		{"The three hurt men are Tyler Lafayette, Jackson Medina and Orlando Mesa, all 19.",
			[]string{"Tyler Lafayette", "Jackson Medina", "Orlando Mesa"}, nil},
		// A run holding a place takes no cue from the list it is in.
		{"Fans came from Costa Mesa, Boca Raton and Arlen Pike, 23, drove them.", []string{"Arlen Pike"}, []string{"Mesa", "Raton"}},
		// "identified as", acts and roles before the name.
		{"The coroner identified the victim as Florence Greenville of Westbury.", []string{"Florence Greenville"}, []string{"Westbury"}},
		{"Deputies arrested Lincoln Warren after a chase.", []string{"Lincoln Warren"}, nil},
		{"He said his friend Teague Holloway was also shot.", []string{"Teague Holloway"}, nil},
		{"Also hurt was Westfield State University Student Imara Quell of Dayton.", []string{"Imara Quell"}, []string{"University"}},
		{"The two victims: Aurora Bristol and Selma Harlan, both hurt.", []string{"Aurora Bristol", "Selma Harlan"}, nil},
		// Verbs and possessives after the name.
		{"Hours later Austin Beaumont was taken into custody.", []string{"Austin Beaumont"}, nil},
		{"Relatives say Chester Lancaster's family is in shock.", []string{"Chester Lancaster"}, nil},
		// Not people: a town before a kind of person, after a place's
		// preposition or a determiner; an agency that identifies; a group;
		// a headline's words.
		{"A 43-year-old Eastfield woman was charged on Monday.", nil, []string{"Eastfield"}},
		{"Officers in Port Hollis were called at midnight.", nil, []string{"Hollis"}},
		{"The Westside Crew were charged in an indictment.", nil, []string{"Westside"}},
		{"The Greenfield Gazette has identified the gunman.", nil, []string{"Greenfield", "Gazette"}},
		{"Police: Girl Killed, Boy Hurt In Crash", nil, []string{"Killed"}},
	}
	for _, tc := range tests {
		got := mentionTypes(t, tc.text)
		for _, p := range tc.person {
			if got[p] != news.Person {
				t.Errorf("%q: %q is %q, want a person (mentions %v)", tc.text, p, got[p], got)
			}
		}
		for m, typ := range got {
			for _, w := range tc.not {
				if typ == news.Person && strings.Contains(m, w) {
					t.Errorf("%q: %q is a person (mentions %v)", tc.text, m, got)
				}
			}
		}
	}
}

func TestAgeAt(t *testing.T) {
	tests := []struct {
		text string
		want int // tokens of the age adjective from token 0; -1 for none
	}{
		{"23-year-old man", 3},
		{"23 year-old man", 2},
		{"19-year old man", 4},
		{"five-month-old girl", 1},
		{"23 people", -1},
		{"old friends", -1},
	}
	a := analyzer(t)
	for _, tc := range tests {
		d := a.newDoc(tc.text, "en", "x")
		if got := d.ageAt(0); got != tc.want {
			t.Errorf("ageAt(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}
