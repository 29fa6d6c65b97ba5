package reconcile

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// tollClasses are the figure classes that count a toll: a count that
// rises as reports come in, so a later, higher figure supersedes an
// earlier one.
var tollClasses = map[string]bool{"dead": true, "injured": true, "missing": true, "arrested": true}

// updateGap is how much later than the earlier value's first report a
// higher toll must first be published to be an update: reports closer in
// time than this describe the same moment, so differing figures conflict.
const updateGap = 3 * time.Hour

// hedgeSlack is how far above an approximate figure ("about 40") a later
// one may be and still be the same count told more precisely (42): a
// disagreement in the counting, not a toll that rose.
const hedgeSlack = 0.1

// hedges are the words that, just before a number, make it approximate.
var hedges = wordSet(`about around approximately roughly some nearly almost circa ca
	environ quelque pres etwa rund ungefahr fast unos aproximadamente cerca casi`)

func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}

// hedged reports whether the word just before byte offset start of text
// makes the number there approximate.
func hedged(text string, start int) bool {
	ws := words(fold(clip(text, max(0, start-24), start)))
	return len(ws) > 0 && hedges[ws[len(ws)-1]]
}

// side is one value of a disagreement as the reconciler sees it: the
// figure it gives (when the slot is a figure), when it was first
// published (preferring sources that carry a publication time) and whether any of its sentences gives it as approximate.
type side struct {
	num    float64
	first  time.Time
	approx bool
	ok     bool
	exact  bool // first is a publication time, not a day read from the text
}

// disagreementKind labels a conflicting claim's values (see news.Claim.Kind)
// and sets each value's First. A disagreement on a toll is an update when,
// in the order the values were first published, each is higher than the
// one before and first published at least updateGap after it (and not
// within hedgeSlack of an approximate earlier figure); anything else (a
// toll that fell, figures published about the same time, a slot that is not
// a toll) is a conflict.
func (c *buildCtx) disagreementKind(slot string, cl *cluster, sents []sent, values []news.ClaimValue) string {
	class, isFig := strings.CutPrefix(slot, "figure:")
	sides := make([]side, len(values))
	for i, v := range values {
		sd := &sides[i]
		for _, m := range cl.members {
			s := &sents[m]
			a := &c.arts[s.art]
			if !slices.Contains(v.Sources, a.ID) {
				continue
			}
			// A time read from the text is a day, not a moment: it
			// stands only for a value no source gives a time for.
			exact := !slices.Contains(a.Inferred, "published")
			if sd.first.IsZero() || (exact && (!sd.exact || a.Published.Before(sd.first))) || (!exact && !sd.exact && a.Published.Before(sd.first)) {
				sd.first, sd.exact = a.Published, exact
			}
			if !isFig {
				continue
			}
			for _, f := range s.figs {
				if f.class == class {
					if !sd.ok {
						sd.num, sd.ok = f.lo, true
					}
					sd.approx = sd.approx || f.approx
				}
			}
		}
		values[i].First = sd.first
	}
	if !isFig || !tollClasses[class] {
		return news.KindConflict
	}
	order := make([]int, len(sides))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return sides[x].first.Compare(sides[y].first) })
	for k := 1; k < len(order); k++ {
		a, b := sides[order[k-1]], sides[order[k]]
		if !a.ok || !b.ok || a.first.IsZero() || b.first.Sub(a.first) < updateGap || b.num <= a.num {
			return news.KindConflict
		}
		if a.approx && b.num <= a.num*(1+hedgeSlack) {
			return news.KindConflict
		}
	}
	return news.KindUpdate
}

// tollBefore is the toll class of the bare number ws[i] from the words
// before it: a toll word among the three before it, hedges aside
// ("injuring about 80"), or, when the number follows "to", "at" or
// "from" ("the number of injured has risen to 110"), the nearest toll word
// earlier in the sentence. "" when no toll word introduces it.
func tollBefore(ws []string, i int) string {
	n := 0
	for k := i - 1; k >= 0 && n < 3; k-- {
		w := fold(ws[k])
		if hedges[w] {
			continue
		}
		n++
		if c := cmp.Or(tollVerbs[w], countClass[w]); tollClasses[c] {
			return c
		}
	}
	if i == 0 || !valuePreps[fold(ws[i-1])] {
		return ""
	}
	for k := i - 2; k >= 0; k-- {
		w := fold(ws[k])
		if isNumber(w) {
			return "" // the toll word has a number of its own
		}
		if c := countClass[w]; tollClasses[c] {
			if k > 0 && isNumber(ws[k-1]) {
				return "" // "30 injured were taken to 4 hospitals"
			}
			return c
		}
	}
	return ""
}

// tollVerbs are verb forms that introduce a toll just before its number
// ("injuring 80"). They are not in countClass, where they would class the
// figure before them ("killing three people and injuring 80").
var tollVerbs = map[string]string{"injuring": "injured", "wounding": "injured", "blessant": "injured", "verletzend": "injured"}

// valuePreps introduce a value given after what it counts.
var valuePreps = wordSet(`to at from a auf`)

// peopleNouns are the nouns that count people without saying what
// happened to them.
var peopleNouns = wordSet(`people persons victims residents passengers personnes victimes menschen personen opfer personas victimas`)

// clauseToll classes a figure that counts people in general ("42 people
// were treated in hospital for injuries") by a toll word later in its
// clause: up to the next comma, semicolon or number.
func clauseToll(text string, sp news.Span, f news.Figure, counts []string) string {
	if len(counts) == 0 || !peopleNouns[counts[len(counts)-1]] {
		return ""
	}
	rest := clip(text, f.End, sp.End)
	if i := strings.IndexAny(rest, ",;:.!?"); i >= 0 {
		rest = rest[:i]
	}
	for _, w := range words(fold(rest)) {
		if isNumber(w) {
			return ""
		}
		if c := countClass[w]; tollClasses[c] {
			return c
		}
	}
	return ""
}

// clockTime reports whether the bare number ws[i], ending at byte end of
// text, is part of a time of day ("at 9 pm", "at 14:30"), not a count.
func clockTime(text string, end int, ws []string, i int) bool {
	if end+1 < len(text) && (text[end] == ':' || text[end] == '.' || text[end] == 'h') && text[end+1] >= '0' && text[end+1] <= '9' {
		return true
	}
	return i+1 < len(ws) && clockWords[fold(ws[i+1])]
}

// ageAfter reports whether the number ending at byte end of text is an
// age ("a 72-year-old man", "72 years old", "72 ans"), not a count.
func ageAfter(text string, end int) bool {
	rest := strings.ToLower(clip(text, end, min(len(text), end+10)))
	for _, p := range agePrefixes {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

var agePrefixes = []string{"-year", " year", "-jähr", " jahre", " ans", " años", "-jarig", " jaar"}

var clockWords = wordSet(`am pm gmt utc cet h uhr heures hours horas o clock`)
