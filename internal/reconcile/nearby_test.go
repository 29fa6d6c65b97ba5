package reconcile

import (
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// A neighbourhood's mentions count for the much larger town it lies in,
// unless it is named far more often; towns apart, of another region or
// of a like size keep their own.
func TestWhereNeighbourhoodOfItsCity(t *testing.T) {
	city := news.GeoPlace{Name: "Karvik", Country: "US", Region: "OH", Kind: "city", Lat: 40.00, Lon: -80.00, Population: 400000, Count: 2}
	hood := news.GeoPlace{Name: "Eastmoor", Country: "US", Region: "OH", Kind: "city", Lat: 40.03, Lon: -79.96, Population: 6000, Count: 3}
	for _, tc := range []struct {
		name string
		mod  func(h *news.GeoPlace)
		want string
	}{
		{"the city it lies in", func(h *news.GeoPlace) {}, "Karvik"},
		{"named far more than its city", func(h *news.GeoPlace) { h.Count = 9 }, "Eastmoor"},
		{"too far from the city", func(h *news.GeoPlace) { h.Lat, h.Lon = 40.3, -79.7 }, "Eastmoor"},
		{"across a state line", func(h *news.GeoPlace) { h.Region = "PA" }, "Eastmoor"},
		{"a town of like size", func(h *news.GeoPlace) { h.Population = 90000 }, "Eastmoor"},
		{"no population known", func(h *news.GeoPlace) { h.Population = 0 }, "Eastmoor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := hood
			tc.mod(&h)
			loc := map[string]float64{"eastmoor": 7, "karvik": 1}
			got := where([]news.GeoPlace{h, city}, loc)
			if len(got) == 0 || got[0].Name != tc.want {
				t.Errorf("where = %+v, want %s first", got, tc.want)
			}
		})
	}
}
