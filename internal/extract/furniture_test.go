package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func TestFurnitureLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Photo: Jane Doe/Agency", true},
		{"(Photo: Channel 9)", true},
		{"Photo credit: County Fire Department", true},
		{"By Mary Jones and Tom Brown", true},
		{"Von Anna Muster, Berlin", true},
		{"Reporting by Tom Brown; Editing by Anna Lee", true},
		{"(Additional reporting by Tom Brown in Lyon.)", true},
		{"Read more: Floods hit the coast", true},
		{"Related: Second storm on the way", true},
		{"Lesen Sie auch: Der Pegel steigt weiter", true},
		{"À lire aussi : la crue continue", true},
		{"Advertisement", true},
		{"Share", true},
		{"Share this: Email", true},
		{"Agency Images", true},
		{"We use cookies to improve your browsing experience.", true},
		{"Sign up for our daily newsletter.", true},
		{"Please enable JavaScript to watch this video", true},
		{"Copyright 2024 Some Station. All rights reserved.", true},
		// Story lines.
		{"By Tuesday, the water had receded.", false},
		{"Share prices fell sharply on Monday.", false},
		{"Subscribers lost power for hours.", false},
		{"Anzeige gegen den Fahrer wurde erstattet.", false},
		{"The mayor said the photo was taken on Monday.", false},
		{"The fix closes a JavaScript flaw that attackers actively used.", false},
		{"Satellite images showed the damage.", false},
	}
	for _, tt := range tests {
		if got := Furniture(tt.line); got != tt.want {
			t.Errorf("Furniture(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestFurnitureKeptOut: the names, figures and quotes of credits, bylines
// and prompts are no facts; those of the story are.
func TestFurnitureKeptOut(t *testing.T) {
	text := strings.Join([]string{
		"By Mary Jones",
		"Photo: Jane Doe/Northwire",
		"Firefighters in Lyon pumped 300 tonnes of mud from the streets on Monday, mayor Paul Martin said.",
		"A street under water in the old town. (Photo: Tom Green/Northwire)",
		`"We will rebuild," Martin said.`,
		"Read more: 12 towns brace for the next flood",
		`Related: "It was the worst night," a resident said`,
		"Reporting by Anna Lee; Editing by Tom Brown",
	}, "\n")
	art := news.Article{ID: "fu", Lang: "en", Text: text, Published: time.Date(2024, 12, 14, 0, 0, 0, 0, time.UTC)}
	an := analyzer(t).Analyze(&art)
	names := map[string]bool{}
	for _, e := range an.Entities {
		names[e.Name] = true
	}
	for _, bad := range []string{"Mary Jones", "Jane Doe", "Northwire", "Tom Green", "Anna Lee", "Tom Brown"} {
		if names[bad] {
			t.Errorf("entity %q from furniture; entities %v", bad, names)
		}
	}
	for _, good := range []string{"Lyon", "Paul Martin"} {
		if !names[good] {
			t.Errorf("entity %q of the story missing; entities %v", good, names)
		}
	}
	for _, f := range an.Figures {
		if f.Value == 12 {
			t.Errorf("figure %q from a link line", f.Text)
		}
	}
	if len(an.Figures) == 0 || an.Figures[0].Value != 300 {
		t.Errorf("figures %+v, want the 300 tonnes of the story first", an.Figures)
	}
	for _, q := range an.Quotes {
		if strings.Contains(q.Text, "worst night") {
			t.Errorf("quote %q from a link line", q.Text)
		}
	}
	if len(an.Quotes) == 0 {
		t.Errorf("the story's quote is missing")
	}
}

func FuzzFurniture(f *testing.F) {
	for _, s := range []string{"By Jane Doe\nText (Photo: X", "(", "a (photo/ b) c\n\n)(", "Read more: x\n©"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc{text: text}
		d.markFurniture()
		for _, s := range d.furn {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("furniture span %+v bad for %d bytes", s, len(text))
			}
		}
		Furniture(text)
	})
}
