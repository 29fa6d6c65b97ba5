package cluster

import (
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// TestHeadlineNames checks the headline-names feature: the larger share
// of one report's headline protagonists (names it writes again) that the
// other report never names.
func TestHeadlineNames(t *testing.T) {
	type art struct{ title, text string }
	tests := []struct {
		name string
		x, y art
		want float64
	}{
		{"same protagonist",
			art{"Rovers striker Dalbrook held after crash", "Rovers striker Dalbrook was held by police. Dalbrook denied drinking."},
			art{"Dalbrook arrested", "Police arrested Dalbrook of the Rovers after a crash. The club said Dalbrook would play."},
			0},
		{"two players of one team",
			art{"Rovers striker Dalbrook held after crash", "Rovers striker Dalbrook was held by police. Dalbrook denied drinking."},
			art{"Rovers keeper Ostermann held after crash", "Rovers keeper Ostermann was held by police. Ostermann denied drinking."},
			0.5},
		{"no headline: the first sentence stands for it",
			art{"", "Dalbrook of the Rovers held after crash\nPolice held the Rovers striker Dalbrook overnight."},
			art{"", "Ostermann of the Rovers held after crash\nPolice held the Rovers keeper Ostermann overnight."},
			0.5},
		{"a name the headline writes once does not count",
			art{"Dalbrook held, Quillon says", "Dalbrook was held by police. Dalbrook denied drinking."},
			art{"Dalbrook arrested", "Police arrested Dalbrook after a crash. Dalbrook was freed."},
			0},
		{"a headline without names",
			art{"Striker held after crash", "The striker Dalbrook was held. Dalbrook denied drinking."},
			art{"Ostermann arrested", "Police arrested Ostermann after a crash. Ostermann was freed."},
			0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(DefaultConfig())
			x := c.vectorize(&news.Article{ID: "x", Title: tc.x.title, Text: tc.x.text, Lang: "en"})
			y := c.vectorize(&news.Article{ID: "y", Title: tc.y.title, Text: tc.y.text, Lang: "en"})
			var f [numFeatures]float64
			c.features(x, y, &f)
			if f[fHeadNames] != tc.want {
				t.Errorf("headline names missing = %v, want %v", f[fHeadNames], tc.want)
			}
			if want := f[fHeadNames] * max(f[fCosName], f[fCosPhrase]); f[fHeadXNames] != want {
				t.Errorf("headline names × names = %v, want %v", f[fHeadXNames], want)
			}
		})
	}
}
