package reconcile

import (
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// A town far from everything else an event names (its other places, its
// outlet's home town) loses to the places near them: a namesake read in
// the wrong state. Unless it alone outscores the rest, the event names
// another region of its country, or nothing is anchored at all.
func TestWhereFarNamesakeLast(t *testing.T) {
	far := news.GeoPlace{Name: "Austell", Country: "US", Region: "TX", Kind: "city", Lat: 30.3, Lon: -97.7, Population: 900000}
	city := news.GeoPlace{Name: "Karvik", Country: "US", Region: "IL", Kind: "city", Lat: 41.85, Lon: -87.65, Population: 2000000}
	suburb := news.GeoPlace{Name: "Lindale", Country: "US", Region: "IL", Kind: "city", Lat: 41.9, Lon: -87.8, Population: 25000}
	home := news.GeoPlace{Name: "Karvik", Country: "US", Region: "IL", Kind: "city", Lat: 41.85, Lon: -87.65, Population: 2000000}
	region := news.GeoPlace{Name: "Ostland", Country: "US", Region: "IN", Kind: "region", Lat: 40, Lon: -86, Population: 6000000}
	for _, tc := range []struct {
		name   string
		places []news.GeoPlace
		loc    map[string]float64
		homes  []news.GeoPlace
		want   string
	}{
		{"the outlet's home town anchors", []news.GeoPlace{far, city}, map[string]float64{"austell": 6.5, "karvik": 1}, []news.GeoPlace{home}, "Karvik"},
		{"no home, nothing anchored", []news.GeoPlace{far, city}, map[string]float64{"austell": 6.5, "karvik": 1}, nil, "Austell"},
		{"a nearby town anchors", []news.GeoPlace{far, city, suburb}, map[string]float64{"austell": 4, "karvik": 2, "lindale": 2}, nil, "Karvik"},
		{"far but far ahead", []news.GeoPlace{far, city, suburb}, map[string]float64{"austell": 9, "karvik": 2, "lindale": 2}, nil, "Austell"},
		{"another region named", []news.GeoPlace{far, city, region}, map[string]float64{"austell": 6.5, "karvik": 1, "ostland": 1}, []news.GeoPlace{home}, "Austell"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := whereWith(tc.places, tc.loc, nil, tc.homes)
			if len(got) == 0 || got[0].Name != tc.want {
				t.Errorf("whereWith = %+v, want %s first", got, tc.want)
			}
		})
	}
}
