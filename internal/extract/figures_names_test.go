package extract

import (
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// TestNameNumbers: a number right after a capitalised word of a name,
// with no counted noun after it, is part of the name, not a count.
func TestNameNumbers(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string // figure texts
	}{
		{"en", "The Nordlink 3 cable was cut on Sunday.", nil},
		{"en", "A Boeing 737 crashed and the pilot of the Apollo 11 mission spoke.", nil},
		{"en", "Traffic stopped on Highway 101 near the bridge.", nil},
		{"en", "The laptops ran Windows 11.", nil},
		// A counted noun keeps the figure.
		{"en", "The Apollo 11 astronauts returned and 300 people cheered.", []string{"11 astronauts", "300 people"}},
		{"en", "Shares of Acme 5 percent higher.", []string{"5 percent"}},
		{"en", "Output of Acme fell 5 percent.", []string{"5 percent"}},
		{"de", "Die Ostsee-Leitung Nordlink 3 wurde beschädigt.", nil},
		{"de", "Im Irak sind 2.500 Soldaten stationiert.", []string{"2.500 Soldaten"}},
		{"fr", "Le câble Nordlink 3 a été coupé et 40 soldats sont arrivés.", []string{"40 soldats"}},
	}
	a := analyzer(t)
	for _, tt := range tests {
		art := news.Article{ID: "n", Lang: tt.lang, Text: tt.text, Published: time.Date(2024, 12, 14, 0, 0, 0, 0, time.UTC)}
		an := a.Analyze(&art)
		var got []string
		for _, f := range an.Figures {
			got = append(got, f.Text)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s %q: figures %q, want %q", tt.lang, tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s %q: figure %d = %q, want %q", tt.lang, tt.text, i, got[i], tt.want[i])
			}
		}
	}
}
