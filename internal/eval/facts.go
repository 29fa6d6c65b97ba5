package eval

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// Incident is an incident registry's record of one real event (the gva
// facts file of the shared data): what the event's dossier should say.
// A field the registry does not give is left zero (nil for the counts).
type Incident struct {
	Cluster      string        `json:"cluster"`
	Date         string        `json:"date,omitempty"` // YYYY-MM-DD
	State        string        `json:"state,omitempty"`
	City         string        `json:"city,omitempty"`
	County       string        `json:"county,omitempty"`
	Killed       *int          `json:"killed,omitempty"`
	Injured      *int          `json:"injured,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
}

// Participant is a person of an incident record.
type Participant struct {
	Name   string   `json:"name,omitempty"`
	Role   string   `json:"role,omitempty"` // victim or suspect
	Status []string `json:"status,omitempty"`
}

// ReadIncidents reads an incident facts file (.jsonl or .jsonl.gz, gzip
// detected by its magic bytes), one Incident per line.
func ReadIncidents(path string) ([]Incident, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read incidents: %w", err)
	}
	defer f.Close()
	out, err := readIncidents(f)
	if err != nil {
		return nil, fmt.Errorf("read incidents %s: %w", path, err)
	}
	return out, nil
}

func readIncidents(r io.Reader) ([]Incident, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var out []Incident
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var in Incident
		if err := json.Unmarshal(b, &in); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if in.Cluster == "" {
			return nil, fmt.Errorf("line %d: no cluster", line)
		}
		out = append(out, in)
	}
	return out, sc.Err()
}

// IncidentHalf is the half of the incidents a record falls in, by the
// parity of its numeric id: 0 for "gva-104218" (even, and an id without
// digits), 1 for odd. Fixes are studied (and models fitted) on half 0 and
// checked on half 1.
func IncidentHalf(cluster string) int {
	i := strings.LastIndexByte(cluster, '-')
	n, err := strconv.Atoi(cluster[i+1:])
	if err != nil {
		return 0
	}
	return n % 2
}

// Mark is one fact's score: Hit of Of incidents (or people) right.
type Mark struct {
	Hit  int     `json:"hit"`
	Of   int     `json:"of"`
	Rate float64 `json:"rate"` // Hit/Of, 0 when Of is 0
}

func (m *Mark) add(ok bool) {
	m.Of++
	if ok {
		m.Hit++
	}
	m.Rate = ratio(float64(m.Hit), float64(m.Of))
}

// FactsReport scores the dossiers of the events a pipeline made against
// an incident registry.
type FactsReport struct {
	Incidents int `json:"incidents"` // incidents with at least one article scored
	Events    int `json:"events"`    // events the pipeline made
	// The marks, each over the incidents whose record has the field.
	Date     Mark    `json:"date"`      // event date (When.Start) is the incident's day
	DateNear Mark    `json:"date_near"` // ... within a day
	Place    Mark    `json:"place"`     // top place names the city, or failing that the state
	City     Mark    `json:"city"`      // top place names the city (or the county the record gives)
	Killed   Mark    `json:"killed"`    // killed count among the figures labelled killed/dead
	Injured  Mark    `json:"injured"`   // injured count among the figures labelled injured/wounded
	People   Mark    `json:"people"`    // named participants whose surname is among the event's people
	Victims  Mark    `json:"victims"`
	Suspects Mark    `json:"suspects"`
	Seconds  float64 `json:"seconds,omitempty"`
	// Details holds one row per scored incident, for looking at misses.
	Details []IncidentScore `json:"details,omitempty"`
}

// IncidentScore is how one incident's event did.
type IncidentScore struct {
	Cluster  string   `json:"cluster"`
	Event    string   `json:"event"`
	Articles int      `json:"articles"` // the incident's articles
	Held     int      `json:"held"`     // ... of them in Event
	Date     string   `json:"date"`     // the event's
	Place    string   `json:"place"`    // the event's top place
	Killed   bool     `json:"killed"`
	Injured  bool     `json:"injured"`
	Missed   []string `json:"missed,omitempty"` // named people not found
}

// ScoreFacts assigns each incident to the event holding most of its
// articles (ties: the event holding the incident's earliest article) and
// scores that event's dossier against the incident's record:
//   - date: the event's date (When.Start) is the incident's day (DateNear:
//     within a day);
//   - place: the top place (Where[0], else Places[0]) names the city, or
//     failing that the state; City counts only the city (or the county
//     when the record names no city);
//   - killed, injured (where the count is above 0): a figure of the event
//     has the count as its value and a label saying killed/dead or
//     injured/wounded (killedLabel, injuredLabel);
//   - people: each named participant whose surname is a word of the name
//     or an alias of one of the event's people.
//
// Articles in no event (a duplicate the store skipped) are counted in the
// event of the stored article with the same content hash. Incidents with
// no article in gold are left out.
func ScoreFacts(gold []GoldArticle, events []news.Event, incidents []Incident) FactsReport {
	evOf := map[string]int{}
	for i, ev := range events {
		for _, id := range ev.Articles {
			evOf[id] = i
		}
	}
	byHash := map[string]int{}
	for _, g := range gold {
		if e, ok := evOf[g.ID]; ok && g.Hash != "" {
			byHash[g.Hash] = e
		}
	}
	arts := map[string][]GoldArticle{}
	for _, g := range gold {
		arts[g.Cluster] = append(arts[g.Cluster], g)
	}
	r := FactsReport{Events: len(events)}
	for _, in := range incidents {
		as := arts[in.Cluster]
		if len(as) == 0 {
			continue
		}
		r.Incidents++
		slices.SortStableFunc(as, func(a, b GoldArticle) int {
			return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.ID, b.ID))
		})
		ei, held := assign(as, evOf, byHash)
		var ev news.Event
		if ei >= 0 {
			ev = events[ei]
		}
		d := IncidentScore{Cluster: in.Cluster, Event: ev.ID, Articles: len(as), Held: held, Date: ev.When.Start}
		top, ok := topPlace(ev)
		if ok {
			d.Place = top.Name
		}
		if in.Date != "" {
			days, ok := dayDiff(ev.When.Start, in.Date)
			r.Date.add(ok && days == 0)
			r.DateNear.add(ok && days >= -1 && days <= 1)
		}
		if in.City != "" || in.County != "" || in.State != "" {
			city := ok && (sameName(top.Name, in.City) || (in.City == "" && sameName(top.Name, in.County)))
			r.City.add(city)
			r.Place.add(city || (ok && sameName(top.Name, in.State)))
		}
		if in.Killed != nil && *in.Killed > 0 {
			d.Killed = hasFigure(ev.Figures, *in.Killed, killedLabel)
			r.Killed.add(d.Killed)
		}
		if in.Injured != nil && *in.Injured > 0 {
			d.Injured = hasFigure(ev.Figures, *in.Injured, injuredLabel)
			r.Injured.add(d.Injured)
		}
		people := personWords(ev.Entities)
		for _, p := range in.Participants {
			s := Surname(p.Name)
			if s == "" {
				continue
			}
			found := people[s]
			r.People.add(found)
			if p.Role == "suspect" {
				r.Suspects.add(found)
			} else {
				r.Victims.add(found)
			}
			if !found {
				d.Missed = append(d.Missed, p.Name)
			}
		}
		r.Details = append(r.Details, d)
	}
	return r
}

// assign returns the index of the event holding most of as (sorted by
// publication), ties going to the event holding the earliest of them, and
// how many it holds; -1 when none is in an event.
func assign(as []GoldArticle, evOf, byHash map[string]int) (int, int) {
	count := map[int]int{}
	first := map[int]int{} // event → position of its earliest article in as
	for k, a := range as {
		e, ok := evOf[a.ID]
		if !ok && a.Hash != "" {
			e, ok = byHash[a.Hash]
		}
		if !ok {
			continue
		}
		if count[e] == 0 {
			first[e] = k
		}
		count[e]++
	}
	best, n := -1, 0
	for e, c := range count {
		if c > n || (c == n && first[e] < first[best]) {
			best, n = e, c
		}
	}
	return best, n
}

// topPlace is the place a reader sees first for the event.
func topPlace(ev news.Event) (news.GeoPlace, bool) {
	if len(ev.Where) > 0 {
		return ev.Where[0], true
	}
	if len(ev.Places) > 0 {
		return ev.Places[0], true
	}
	return news.GeoPlace{}, false
}

func dayDiff(a, b string) (int, bool) {
	ta, err := time.Parse(time.DateOnly, a)
	if err != nil {
		return 0, false
	}
	tb, err := time.Parse(time.DateOnly, b)
	if err != nil {
		return 0, false
	}
	return int(ta.Sub(tb).Hours() / 24), true
}

// hasFigure reports whether a figure has exactly the value n (not a
// range) and a label label accepts.
func hasFigure(figs []news.Figure, n int, label func(string) bool) bool {
	for _, f := range figs {
		if f.Value == float64(n) && (f.Max == 0 || f.Max == f.Value) && label(f.Counts) {
			return true
		}
	}
	return false
}

// killedLabel reports whether a figure's label says it counts the dead.
func killedLabel(counts string) bool {
	return hasWord(counts, "killed", "dead", "deaths", "died", "fatalities")
}

// injuredLabel reports whether a figure's label says it counts the injured.
func injuredLabel(counts string) bool {
	return hasWord(counts, "injured", "wounded", "injuries", "hurt")
}

func hasWord(s string, ws ...string) bool {
	for _, w := range nameWords(s) {
		if slices.Contains(ws, w) {
			return true
		}
	}
	return false
}

// personWords is the set of folded words of the names and aliases of the
// event's people.
func personWords(ents []news.Entity) map[string]bool {
	out := map[string]bool{}
	for _, e := range ents {
		if e.Type != news.Person {
			continue
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			for _, w := range nameWords(n) {
				out[w] = true
			}
		}
	}
	return out
}

// generational suffixes are not surnames ("Robert Smith Jr.").
var suffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// Surname is the folded last word of a person's name, generational
// suffixes skipped (a one-word name is its own surname); "" for no name.
func Surname(name string) string {
	ws := nameWords(name)
	for len(ws) > 0 && suffixes[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

// nameWords folds s (lower case, accents and apostrophes dropped) and
// splits it into words of letters and digits; a hyphenated name is one
// word.
func nameWords(s string) []string {
	s = strings.NewReplacer("'", "", "’", "", ".", "").Replace(lex.Fold(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
}

// placeAbbrev are the abbreviations US place names are written with.
var placeAbbrev = map[string]string{"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}

// sameName reports whether two place names are the same once folded, with
// "St." and "Saint" (and the like) alike, and spaces and hyphens inside
// the name not counting: registries write "Mc Kees Rocks" and "Opa Locka"
// for "McKees Rocks" and "Opa-locka".
func sameName(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	norm := func(s string) string {
		ws := nameWords(s)
		for i, w := range ws {
			if l, ok := placeAbbrev[w]; ok {
				ws[i] = l
			}
		}
		return strings.ReplaceAll(strings.Join(ws, ""), "-", "")
	}
	return norm(a) == norm(b)
}
