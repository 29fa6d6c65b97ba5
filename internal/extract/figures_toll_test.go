package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

func TestTollFigures(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       string // figures "value counts", in text order, joined by "; "
	}{
		{"active", "A gunman opened fire at a party, killing one man and injuring two more.", "1 killed; 2 injured"},
		{"one fatally", "Four people were shot, one fatally, on Main Street.", "3 injured; 1 killed"},
		{"age is not a count", "A 17-year-old was killed Saturday night.", "1 killed"},
		{"coordinated", "Three men and a woman were wounded in the gunfire.", "4 injured"},
		{"named", "Dale Ortner, 25, was shot and killed near the river.", "1 killed"},
		{"left dead", "The shooting left two dead and three injured.", "2 killed; 3 injured"},
		{"negated", "No one else was hurt.", ""},
		{"shot, fate not said", "A man was shot in the leg Tuesday. He was taken to a hospital.", "1 injured"},
		{"headline", "Two dead, three hurt in overnight shooting", "2 killed; 3 injured"},
		{"active shot is not the shooter", "A gunman shot two people outside a bar.", "2 injured"},
		{"relative clause", "The man who killed his neighbour was arrested.", ""},
		{"double shooting", "Police are investigating a double shooting that left one man dead.", "1 injured; 1 killed"},
		{"address", "It happened in the 4000 block of Elm Street.", ""},
		{"shared noun", "The army has 300 soldiers in Mali and 120 in Niger.", "300 soldiers; 120 soldiers"},
		{"inverted", "Also wounded were four patrons of the bar.", "4 injured"},
		{"suffered a wound", "A 20-year-old man suffered a gunshot wound to the leg.", "1 injured"},
		{"with wounds", "Three other people with gunshot wounds walked into the emergency room.", "3 injured"},
		{"with injuries", "The boy was taken to a hospital with non-life-threatening injuries.", "1 injured"},
		{"wounds of the dead", "Two men suffered gunshot wounds, and one of them died.", "1 injured; 1 killed"},
		{"attributive", "An injured woman was found outside the house.", "1 injured"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			an := a.Analyze(&news.Article{ID: "x", Text: tc.text, Lang: "en"})
			var got []string
			for _, f := range an.Figures {
				got = append(got, fmt.Sprintf("%s %s", news.FormatNumber(f.Value), f.Counts))
			}
			if g := strings.Join(got, "; "); g != tc.want {
				t.Errorf("figures of %q = %q, want %q", tc.text, g, tc.want)
			}
		})
	}
}
