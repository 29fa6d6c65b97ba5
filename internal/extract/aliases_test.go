package extract

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// TestAliasTable checks the generated table: every entry is well formed,
// and a few forms the rules of genaliases must keep or drop.
func TestAliasTable(t *testing.T) {
	tab, err := loadAliases(aliasJSON)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tab.entries); n < 1000 {
		t.Errorf("alias table has %d entries, want the Wikidata items (1000 or more)", n)
	}
	for _, e := range tab.entries {
		if !strings.HasPrefix(e.Source, "wikidata Q") {
			t.Errorf("%s: source %q, want its Wikidata item", e.Name, e.Source)
		}
	}
	for _, tt := range []struct {
		form string
		typ  news.EntityType // "" when the form must not be in the table
	}{
		{"ISIL", news.Org},  // an acronym of the item's long name
		{"Daesh", news.Org}, // another name
		{"Britain", news.Place},
		{"Biden", ""},       // a lone surname names many people
		{"Europe", ""},      // another item's label, not the European Union
		{"IT", ""},          // a country code that is a word, not the initials of "Italy"
		{"youtube.com", ""}, // not written as a name
	} {
		e, ok := tab.lookup(lex.FoldName(tt.form))
		if tt.typ == "" {
			if ok {
				t.Errorf("%q is in the table as %s (%s), want it left out", tt.form, e.Name, e.Type)
			}
			continue
		}
		if !ok || e.Type != tt.typ {
			t.Errorf("%q: got %+v (found %v), want type %s", tt.form, e, ok, tt.typ)
		}
	}
}

// TestAliasMechanisms: names tied to one entity by the text alone, in
// sentences of our own with made-up organisations and people that no
// table holds.
func TestAliasMechanisms(t *testing.T) {
	tests := []struct {
		name  string
		texts []string // one article each, one event
		forms []string // must all be forms of one entity
		apart []string // each must be in another entity than forms[0]
	}{
		{"abbreviation in another language",
			[]string{"Delegates of the Nordic Weather Council (CMN) met in Lyon on Monday. The CMN wants new radar stations."},
			[]string{"Nordic Weather Council", "CMN"}, nil},
		{"abbreviation of a hyphenated name",
			[]string{"Fighters of Jabhat Nasr al-Qadim (JNQ) entered the town. JNQ commanders said the road was open."},
			[]string{"Jabhat Nasr al-Qadim", "JNQ"}, nil},
		{"abbreviation that is also a word in capitals, and its later use",
			[]string{"Members of the Alliance for Nordic Development (AND) met in Tromsø. Later the AND leaders voted for the plan."},
			[]string{"Alliance for Nordic Development", "AND"}, nil},
		{"acronym of a name in the same article",
			[]string{"The Baltic Fisheries Authority closed the bay on Monday. Inspectors of the BFA counted the boats."},
			[]string{"Baltic Fisheries Authority", "BFA"}, nil},
		{"acronym of a name in another article of the event",
			[]string{"The Baltic Fisheries Authority closed the bay on Monday.", "The BFA said the bay would stay closed."},
			[]string{"Baltic Fisheries Authority", "BFA"}, nil},
		{"later surname",
			[]string{"Maria Lindqvist, the harbour master, closed the port. Lindqvist said the storm would pass by Friday."},
			[]string{"Maria Lindqvist", "Lindqvist"}, nil},
		{"transliterated first name, shared surname",
			[]string{"Mohammed al-Rashed, the governor, opened the bridge.", "Governor Muhammad al-Rashed said the bridge cost little."},
			[]string{"Mohammed al-Rashed", "Muhammad al-Rashed"}, nil},
		{"transliterated surname, shared first name",
			[]string{"Anthony Kovalenko led the talks.", "Antony Kovalenko said the talks went well."},
			[]string{"Anthony Kovalenko", "Antony Kovalenko"}, nil},
		{"different names with one surname stay apart",
			[]string{"Mohammed Karimi spoke first.", "Mahmoud Karimi spoke after him."},
			[]string{"Mohammed Karimi"}, []string{"Mahmoud Karimi"}},
	}
	a := analyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var arts []news.Article
			for i, tx := range tt.texts {
				arts = append(arts, news.Article{ID: string(rune('a' + i)), Lang: "en", Text: tx})
			}
			ans := make([]news.Analysis, len(arts))
			for i := range arts {
				ans[i] = a.Analyze(&arts[i])
			}
			ents := Canonicalize(arts, ans)
			of := func(form string) string {
				for _, e := range ents {
					for _, f := range append([]string{e.Name}, e.Aliases...) {
						if f == form {
							return e.ID
						}
					}
				}
				return ""
			}
			want := of(tt.forms[0])
			if want == "" {
				t.Fatalf("%q in no entity: %v", tt.forms[0], entitySummary(ents))
			}
			for _, f := range tt.forms[1:] {
				if got := of(f); got != want {
					t.Errorf("%q is in %q, want it in %q: %v", f, got, want, entitySummary(ents))
				}
			}
			for _, f := range tt.apart {
				if got := of(f); got == "" || got == want {
					t.Errorf("%q is in %q, want an entity of its own: %v", f, got, entitySummary(ents))
				}
			}
		})
	}
}

func entitySummary(ents []news.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.ID+" "+strings.Join(e.Aliases, "|"))
	}
	return out
}

func TestTranslitClose(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"mohammed", "muhammad", true},
		{"mohamed", "muhammad", true},
		{"anthony", "antony", true},
		{"zelensky", "zelenskiy", true},
		{"soudani", "sudani", true},
		{"mahmoud", "muhammad", false},
		{"ahmed", "mohammed", false},
		{"ali", "ole", false}, // too short to tell
		{"karimi", "kareem", false},
	}
	for _, tt := range tests {
		if got := translitClose(tt.a, tt.b); got != tt.want {
			t.Errorf("translitClose(%q, %q) = %v (keys %q, %q), want %v", tt.a, tt.b, got, translitKey(tt.a), translitKey(tt.b), tt.want)
		}
	}
}
