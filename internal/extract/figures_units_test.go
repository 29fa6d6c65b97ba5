package extract

import (
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// TestFiguresUnits: a number before an inflected unit is a quantity, also
// when it looks like a year.
func TestFiguresUnits(t *testing.T) {
	type fig struct {
		value  float64
		counts string
	}
	tests := []struct {
		lang, text string
		want       []fig
	}{
		{"de", "Die Feuerwehr pumpte 2000 Litern Wasser ab.", []fig{{2000, "Litern"}}},
		{"de", "Es fielen 1950 Tonnen Schutt an.", []fig{{1950, "Tonnen"}}},
		{"fr", "Les pompiers ont versé 2000 litres d'eau.", []fig{{2000, "litres"}}},
		{"fr", "Ils ont parcouru 2010 kilomètres à pied.", []fig{{2010, "kilomètres"}}},
		{"es", "Se vertieron 2000 toneladas de arena.", []fig{{2000, "toneladas"}}},
		{"es", "Caminaron 1999 kilómetros en total.", []fig{{1999, "kilómetros"}}},
		{"nl", "Er lekte 2000 liter olie weg.", []fig{{2000, "liter"}}},
		{"en", "The tanker spilled 2000 gallons and drove 500km.", []fig{{2000, "gallons"}, {500, "km"}}},
		// A year before an ordinary word stays a year.
		{"en", "In 2000 voters chose again.", nil},
		{"de", "Im Jahr 2000 Wasser zu finden war schwer.", nil},
	}
	a := analyzer(t)
	for _, tt := range tests {
		art := news.Article{ID: "u", Lang: tt.lang, Text: tt.text, Published: time.Date(2024, 12, 14, 0, 0, 0, 0, time.UTC)}
		an := a.Analyze(&art)
		var got []fig
		for _, f := range an.Figures {
			got = append(got, fig{f.Value, f.Counts})
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s %q: figures %+v, want %+v", tt.lang, tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s %q: figure %d = %+v, want %+v", tt.lang, tt.text, i, got[i], tt.want[i])
			}
		}
	}
}
