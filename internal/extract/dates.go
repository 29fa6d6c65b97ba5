package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

func findDates(text string, published time.Time, lang string) []news.DateMention {
	return timex.Find(text, published, lang)
}

// happeningVerbs are the verbs of news events; a date in the same sentence
// as one is likely the date the event happened.
var happeningVerbs = set("met", "meets", "visited", "visits", "arrived", "arrives", "held", "killed", "attacked", "struck",
	"signed", "announced", "began", "started", "died", "exploded", "hit", "opened", "launched", "landed", "elected",
	"traf", "besuchte", "reiste", "kam", "unterzeichnete", "getotet", "starb", "begann",
	"rencontre", "visite", "arrive", "signe", "tue", "tues", "mort", "lance", "frappe",
	"visito", "llego", "firmo", "murio", "murieron", "se", "reunio", "golpeo",
	// what happened in an incident, as the first report tells it
	"shot", "shooting", "wounded", "injured", "fired", "happened", "occurred", "dead", "crashed", "stabbed")

// laterWords mark a sentence about what came after the happening: an
// arrest, a charge, a hearing, a funeral.
var laterWords = set("arrested", "charged", "court", "hearing", "funeral", "vigil", "sentenced", "arraigned", "trial",
	"released", "identified", "booked", "jail", "indicted", "pleaded", "memorial", "surrendered", "custody")

// shotWords are the words of gunfire: a date in their sentence is the
// day of the shooting rather than of an arrest or a hearing.
var shotWords = set("shot", "shooting", "shootings", "gunfire", "gunshot", "gunshots", "gunman", "opened", "fired", "shots")

// deathWords mark a sentence about a death, which may come hours or days
// after the happening: "died at the hospital Sunday".
var deathWords = set("died", "dies", "pronounced", "succumbed", "passed")

// saidWords just before or after a date make it the day of a statement:
// "police said Sunday", "Sunday, police said", "told reporters Monday".
var saidWords = set("said", "says", "told", "stated", "confirmed", "reported", "announced")

// timeOfDay words in or just after a date say when in the day something
// happened: "Saturday night", "early Sunday", "about 3 a.m. Friday".
var timeOfDay = set("night", "morning", "afternoon", "evening", "overnight", "early", "late", "midnight", "noon",
	"a m", "p m", "am", "pm", "dawn", "hours")

// stampWords before a date make it the page's own date, not the event's.
var stampWords = set("published", "updated", "posted", "modified", "copyright")

// Happening-date features: each candidate day of an article (a day-precise
// date of its text, or its publication day) is described by these, and
// the learned weights (data/happening.json) score it; the best scoring
// candidate is the day the article says its event happened.
var happeningFeatures = []string{
	"pub_day_only", // the publication day, not written in the text
	"same_as_pub",
	"relative",
	"weekday",
	"sent0", "sent1", "sent2_3", "sent4_9",
	"page_top",     // within the first 80 bytes: a dateline or stamp
	"stamp",        // a clock time, or "Published", "Updated" before it
	"time_of_day",  // "Saturday night", "early Sunday"
	"verb_near",    // an event verb in its sentence
	"later_near",   // an arrest, a charge, a funeral in its sentence
	"before_pub_0", // days before publication
	"before_pub_1", "before_pub_2_3", "before_pub_4_7", "before_pub_8_30", "before_pub_31", "after_pub",
	"log_mentions",    // how often the text gives this day
	"earliest_recent", // the earliest day of the text within a week before publication
	"possessive",      // "Friday's shooting": the day names the event
	"pub_eve_only",    // the day before publication, not written in the text
	"clock",           // a clock time at it, not a stamp: "about 9 p.m. Saturday", "Friday at 11:48 p.m."
	"shot_near",       // a word of gunfire in its sentence: "was shot Saturday", "the shooting happened Sunday"
	"title_near",      // a content word of the headline in its sentence: what the report is about ("Clerk shot at gas station": "the clerk was shot Saturday")
	"death_near",      // a death in its sentence: "died Sunday", "was pronounced dead at 3:58 a.m. Thursday"
	"said_at",         // the day of a statement, not of the happening: "police said Sunday", "told reporters on Monday"
	"title_day",       // the headline names the day: "Police say Wednesday shooting was accidental"
}

// numHappening is the number of happening-date features.
var numHappening = len(happeningFeatures)

var happeningIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range happeningFeatures {
		m[n] = i
	}
	return m
}()

// HappeningModel weighs happening-date features.
type HappeningModel struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	Trained  string    `json:"trained,omitempty"`
}

//go:generate go run ./train -out data/happening.json
//go:embed data/happening.json
var happeningJSON []byte

var happening = func() HappeningModel {
	m, err := ParseHappeningModel(happeningJSON)
	if err != nil {
		panic(fmt.Sprintf("extract: embedded data/happening.json: %v", err))
	}
	return m
}()

// ParseHappeningModel decodes a happening-date model and checks it against
// this build's features.
func ParseHappeningModel(b []byte) (HappeningModel, error) {
	var m HappeningModel
	if err := json.Unmarshal(b, &m); err != nil {
		return m, err
	}
	if len(m.Features) != numHappening || len(m.Weights) != numHappening {
		return m, fmt.Errorf("%d weights for %d features, this build has %d", len(m.Weights), len(m.Features), numHappening)
	}
	for i, n := range m.Features {
		if n != happeningFeatures[i] {
			return m, fmt.Errorf("feature %d is %q, this build has %q", i, n, happeningFeatures[i])
		}
	}
	return m, nil
}

// HappeningFeatureNames are the names of the happening-date features, in
// the order of DateCandidate.X.
func HappeningFeatureNames() []string { return append([]string(nil), happeningFeatures...) }

// DateCandidate is a day an article's event may have happened on, with
// its features.
type DateCandidate struct {
	Date string // YYYY-MM-DD
	X    []float64
}

// HappeningCandidates lists the days an article's event may have happened
// on: each distinct day-precise date of the text, and the publication day.
func HappeningCandidates(art *news.Article, an *news.Analysis) []DateCandidate {
	pub := art.Published.UTC()
	var pubDay time.Time
	if !pub.IsZero() {
		pubDay = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	}
	index := map[string]int{}
	var out []DateCandidate
	count := map[string]int{}
	earliest := ""
	for _, d := range an.Dates {
		if d.Granularity != "" && d.Granularity != "day" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			continue
		}
		count[d.Date]++
		if !pubDay.IsZero() {
			if days := pubDay.Sub(t).Hours() / 24; days >= 0 && days <= 7 && (earliest == "" || d.Date < earliest) {
				earliest = d.Date
			}
		}
	}
	title := titleStems(art.Title, art.Lang)
	var titleDays map[string]bool
	if !pubDay.IsZero() && art.Title != "" {
		for _, d := range timex.Find(art.Title, art.Published, art.Lang) {
			if d.Granularity == "" || d.Granularity == "day" {
				if titleDays == nil {
					titleDays = map[string]bool{}
				}
				titleDays[d.Date] = true
			}
		}
	}
	for _, d := range an.Dates {
		if count[d.Date] == 0 {
			continue
		}
		t, _ := time.Parse(time.DateOnly, d.Date)
		k, ok := index[d.Date]
		if !ok {
			k = len(out)
			index[d.Date] = k
			out = append(out, DateCandidate{Date: d.Date, X: make([]float64, numHappening)})
		}
		x := out[k].X
		f := func(name string) {
			i, ok := happeningIndex[name]
			if !ok {
				panic("extract: no happening feature " + name)
			}
			x[i] = 1
		}
		// A feature holds if any mention of the day has it.
		mentionFeatures(art.Text, an, d, title, f)
		if !pubDay.IsZero() {
			days := int(math.Round(pubDay.Sub(t).Hours() / 24))
			switch {
			case days < 0:
				f("after_pub")
			case days == 0:
				f("before_pub_0")
				f("same_as_pub")
			case days == 1:
				f("before_pub_1")
			case days <= 3:
				f("before_pub_2_3")
			case days <= 7:
				f("before_pub_4_7")
			case days <= 30:
				f("before_pub_8_30")
			default:
				f("before_pub_31")
			}
		}
		if d.Date == earliest {
			f("earliest_recent")
		}
		x[happeningIndex["log_mentions"]] = math.Log1p(float64(count[d.Date]))
		if titleDays[d.Date] {
			f("title_day")
		}
	}
	// A day only the headline names is a candidate too.
	for _, day := range slicesSorted(titleDays) {
		if _, ok := index[day]; ok {
			continue
		}
		t, _ := time.Parse(time.DateOnly, day)
		if days := pubDay.Sub(t).Hours() / 24; days < 0 || days > 7 {
			continue
		}
		x := make([]float64, numHappening)
		x[happeningIndex["title_day"]] = 1
		index[day] = len(out)
		out = append(out, DateCandidate{Date: day, X: x})
	}
	if !pubDay.IsZero() {
		// Reports often come out the day after: both days are candidates
		// when the text does not give them.
		for _, c := range []struct {
			day  time.Time
			name string
		}{{pubDay, "pub_day_only"}, {pubDay.AddDate(0, 0, -1), "pub_eve_only"}} {
			day := c.day.Format(time.DateOnly)
			if _, ok := index[day]; !ok {
				x := make([]float64, numHappening)
				x[happeningIndex[c.name]] = 1
				out = append(out, DateCandidate{Date: day, X: x})
			}
		}
	}
	return out
}

// mentionFeatures sets the features one mention of a date gives.
func mentionFeatures(text string, an *news.Analysis, d news.DateMention, title headline, f func(string)) {
	if d.Relative {
		f("relative")
	}
	low := strings.ToLower(d.Text)
	for _, w := range strings.Fields(lex.FoldName(d.Text)) {
		if calendar[w] && strings.HasSuffix(w, "day") {
			f("weekday")
		}
	}
	sent := sentenceOf(an.Sentences, d.Start)
	switch {
	case sent <= 0:
		f("sent0")
	case sent == 1:
		f("sent1")
	case sent <= 3:
		f("sent2_3")
	case sent <= 9:
		f("sent4_9")
	}
	if d.Start < 80 {
		f("page_top")
	}
	stamp := strings.Contains(low, ":") && (strings.Contains(low, " am") || strings.Contains(low, " pm"))
	if d.Start >= 0 && d.Start <= len(text) {
		for _, w := range strings.Fields(lex.FoldName(text[max(0, d.Start-30):d.Start])) {
			stamp = stamp || stampWords[w]
		}
	}
	if stamp {
		f("stamp")
	} else if clockAt(text, d) {
		f("clock")
	}
	end := min(len(text), max(d.End, 0)+16)
	if d.End >= 0 && d.End <= len(text) {
		around := lex.FoldName(d.Text + " " + text[d.End:end])
		for w := range timeOfDay {
			if strings.Contains(" "+around+" ", " "+w+" ") {
				f("time_of_day")
				break
			}
		}
	}
	if d.End >= 0 && d.End+2 <= len(text) && (strings.HasPrefix(text[d.End:], "'s") || strings.HasPrefix(text[d.End:], "’s") || strings.HasSuffix(d.Text, "'s") || strings.HasSuffix(d.Text, "’s")) {
		f("possessive")
	}
	if verbNear(text, an.Sentences, sent, happeningVerbs) {
		f("verb_near")
	}
	if verbNear(text, an.Sentences, sent, laterWords) {
		f("later_near")
	}
	if stemNear(text, an.Sentences, sent, title) {
		f("title_near")
	}
	if verbNear(text, an.Sentences, sent, shotWords) {
		f("shot_near")
	}
	if verbNear(text, an.Sentences, sent, deathWords) {
		f("death_near")
	}
	if saidAt(text, d) {
		f("said_at")
	}
}

// saidAt reports whether a word of saying is written just before the
// mention d ("said Sunday", "told reporters on Monday") or right after
// it ("officials Sunday said"); "it happened Sunday, police said" dates
// the happening.
func saidAt(text string, d news.DateMention) bool {
	if d.Start < 0 || d.End > len(text) || d.Start > d.End {
		return false
	}
	before := strings.Fields(lex.FoldName(text[max(0, d.Start-24):d.Start]))
	for k := len(before) - 1; k >= 0 && k >= len(before)-3; k-- {
		if saidWords[before[k]] {
			return true
		}
	}
	after := strings.Fields(lex.FoldName(text[d.End:min(len(text), d.End+20)]))
	return len(after) > 0 && saidWords[after[0]]
}

// clockRe is a clock time of the day written in a report ("9 p.m.",
// "10:45 p.m.", "2 a.m"); a page stamp's "10:24 AM" is told apart by
// the caller.
var clockRe = regexp.MustCompile(`(?i)\b\d{1,2}(:\d\d)?\s?[ap]\.?\s?m\b`)

// clockAt reports whether a clock time is part of the mention d or
// written just before or after it ("around 5 p.m. Oct. 11", "Friday at
// about 11:48 p.m.").
func clockAt(text string, d news.DateMention) bool {
	if clockRe.MatchString(d.Text) {
		return true
	}
	if d.Start < 0 || d.End > len(text) || d.Start > d.End {
		return false
	}
	before := text[max(0, d.Start-12):d.Start]
	after := text[d.End:min(len(text), d.End+20)]
	return clockRe.MatchString(before) || clockRe.MatchString(after)
}

// HappeningDate picks the date an article says its event happened, which
// is what its sources report, not when they published: of the article's
// candidate days (HappeningCandidates), the one the happening model
// scores best. ok is false when there is no candidate (no day-precise
// date and no publication date).
func HappeningDate(art *news.Article, an *news.Analysis) (date string, ok bool) {
	best, bestScore := "", math.Inf(-1)
	for _, c := range HappeningCandidates(art, an) {
		if s := happening.Score(c.X); s > bestScore {
			best, bestScore = c.Date, s
		}
	}
	return best, best != ""
}

// HappeningDays weighs each candidate day of an article as the day its
// event happened: the happening model's probabilities, summing to 1 (none
// when there is no candidate).
func HappeningDays(art *news.Article, an *news.Analysis) map[string]float64 {
	cs := HappeningCandidates(art, an)
	if len(cs) == 0 {
		return nil
	}
	top := math.Inf(-1)
	sc := make([]float64, len(cs))
	for i, c := range cs {
		sc[i] = happening.Score(c.X)
		top = math.Max(top, sc[i])
	}
	sum := 0.0
	for i := range sc {
		sc[i] = math.Exp(sc[i] - top)
		sum += sc[i]
	}
	out := make(map[string]float64, len(cs))
	for i, c := range cs {
		out[c.Date] += sc[i] / sum
	}
	return out
}

// Score is the model's score of a candidate's features (higher: more
// likely the happening day).
func (m HappeningModel) Score(x []float64) float64 {
	s := 0.0
	for i, w := range m.Weights {
		s += w * x[i]
	}
	return s
}

func slicesSorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sentenceOf(sents []news.Span, off int) int {
	for i, s := range sents {
		if off >= s.Start && off < s.End {
			return i
		}
	}
	return -1
}

// verbNear reports whether sentence i holds one of the words verbs.
func verbNear(text string, sents []news.Span, i int, verbs map[string]bool) bool {
	return wordNear(text, sents, i, func(w string) bool { return verbs[w] })
}

// wordNear reports whether sentence i holds a word (folded) that match
// takes.
func wordNear(text string, sents []news.Span, i int, match func(string) bool) bool {
	if i < 0 || i >= len(sents) {
		return false
	}
	s := sents[i]
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return false
	}
	for _, t := range tokenize(text[s.Start:s.End]) {
		if t.Kind == tWord && match(lex.FoldName(text[s.Start+t.Start:s.Start+t.End])) {
			return true
		}
	}
	return false
}

// titleStems returns the stems of the headline's content words (four
// letters or more, not stop words): what the report is about.
func titleStems(title, lang string) headline {
	h := headline{lang: lang, stems: map[string]bool{}}
	for _, t := range tokenize(title) {
		if w := lex.FoldName(title[t.Start:t.End]); t.Kind == tWord && len(w) >= 4 && !lex.IsStop(w) {
			h.stems[lex.Stem(lang, w)] = true
		}
	}
	return h
}

// headline is the stems of a headline's content words, in its language.
type headline struct {
	lang  string
	stems map[string]bool
}

// stemNear reports whether sentence i holds a word of the headline h.
func stemNear(text string, sents []news.Span, i int, h headline) bool {
	return len(h.stems) > 0 && wordNear(text, sents, i, func(w string) bool { return h.stems[lex.Stem(h.lang, w)] })
}
