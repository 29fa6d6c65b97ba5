package web

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func TestMapSVG(t *testing.T) {
	tests := []struct {
		name   string
		places []news.GeoPlace
		want   []string
		empty  bool
	}{
		{"none", nil, nil, true},
		{"no usable coordinates", []news.GeoPlace{{Name: "Nowhere"}, {Name: "Bad", Lat: 95, Lon: 10}}, nil, true},
		{"two cities", []news.GeoPlace{{Name: "Paris", Country: "FR", Lat: 48.86, Lon: 2.35, Count: 3}, {Name: "Berlin", Lat: 52.5, Lon: 13.4}},
			[]string{`class="place-label"`, ">Paris</text>", ">Berlin</text>", "Paris (FR) — 3 mentions"}, false},
		{"same place twice is one dot", []news.GeoPlace{{Name: "Oslo", Lat: 59.9, Lon: 10.7}, {Name: "Oslo", Lat: 59.9, Lon: 10.7}},
			[]string{"Oslo — 2 mentions"}, false},
		{"label flips at the right edge", []news.GeoPlace{{Name: "Suva", Lat: -18.1, Lon: 178.4}, {Name: "Nuku'alofa", Lat: -21.1, Lon: -175.2}},
			[]string{`text-anchor="end">Suva</text>`}, false},
		{"hostile name", []news.GeoPlace{{Name: `<script>x</script>`, Lat: 1, Lon: 1}}, []string{"&lt;script&gt;x&lt;/script&gt;"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(mapSVG(tc.places))
			if tc.empty {
				if got != "" {
					t.Errorf("mapSVG = %q, want nothing", got)
				}
				return
			}
			if err := xml.Unmarshal([]byte(got), new(struct{})); err != nil {
				t.Errorf("mapSVG is not well-formed XML: %v", err)
			}
			if strings.Contains(got, "<script>") {
				t.Error("unescaped markup in map")
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("mapSVG lacks %q in %s", w, got)
				}
			}
		})
	}
}

func TestTimelineSVG(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "a", Title: "First <b>", Source: "one.example", Published: at},
		{ID: "b", Title: "Copy", Source: "two.example", Published: at.Add(2 * time.Hour), DuplicateOf: "a"},
		{ID: "c", Title: "Later", Source: "one.example", Published: at.Add(30 * time.Hour)},
	}
	got := string(timelineSVG(news.Event{}, arts))
	if err := xml.Unmarshal([]byte(got), new(struct{})); err != nil {
		t.Fatalf("timeline is not well-formed XML: %v\n%s", err, got)
	}
	for _, w := range []string{`class="dot dup"`, ">one.example</text>", ">two.example</text>", `href="/articles/c"`, "First &lt;b&gt;", "3 articles from 2 outlets"} {
		if !strings.Contains(got, w) {
			t.Errorf("timeline lacks %q", w)
		}
	}
	if n := strings.Count(got, "<circle"); n != 3 {
		t.Errorf("%d dots, want 3", n)
	}
	if timelineSVG(news.Event{}, nil) != "" {
		t.Error("timeline of no articles is not empty")
	}
}
