package cluster

import (
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// TestFigureConflicts checks the headline and lead figure conflicts: two
// reports whose headlines (or leads) both give figures and share none.
func TestFigureConflicts(t *testing.T) {
	type art struct{ title, text string }
	tests := []struct {
		name        string
		x, y        art
		title, lead float64
	}{
		{"same figures written alike",
			art{"Dam bursts, 12 missing", "Twelve people, 12 in all, were missing after the dam burst. Rescuers searched the valley."},
			art{"12 missing after dam gives way", "The dam gave way and 12 people were missing. Boats were sent."},
			0, 0},
		{"same figure written two ways",
			art{"Mill sold for 1,200 million", "The mill was sold for 1,200 million on Friday."},
			art{"Mill goes for 1200 million", "Its owners took 1200 million for the mill."},
			0, 0},
		{"different tolls",
			art{"Ferry sinks, 7 dead", "A ferry sank off the cape, killing 7 passengers. Divers were called."},
			art{"Ferry capsizes, 31 dead", "A ferry capsized in the strait and 31 people drowned. Divers were called."},
			1, 1},
		{"one headline without figures",
			art{"Ferry sinks off the cape", "A ferry sank off the cape, killing 7 passengers."},
			art{"Ferry capsizes, 31 dead", "A ferry capsized in the strait and 31 people drowned."},
			0, 1},
		{"figures past the lead do not count",
			art{"Bridge closed", "The old bridge was closed. Engineers found cracks. It carried 4000 cars a day."},
			art{"Bridge shut", "Engineers shut the bridge. Cracks were found in the piers. It was built for 900 carts."},
			0, 0},
		{"a year in the lead is not a figure",
			art{"Bridge closed", "The bridge, opened in 1931, was closed. Cracks were found."},
			art{"Bridge shut", "The bridge, finished in 1928, was shut. Cracks were found."},
			0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(DefaultConfig())
			x := c.vectorize(&news.Article{ID: "x", Title: tc.x.title, Text: tc.x.text, Lang: "en"})
			y := c.vectorize(&news.Article{ID: "y", Title: tc.y.title, Text: tc.y.text, Lang: "en"})
			var f [numFeatures]float64
			c.features(x, y, &f)
			if f[fTitleNumbers] != tc.title || f[fLeadNumbers] != tc.lead {
				t.Errorf("title, lead figure conflicts = %v, %v; want %v, %v", f[fTitleNumbers], f[fLeadNumbers], tc.title, tc.lead)
			}
		})
	}
}

func TestShareAny(t *testing.T) {
	tests := []struct {
		a, b []uint64
		want bool
	}{
		{[]uint64{1, 4, 9}, []uint64{2, 9}, true},
		{[]uint64{1, 4, 9}, []uint64{2, 5, 10}, false},
		{nil, []uint64{2}, false},
		{[]uint64{3}, []uint64{3}, true},
	}
	for _, tc := range tests {
		if got := intersects(tc.a, tc.b); got != tc.want {
			t.Errorf("intersects(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
