package timex

import (
	"strings"
	"time"
	"unicode"

	"github.com/dossier-news/dossier/internal/news"
)

// now is the clock Published checks for dates in the future; tests
// replace it.
var now = time.Now

// Header limits for Published: a publication date is printed at the top
// of an article (dateline, byline, "Published:" line). Dates further
// down are events the article reports, not when it was written.
const (
	headLines    = 12  // lines searched for a labelled or date-only line
	datelineSpan = 400 // bytes searched for the first full date
)

// Published infers the publication date of a bare text with no metadata.
// It looks, in order of trust, for
//
//  1. a line in the first 12 whose label says it is the publication date
//     ("Published: ...", "First Published : June 13 , 2013", "Posted on",
//     "Veröffentlicht am", "Publié le", "Publicado", "Опубликовано");
//  2. a line in the first 12 that is only a date, possibly with a weekday
//     and a time ("Friday, 13 December 2024", "May 2 , 2013 , 1 : 12 PM");
//  3. the first full date (day, month and year written out) in the first
//     400 bytes: a dateline ("BERLIN, 13 December 2024 –") or "today
//     (13.12.2024)";
//  4. an "Updated: ..." line in the first 12, the best left when the
//     original date is missing.
//
// Only complete absolute dates count: a date without a year cannot be
// placed without a reference. A date more than two days in the future is
// not credible and is skipped. ok is false when nothing credible is found.
// The time is midnight UTC of that day.
func Published(text string) (t time.Time, ok bool) {
	lang := guessLang(text)
	head := text
	lines := 0
	for i := 0; i < len(head); i++ {
		if head[i] == '\n' {
			lines++
			if lines == headLines {
				head = head[:i]
				break
			}
		}
	}
	var dateOnly, updated time.Time
	for _, line := range strings.SplitAfter(head, "\n") {
		ds := full(Find(line, time.Time{}, lang))
		if len(ds) == 0 {
			continue
		}
		label := strings.ToLower(strings.TrimSpace(line[:ds[0].Start]))
		label = strings.TrimRight(label, ":-–—|,. \t")
		switch {
		case hasLabel(label, publishedLabels):
			if d, ok := credible(ds[0]); ok {
				return d, true
			}
		case hasLabel(label, updatedLabels):
			if d, ok := credible(ds[0]); ok && updated.IsZero() {
				updated = d
			}
		case dateOnly.IsZero() && onlyDate(line, ds[0]):
			if d, ok := credible(ds[0]); ok {
				dateOnly = d
			}
		}
	}
	if !dateOnly.IsZero() {
		return dateOnly, true
	}
	top := text
	if len(top) > datelineSpan {
		top = top[:datelineSpan]
	}
	for _, d := range full(Find(top, time.Time{}, lang)) {
		if t, ok := credible(d); ok {
			return t, true
		}
	}
	if !updated.IsZero() {
		return updated, true
	}
	return time.Time{}, false
}

type dateMention = news.DateMention

// full keeps the complete absolute dates.
func full(ds []dateMention) []dateMention {
	out := ds[:0]
	for _, d := range ds {
		if d.Granularity == Day && !d.Relative {
			out = append(out, d)
		}
	}
	return out
}

// credible parses a mention's date and rejects one in the future.
func credible(d dateMention) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, d.Date)
	if err != nil || t.After(now().Add(48*time.Hour)) {
		return time.Time{}, false
	}
	return t, true
}

// hasLabel reports whether the text before a date ends with a label
// ("First Published", "Posted on", "Lindsay Lohan | Posted").
func hasLabel(s string, labels []string) bool {
	if s == "" {
		return false
	}
	for _, l := range labels {
		if s == l || strings.HasSuffix(s, " "+l) && len(s) < len(l)+40 {
			return true
		}
	}
	return false
}

// onlyDate reports whether line holds nothing but the date d and perhaps a
// time, a time zone and punctuation: "May 2 , 2013 , 1 : 12 PM",
// "12 : 52 p . m . EDT May 2 , 2013".
func onlyDate(line string, d dateMention) bool {
	rest := line[:d.Start] + " " + line[d.End:]
	words := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch strings.ToLower(w) {
		case "am", "pm", "a", "p", "m", "at", "um", "à", "h", "uhr", "et", "est", "edt", "pt", "pst", "pdt",
			"ct", "cst", "cdt", "mt", "mst", "mdt", "gmt", "utc", "bst", "cet", "cest", "msk", "updated", "um.":
			continue
		}
		words++
	}
	return words == 0
}

// guessLang tells English text from the rest, which is all Published needs
// to read "05/02/2013" month-first. It counts a few function words.
func guessLang(text string) string {
	if len(text) > 2000 {
		text = text[:2000]
	}
	en, other := 0, 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		switch w {
		case "the", "and", "of", "to", "is", "was", "that", "said", "has", "for":
			en++
		case "der", "die", "und", "le", "la", "les", "et", "el", "los", "y", "и", "в", "на", "est", "ist":
			other++
		}
	}
	if en > other {
		return "en"
	}
	return ""
}
