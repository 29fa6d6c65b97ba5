package extract

import (
	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/news"
)

// places resolves the article's place mentions jointly: every place name
// of the article is context for the others (geo.Resolve).
func (a *Analyzer) places(d *doc) []news.GeoPlace {
	var names []string
	for _, m := range d.ms {
		if m.Type == news.Place {
			names = append(names, m.Text)
		}
	}
	if len(names) == 0 {
		return nil
	}
	res := a.gaz.Resolve(names)
	// Names written with an alias ("U.S.", "Britain") resolve through the
	// alias table's canonical name.
	var out []news.GeoPlace
	for _, m := range d.ms {
		if m.Type != news.Place {
			continue
		}
		e, ok := res[m.Text]
		if !ok {
			if al, found := a.aliases.lookup(geo.Fold(m.Text)); found {
				if c := a.gaz.Lookup(al.Name); len(c) > 0 {
					e, ok = c[0], true
				}
			}
		}
		if !ok {
			continue
		}
		out = append(out, news.GeoPlace{
			Name: e.Name, Text: m.Text, Country: e.Country, Lat: e.Lat, Lon: e.Lon,
			Kind: e.Kind, Start: m.Start, End: m.End,
		})
	}
	return out
}
