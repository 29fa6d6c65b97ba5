package web

import (
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// annotation is one extracted fact located in an article's text.
type annotation struct {
	start, end int
	class      string // CSS class, also the legend key
	label      string // tooltip
	href       string // entity page, for mentions
}

// Highlight classes, in legend order.
var (
	highlightClasses = []string{"hl-person", "hl-org", "hl-place", "hl-misc", "hl-date", "hl-figure", "hl-quote"}
	highlightLabels  = []string{"People", "Organisations", "Places", "Other names", "Dates", "Figures", "Quotes"}
)

// highlight renders text as HTML with every fact of an carrying a <mark>
// (or a link, for entity mentions). Facts overlap (a quote contains
// names), so the text is cut at every fact boundary and each piece is
// marked with all the facts covering it. Offsets that are out of range or
// split a UTF-8 sequence are dropped rather than trusted: they come from
// the store, and the store's data may come from anywhere. Every piece of
// text and every attribute is escaped here. It also returns how many facts
// of each class were shown.
func highlight(text string, an news.Analysis) (template.HTML, map[string]int) {
	var anns []annotation
	add := func(s, e int, class, label, href string) {
		if s < 0 || e > len(text) || s >= e {
			return
		}
		if !utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e])) {
			return
		}
		anns = append(anns, annotation{start: s, end: e, class: class, label: label, href: href})
	}
	for _, m := range an.Mentions {
		class := "hl-misc"
		switch m.Type {
		case news.Person:
			class = "hl-person"
		case news.Org:
			class = "hl-org"
		case news.Place:
			class = "hl-place"
		}
		href := ""
		if m.Entity != "" {
			href = entityURL(m.Entity)
		}
		add(m.Start, m.End, class, typeName(m.Type)+": "+m.Text, href)
	}
	for _, p := range an.Places {
		label := "Place: " + p.Name
		if p.Country != "" {
			label += " (" + p.Country + ")"
		}
		add(p.Start, p.End, "hl-place", label, "")
	}
	for _, d := range an.Dates {
		add(d.Start, d.End, "hl-date", "Date: "+d.Date, "")
	}
	for _, f := range an.Figures {
		label := "Figure: " + fmtFigure(f)
		if f.Counts != "" {
			label += " " + f.Counts
		}
		add(f.Start, f.End, "hl-figure", label, "")
	}
	for _, q := range an.Quotes {
		label := "Quote"
		if q.Speaker != "" {
			label += " by " + q.Speaker
		}
		add(q.Start, q.End, "hl-quote", label, "")
	}
	counts := map[string]int{}
	for _, a := range anns {
		counts[a.class]++
	}

	bounds := []int{0, len(text)}
	for _, a := range anns {
		bounds = append(bounds, a.start, a.end)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	var b strings.Builder
	b.Grow(len(text) + len(anns)*80)
	var active []annotation
	for i := 0; i+1 < len(bounds); i++ {
		s, e := bounds[i], bounds[i+1]
		seg := template.HTMLEscapeString(validUTF8(text[s:e]))
		active = active[:0]
		for _, a := range anns {
			if a.start <= s && a.end >= e {
				active = append(active, a)
			}
		}
		if len(active) == 0 {
			b.WriteString(seg)
			continue
		}
		var classes, labels []string
		href := ""
		for _, a := range active {
			if !slices.Contains(classes, a.class) {
				classes = append(classes, a.class)
			}
			if !slices.Contains(labels, a.label) {
				labels = append(labels, a.label)
			}
			if href == "" {
				href = a.href
			}
		}
		tag := "mark"
		if href != "" {
			tag = "a"
		}
		b.WriteString("<" + tag + ` class="hl ` + template.HTMLEscapeString(strings.Join(classes, " ")) + `"`)
		if href != "" {
			b.WriteString(` href="` + template.HTMLEscapeString(href) + `"`)
		}
		b.WriteString(` title="` + template.HTMLEscapeString(strings.Join(labels, " · ")) + `">`)
		b.WriteString(seg)
		b.WriteString("</" + tag + ">")
	}
	return template.HTML(b.String()), counts
}

func typeName(t news.EntityType) string {
	switch t {
	case news.Person:
		return "Person"
	case news.Org:
		return "Organisation"
	case news.Place:
		return "Place"
	}
	return "Entity"
}

// validUTF8 replaces each byte that is not part of valid UTF-8 with U+FFFD,
// one for one, so that cutting the text into pieces does not change how it
// reads (strings.ToValidUTF8 folds runs of bad bytes into one).
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
