package reconcile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/news"
)

// The golden events are analysed by lexAnalyze, a small test analyzer
// driven by testdata/lexicon.json, so that these tests measure reconcile's
// own logic on known-good analyses whatever state extract is in.

type lexicon struct {
	Entities []struct {
		Name    string          `json:"name"`
		Type    news.EntityType `json:"type"`
		Aliases []string        `json:"aliases"`
	} `json:"entities"`
	Places []struct {
		Name    string   `json:"name"`
		Country string   `json:"country"`
		Lat     float64  `json:"lat"`
		Lon     float64  `json:"lon"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases"`
	} `json:"places"`
}

type eventFile struct {
	Event    string         `json:"event"`
	Articles []news.Article `json:"articles"`
}

type expectation struct {
	Article  string `json:"article"`
	Sentence string `json:"sentence"`
	Status   string `json:"status"`
	Outlets  int    `json:"outlets,omitempty"`
	Slot     string `json:"slot,omitempty"`
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func loadLexicon(t testing.TB) lexicon {
	var lx lexicon
	readJSON(t, filepath.Join("testdata", "lexicon.json"), &lx)
	return lx
}

// analyzer analyses one article for a test.
type analyzer func(*news.Article) news.Analysis

// lexAnalyzer analyses with the test lexicon.
func lexAnalyzer(t testing.TB) analyzer {
	lx := loadLexicon(t)
	return func(a *news.Article) news.Analysis { return lexAnalyze(a, lx) }
}

var (
	extractOnce sync.Once
	extractAn   *extract.Analyzer
	extractErr  error
)

// extractAnalyzer analyses with the real extract package, as the pipeline
// does.
func extractAnalyzer(t testing.TB) analyzer {
	t.Helper()
	extractOnce.Do(func() { extractAn, extractErr = extract.New() })
	if extractErr != nil {
		t.Fatalf("extract.New: %v", extractErr)
	}
	return extractAn.Analyze
}

// loadEvent reads testdata/events/<name>.json and analyses its articles
// with the test lexicon.
func loadEvent(t testing.TB, name string) (news.Event, []news.Article, []news.Analysis) {
	t.Helper()
	return loadEventWith(t, name, lexAnalyzer(t))
}

func loadEventWith(t testing.TB, name string, analyze analyzer) (news.Event, []news.Article, []news.Analysis) {
	t.Helper()
	var ef eventFile
	readJSON(t, filepath.Join("testdata", "events", name+".json"), &ef)
	ev := news.Event{ID: ef.Event}
	var an []news.Analysis
	for i := range ef.Articles {
		ev.Articles = append(ev.Articles, ef.Articles[i].ID)
		an = append(an, analyze(&ef.Articles[i]))
	}
	return ev, ef.Articles, an
}

var (
	monthNames = map[string]time.Month{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
		"september": 9, "october": 10, "november": 11, "december": 12,
		"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
		"mars": 3, "avril": 4, "mai": 5, "juin": 6,
	}
	weekdays = map[string]time.Weekday{
		"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
		"domingo": 0, "lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6,
	}
	numberWords = map[string]float64{
		"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"twelve": 12, "fifteen": 15, "twenty": 20,
		"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "diez": 10, "doce": 12, "quince": 15,
	}
	reMonthDay = regexp.MustCompile(`(?i)\b([a-z]+) (\d{1,2})\b`)
	reDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2}) (?:de )?([a-z]+)\b`)
	reWord     = regexp.MustCompile(`[\p{L}]+`)
	reNumber   = regexp.MustCompile(`\b\d{1,3}(?:[.,]\d{3})+\b|\b\d+(?:\.\d+)?\b`)
	reQuote    = regexp.MustCompile(`“([^”]+)”`)
)

// lexAnalyze finds the lexicon's entities and places, dates (month-day and
// weekday names resolved against publication), numbers with the word they
// count, and curly-quoted quotes.
func lexAnalyze(a *news.Article, lx lexicon) news.Analysis {
	x := news.Analysis{Article: a.ID, Lang: a.Lang, Sentences: splitSentences(a.Text)}
	taken := make([]bool, len(a.Text))
	find := func(name string, fn func(start, end int)) {
		for off := 0; ; {
			k := strings.Index(a.Text[off:], name)
			if k < 0 {
				return
			}
			s, e := off+k, off+k+len(name)
			off = e
			if (s > 0 && isWordByte(a.Text[s-1])) || (e < len(a.Text) && isWordByte(a.Text[e])) {
				continue
			}
			free := true
			for i := s; i < e; i++ {
				free = free && !taken[i]
			}
			if !free {
				continue
			}
			for i := s; i < e; i++ {
				taken[i] = true
			}
			fn(s, e)
		}
	}
	type named struct {
		text, canon string
		typ         news.EntityType
		place       int
	}
	var names []named
	for _, e := range lx.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			names = append(names, named{n, e.Name, e.Type, -1})
		}
	}
	for i, p := range lx.Places {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			names = append(names, named{n, p.Name, news.Place, i})
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i].text) > len(names[j].text) })
	canonName := map[string]string{}
	for _, n := range names {
		find(n.text, func(s, e int) {
			key := string(n.typ) + ":" + slug(n.canon)
			canonName[key] = n.canon
			x.Mentions = append(x.Mentions, news.Mention{Text: a.Text[s:e], Start: s, End: e, Type: n.typ, Entity: key})
			if n.place >= 0 {
				p := lx.Places[n.place]
				x.Places = append(x.Places, news.GeoPlace{Name: p.Name, Text: a.Text[s:e], Country: p.Country, Lat: p.Lat, Lon: p.Lon, Kind: p.Kind, Start: s, End: e})
			}
		})
	}
	sort.Slice(x.Mentions, func(i, j int) bool { return x.Mentions[i].Start < x.Mentions[j].Start })
	byKey := map[string]int{}
	for _, m := range x.Mentions {
		k, ok := byKey[m.Entity]
		if !ok {
			k = len(x.Entities)
			byKey[m.Entity] = k
			x.Entities = append(x.Entities, news.Entity{ID: m.Entity, Name: canonName[m.Entity], Type: m.Type, Mentions: map[string]int{}})
		}
		e := &x.Entities[k]
		e.Mentions[a.ID]++
		if m.Text != e.Name && !slices.Contains(e.Aliases, m.Text) {
			e.Aliases = append(e.Aliases, m.Text)
		}
	}

	pub := a.Published.UTC()
	var dateSpans []news.Span
	addDate := func(d time.Time, s, e int, rel bool) {
		x.Dates = append(x.Dates, news.DateMention{Date: d.Format(time.DateOnly), Text: a.Text[s:e], Start: s, End: e, Relative: rel, Granularity: "day"})
		dateSpans = append(dateSpans, news.Span{Start: s, End: e})
	}
	for _, m := range reMonthDay.FindAllStringSubmatchIndex(a.Text, -1) {
		if mo, ok := monthNames[strings.ToLower(a.Text[m[2]:m[3]])]; ok {
			d, _ := strconv.Atoi(a.Text[m[4]:m[5]])
			addDate(time.Date(pub.Year(), mo, d, 0, 0, 0, 0, time.UTC), m[0], m[1], false)
		}
	}
	for _, m := range reDayMonth.FindAllStringSubmatchIndex(a.Text, -1) {
		if mo, ok := monthNames[strings.ToLower(a.Text[m[4]:m[5]])]; ok {
			d, _ := strconv.Atoi(a.Text[m[2]:m[3]])
			addDate(time.Date(pub.Year(), mo, d, 0, 0, 0, 0, time.UTC), m[0], m[1], false)
		}
	}
	for _, m := range reWord.FindAllStringIndex(a.Text, -1) {
		w := fold(a.Text[m[0]:m[1]])
		if wd, ok := weekdays[w]; ok {
			back := (int(pub.Weekday()) - int(wd) + 7) % 7
			day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -back)
			if strings.Contains(strings.ToLower(a.Text[max(0, m[0]-60):m[0]]), "will") || strings.Contains(a.Text[max(0, m[0]-60):m[0]], "expected") {
				day = day.AddDate(0, 0, 7)
				if day.Sub(pub) > 7*24*time.Hour {
					day = day.AddDate(0, 0, -7)
				}
				if !day.After(pub) {
					day = day.AddDate(0, 0, 7)
				}
			}
			addDate(day, m[0], m[1], true)
		}
		if v, ok := numberWords[w]; ok {
			x.Figures = append(x.Figures, news.Figure{Value: v, Counts: nextWord(a.Text[m[1]:]), Text: a.Text[m[0]:m[1]], Start: m[0], End: m[1]})
		}
	}
	for _, m := range reNumber.FindAllStringIndex(a.Text, -1) {
		if overlapsAny(m[0], m[1], dateSpans) {
			continue
		}
		raw := a.Text[m[0]:m[1]]
		var v float64
		if len(raw) > 4 && (raw[len(raw)-4] == ',' || raw[len(raw)-4] == '.') {
			v, _ = strconv.ParseFloat(strings.NewReplacer(",", "", ".", "").Replace(raw), 64)
		} else {
			v, _ = strconv.ParseFloat(raw, 64)
		}
		x.Figures = append(x.Figures, news.Figure{Value: v, Counts: nextWord(a.Text[m[1]:]), Text: raw, Start: m[0], End: m[1]})
	}
	sort.Slice(x.Figures, func(i, j int) bool { return x.Figures[i].Start < x.Figures[j].Start })
	for _, m := range reQuote.FindAllStringSubmatchIndex(a.Text, -1) {
		q := news.Quote{Text: a.Text[m[2]:m[3]], Article: a.ID, Start: m[2], End: m[3]}
		for _, sp := range x.Sentences {
			if m[0] >= sp.Start && m[0] < sp.End {
				for _, mn := range x.Mentions {
					if mn.Type == news.Person && mn.Start >= sp.Start && mn.End <= sp.End {
						q.Speaker, q.Entity = mn.Text, mn.Entity
						break
					}
				}
			}
		}
		x.Quotes = append(x.Quotes, q)
	}
	return x
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func nextWord(s string) string {
	m := reWord.FindStringIndex(s)
	if m == nil || strings.TrimSpace(s[:m[0]]) != "" {
		return ""
	}
	return s[m[0]:m[1]]
}
