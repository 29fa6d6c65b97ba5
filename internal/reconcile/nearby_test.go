package reconcile

import (
	"strings"
	"testing"
	"time"

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

// An event whose texts and headlines name no place is placed where most
// of its outlets' host names say (Analysis.Outlet); one whose texts name
// a place keeps it.
func TestWhereOutletWhenNoPlace(t *testing.T) {
	home := &news.GeoPlace{Name: "Karvik", Country: "US", Region: "OH", Kind: "city", Lat: 40, Lon: -80, Population: 400000}
	other := &news.GeoPlace{Name: "Lindale", Country: "US", Region: "PA", Kind: "city", Lat: 41, Lon: -79, Population: 50000}
	named := news.GeoPlace{Name: "Eastmoor", Text: "Eastmoor", Country: "US", Region: "OH", Kind: "city", Lat: 40.03, Lon: -79.96, Population: 6000, Start: 24, End: 32}
	for _, tc := range []struct {
		name    string
		outlets []*news.GeoPlace
		places  []news.GeoPlace
		want    string
	}{
		{"most outlets' town", []*news.GeoPlace{other, home, home}, nil, "Karvik"},
		{"a tie: the earliest article's", []*news.GeoPlace{other, home}, nil, "Lindale"},
		{"no outlet names a town", []*news.GeoPlace{nil, nil}, nil, ""},
		{"the text names a place", []*news.GeoPlace{other, other}, []news.GeoPlace{named}, "Eastmoor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var arts []news.Article
			var an []news.Analysis
			for i, o := range tc.outlets {
				id := string(rune('a' + i))
				arts = append(arts, news.Article{ID: id, Text: "Two men were shot in Eastmoor on Friday.", Lang: "en",
					Published: time.Date(2021, 5, 1+i, 0, 0, 0, 0, time.UTC)})
				an = append(an, news.Analysis{Article: id, Lang: "en", Places: tc.places, Outlet: o})
			}
			ev := Build(news.Event{ID: "e"}, arts, an)
			got := ""
			if len(ev.Where) > 0 {
				got = ev.Where[0].Name
			}
			if got != tc.want {
				t.Errorf("where = %+v, want %q first", ev.Where, tc.want)
			}
		})
	}
}

// A borough (a fifth of its metropolis or more) the texts name goes
// before the metropolis; a suburb or a town apart does not.
func TestWhereBoroughBeforeItsMetropolis(t *testing.T) {
	metro := news.GeoPlace{Name: "Karvik", Country: "US", Region: "OH", Kind: "city", Lat: 40.00, Lon: -80.00, Population: 4000000}
	boro := news.GeoPlace{Name: "Eastmoor", Country: "US", Region: "OH", Kind: "city", Lat: 40.05, Lon: -79.95, Population: 1500000}
	for _, tc := range []struct {
		name string
		mod  func(b *news.GeoPlace)
		want string
	}{
		{"a borough", func(b *news.GeoPlace) {}, "Eastmoor"},
		{"a suburb far smaller", func(b *news.GeoPlace) { b.Population = 300000 }, "Karvik"},
		{"too far from the metropolis", func(b *news.GeoPlace) { b.Lat, b.Lon = 41, -79 }, "Karvik"},
		{"across a state line", func(b *news.GeoPlace) { b.Region = "PA" }, "Karvik"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := boro
			tc.mod(&b)
			got := where([]news.GeoPlace{metro, b}, map[string]float64{"karvik": 6, "eastmoor": 3})
			if len(got) == 0 || got[0].Name != tc.want {
				t.Errorf("where = %+v, want %s first", got, tc.want)
			}
		})
	}
}

func TestLocativeEnd(t *testing.T) {
	for _, tc := range []struct {
		words string
		want  bool
	}{
		{"shot in", true},
		{"shot in southwest", true},
		{"shot near downtown", true},
		{"southwest", false},
		{"the southwest", false},
		{"", false},
	} {
		if got := locativeEnd(strings.Fields(tc.words)); got != tc.want {
			t.Errorf("locativeEnd(%q) = %v, want %v", tc.words, got, tc.want)
		}
	}
}

// A headline's locative weighs a place after a direction ("in southwest
// Karvik") as it does one right after it, but not one whose area it names
// ("in Karvik suburbs").
func TestTitlePlacesDirectionAndArea(t *testing.T) {
	p := news.GeoPlace{Name: "Karvik", Text: "Karvik", Country: "US", Kind: "city", Lat: 40, Lon: -80}
	for _, tc := range []struct {
		title string
		want  float64
	}{
		{"Two shot in Karvik", titleWeight},
		{"Two shot in southwest Karvik", titleWeight},
		{"Two shot in Karvik suburbs", 1},
		{"Karvik police seek gunman", 1},
	} {
		c := newBuildCtx(news.Event{ID: "e"}, []news.Article{{ID: "a", Title: tc.title, Lang: "en"}},
			[]news.Analysis{{Article: "a", TitlePlaces: []news.GeoPlace{p}}})
		if got := c.titlePlaces()["karvik"]; got != tc.want {
			t.Errorf("%q: title weight %v, want %v", tc.title, got, tc.want)
		}
	}
}
