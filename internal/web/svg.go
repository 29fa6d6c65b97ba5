package web

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// The event page draws its two figures as inline SVG built here, so they
// need no script, no tiles and no request beyond the page itself. Every
// piece of text that goes into them is escaped.

var esc = template.HTMLEscapeString

// timelineSVG draws when each outlet published on the event: one row per
// outlet, one dot per article (hollow for syndicated copies), each dot a
// link to the article.
func timelineSVG(ev news.Event, arts []news.Article) template.HTML {
	if len(arts) == 0 {
		return ""
	}
	type row struct {
		outlet string
		first  time.Time
		arts   []news.Article
	}
	rows := map[string]*row{}
	var order []*row
	t0, t1 := arts[0].Published, arts[0].Published
	for _, a := range arts {
		if a.Published.IsZero() {
			continue
		}
		r, ok := rows[a.Source]
		if !ok {
			r = &row{outlet: outletName(a.Source), first: a.Published}
			rows[a.Source] = r
			order = append(order, r)
		}
		if a.Published.Before(r.first) {
			r.first = a.Published
		}
		r.arts = append(r.arts, a)
		if a.Published.Before(t0) || t0.IsZero() {
			t0 = a.Published
		}
		if a.Published.After(t1) {
			t1 = a.Published
		}
	}
	if len(order) == 0 {
		return ""
	}
	slices.SortStableFunc(order, func(a, b *row) int { return a.first.Compare(b.first) })
	const maxRows = 30
	more := 0
	if len(order) > maxRows {
		more = len(order) - maxRows
		order = order[:maxRows]
	}
	span := t1.Sub(t0)
	if span < time.Hour {
		pad := (time.Hour - span) / 2
		t0, t1 = t0.Add(-pad), t1.Add(pad)
		span = time.Hour
	}
	const (
		width  = 760.0
		left   = 150.0
		right  = 20.0
		top    = 14.0
		rowH   = 26.0
		bottom = 34.0
	)
	plotW := width - left - right
	height := top + rowH*float64(len(order)) + bottom
	x := func(t time.Time) float64 { return left + plotW*float64(t.Sub(t0))/float64(span) }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" viewBox="0 0 %g %g" role="img" aria-labelledby="tl-title" xmlns="http://www.w3.org/2000/svg">`, width, height)
	fmt.Fprintf(&b, `<title id="tl-title">Coverage timeline: %d articles from %d outlets, %s to %s</title>`,
		len(arts), len(rows), esc(fmtDateTime(t0)), esc(fmtDateTime(t1)))
	// Time axis with ticks at round steps.
	step := tickStep(span)
	axisY := top + rowH*float64(len(order)) + 4
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, axisY, width-right, axisY)
	for t := t0.Truncate(step).Add(step); !t.After(t1); t = t.Add(step) {
		xx := x(t)
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%g" x2="%.1f" y2="%g"/>`, xx, top-6, xx, axisY)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, xx, axisY+16, esc(tickLabel(t, step)))
	}
	for i, r := range order {
		y := top + rowH*float64(i) + rowH/2
		if i%2 == 0 {
			fmt.Fprintf(&b, `<rect class="band" x="0" y="%g" width="%g" height="%g"/>`, y-rowH/2, width, rowH)
		}
		name := r.outlet
		if len(name) > 22 {
			name = name[:21] + "…"
		}
		fmt.Fprintf(&b, `<text class="outlet" x="%g" y="%g" text-anchor="end">%s</text>`, left-10, y+4, esc(strings.ToValidUTF8(name, "")))
		for _, a := range r.arts {
			class := "dot"
			if a.DuplicateOf != "" {
				class = "dot dup"
			}
			fmt.Fprintf(&b, `<a href="%s"><circle class="%s" cx="%.1f" cy="%g" r="6"><title>%s — %s</title></circle></a>`,
				esc(articleURL(a.ID)), class, x(a.Published), y, esc(a.Title), esc(fmtDateTime(a.Published)))
		}
	}
	if more > 0 {
		fmt.Fprintf(&b, `<text class="tick" x="%g" y="%g">and %d more outlets</text>`, left, height-4, more)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func tickStep(span time.Duration) time.Duration {
	for _, s := range []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour, 365 * 24 * time.Hour} {
		if span/s <= 6 {
			return s
		}
	}
	return 365 * 24 * time.Hour * 5
}

func tickLabel(t time.Time, step time.Duration) string {
	t = t.UTC()
	if step < 24*time.Hour {
		if t.Hour() == 0 && t.Minute() == 0 {
			return t.Format("2 Jan")
		}
		return t.Format("15:04")
	}
	if step >= 365*24*time.Hour {
		return t.Format("2006")
	}
	return t.Format("2 Jan")
}

// mapSVG plots an event's places on an equirectangular world outline,
// zoomed to the places so that nearby cities do not sit on one pixel.
// The outline is deliberately coarse (a few hundred points, embedded):
// it orients the reader, it is not a map to navigate by.
func mapSVG(places []news.GeoPlace) template.HTML {
	type pt struct {
		name, country string
		lat, lon      float64
		n             int
	}
	byName := map[string]*pt{}
	var pts []*pt
	for _, p := range places {
		if (p.Lat == 0 && p.Lon == 0) || math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180 || math.IsNaN(p.Lat) || math.IsNaN(p.Lon) {
			continue
		}
		name := p.Name
		if name == "" {
			name = p.Text
		}
		n := max(p.Count, 1)
		if q, ok := byName[name]; ok {
			q.n += n
			continue
		}
		q := &pt{name: name, country: p.Country, lat: p.Lat, lon: p.Lon, n: n}
		byName[name] = q
		pts = append(pts, q)
	}
	if len(pts) == 0 {
		return ""
	}
	slices.SortStableFunc(pts, func(a, b *pt) int { return cmp.Compare(b.n, a.n) })
	const k = 2.0 // px per degree in the full world
	px := func(lon float64) float64 { return (lon + 180) * k }
	py := func(lat float64) float64 { return (90 - lat) * k }

	// Zoom: bounding box of the points, padded, at least 50°×25° so the
	// coarse outline still reads as a map, 2:1.
	minLon, maxLon, minLat, maxLat := 180.0, -180.0, 90.0, -90.0
	for _, p := range pts {
		minLon, maxLon = math.Min(minLon, p.lon), math.Max(maxLon, p.lon)
		minLat, maxLat = math.Min(minLat, p.lat), math.Max(maxLat, p.lat)
	}
	w := math.Max((maxLon-minLon)*1.4, 50)
	h := math.Max((maxLat-minLat)*1.4, 25)
	if w < 2*h {
		w = 2 * h
	} else {
		h = w / 2
	}
	w, h = math.Min(w, 360), math.Min(h, 180)
	cLon, cLat := (minLon+maxLon)/2, (minLat+maxLat)/2
	x0 := math.Max(-180, math.Min(cLon-w/2, 180-w))
	y0 := math.Min(90, math.Max(cLat+h/2, -90+h)) // top latitude
	vx, vy, vw, vh := px(x0), py(y0), w*k, h*k
	unit := vw / 360 // about one screen pixel, as the map is drawn some 360px wide

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="map" viewBox="%.2f %.2f %.2f %.2f" role="img" aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">`, vx, vy, vw, vh)
	names := make([]string, 0, len(pts))
	for _, p := range pts {
		names = append(names, p.name)
	}
	fmt.Fprintf(&b, `<title id="map-title">Map of places: %s</title>`, esc(strings.Join(names, ", ")))
	fmt.Fprintf(&b, `<rect class="sea" x="%.2f" y="%.2f" width="%.2f" height="%.2f"/>`, vx, vy, vw, vh)
	b.WriteString(`<g class="land">`)
	for _, poly := range worldOutline {
		b.WriteString(`<path d="`)
		for i := 0; i+1 < len(poly); i += 2 {
			if i == 0 {
				b.WriteByte('M')
			} else {
				b.WriteByte('L')
			}
			fmt.Fprintf(&b, "%.1f %.1f", px(poly[i]), py(poly[i+1]))
		}
		b.WriteString(`Z"/>`)
	}
	b.WriteString(`</g><g class="graticule">`)
	step := 30.0
	if w <= 60 {
		step = 10
	}
	for lon := -180.0; lon <= 180; lon += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="0" x2="%.1f" y2="360"/>`, px(lon), px(lon))
	}
	for lat := -90.0; lat <= 90; lat += step {
		fmt.Fprintf(&b, `<line x1="0" y1="%.1f" x2="720" y2="%.1f"/>`, py(lat), py(lat))
	}
	b.WriteString(`</g>`)
	// Points, biggest first; a label is dropped when it would overlap one
	// already placed (the name stays in the tooltip).
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	fs := 12 * unit
	for _, p := range pts {
		cx, cy := px(p.lon), py(p.lat)
		r := (4 + math.Min(6, math.Log2(float64(p.n))*1.5)) * unit
		label := p.name
		if p.country != "" {
			label += " (" + p.country + ")"
		}
		fmt.Fprintf(&b, `<circle class="place" cx="%.2f" cy="%.2f" r="%.2f"><title>%s — %s</title></circle>`,
			cx, cy, r, esc(label), esc(plural(p.n, "mention")))
		lw := fs * 0.62 * float64(len([]rune(p.name)))
		bx := box{cx + r + 2*unit, cy - fs*0.8, cx + r + 2*unit + lw, cy + fs*0.3}
		anchor := "start"
		if bx.x1 > vx+vw {
			// Near the right edge the label goes to the left of its dot.
			bx.x0, bx.x1 = cx-r-2*unit-lw, cx-r-2*unit
			anchor = "end"
		}
		overlap := false
		for _, o := range placed {
			if bx.x0 < o.x1 && o.x0 < bx.x1 && bx.y0 < o.y1 && o.y0 < bx.y1 {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		placed = append(placed, bx)
		tx := bx.x0
		if anchor == "end" {
			tx = bx.x1
		}
		fmt.Fprintf(&b, `<text class="place-label" x="%.2f" y="%.2f" font-size="%.2f" text-anchor="%s">%s</text>`, tx, cy+fs*0.35, fs, anchor, esc(p.name))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
