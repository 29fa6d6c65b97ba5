package extract

import (
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// The toll of a violent event: how many people were killed and how many
// injured, as the article states it. Tolls are figures labelled "killed"
// or "injured" whatever the wording ("two dead", "killing two", "two
// people were shot, one fatally", "a man was shot and killed"), so that
// the articles of an event agree on one label. English only.

// Toll labels.
const (
	tollKilled  = "killed"
	tollInjured = "injured"
	tollShot    = "shot" // hit by gunfire, fate not said: killed + injured
)

// tollWords are the predicate words of a toll: what happened to the
// people counted.
var tollWords = map[string]string{
	"killed": tollKilled, "dead": tollKilled, "died": tollKilled, "slain": tollKilled, "die": tollKilled,
	"dies": tollKilled, "deceased": tollKilled,
	"injured": tollInjured, "wounded": tollInjured, "hurt": tollInjured, "hospitalized": tollInjured,
	"hospitalised": tollInjured,
	"shot":         tollShot,
}

// activeToll are the verbs whose object is the toll: "killing two",
// "injuring three others", "left two dead" (leave takes the predicate
// after the object).
var activeToll = map[string]string{
	"killing": tollKilled, "killed": tollKilled, "kills": tollKilled, "kill": tollKilled,
	"injuring": tollInjured, "injured": tollInjured, "injures": tollInjured, "wounding": tollInjured,
	"wounded": tollInjured, "wounds": tollInjured,
	"shot": tollShot, "shooting": tollShot, "shoots": tollShot,
	"left": "", "leaving": "", "leaves": "", "leave": "",
}

// tollFillers may stand between the people counted and what happened to
// them: "were also reportedly shot and killed", "was found dead".
var tollFillers = set("was", "were", "is", "are", "been", "be", "being", "has", "have", "had", "got", "get", "gets",
	"also", "reportedly", "allegedly", "later", "both", "all", "critically", "seriously", "severely", "badly",
	"accidentally", "unintentionally", "apparently", "then", "initially", "eventually", "subsequently", "each",
	"fatally", "mortally", "non", "nonfatally", "found", "pronounced", "and", "reported", "believed", "confirmed",
	"left", "declared", "killed", "dead", "died", "shot", "wounded", "injured", "hurt", "slightly", "gravely",
	"seen", "lying", "to", "death", "either", "who", "which", "that")

// tollNegations undo a toll: "no one was hurt", "were not injured".
var tollNegations = set("not", "no", "never", "nobody", "none", "neither", "nor", "uninjured", "unharmed", "without")

// tollMore are the words after the counted object that keep it one:
// "two more", "three others", "four people".
var tollCounted = set("more", "others", "other", "people", "persons", "men", "women", "children", "kids", "teens",
	"teenagers", "victims", "adults", "boys", "girls", "officers", "students", "bystanders", "relatives",
	"person", "man", "woman", "child", "teen", "teenager", "boy", "girl", "victim", "adult", "officer",
	"student", "bystander", "relative", "of", "them", "those", "the", "additional", "young", "innocent",
	"family", "members", "member", "passersby", "passerby", "customers", "patrons", "residents", "friends",
	"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "girlfriend", "boyfriend",
	"friend", "cousin", "uncle", "aunt", "nephew", "niece", "grandmother", "grandfather", "baby", "infant",
	"toddler", "suspect", "gunman", "shooter", "driver", "passenger", "neighbor", "neighbour", "deputy", "trooper",
	"sons", "daughters", "brothers", "sisters", "suspects", "parents", "babies", "infants", "toddlers")

// singularPeople are the words for one person a headline may start
// with, no article before them.
var singularPeople = set("man", "woman", "child", "teen", "teenager", "boy", "girl", "officer", "student",
	"baby", "infant", "toddler", "deputy", "trooper", "father", "mother", "son", "daughter", "driver", "suspect")

// headlineStart reports whether token i starts a headline doc's words: the
// first token, or the first after a colon ("Police: Man shot").
func headlineStart(d *doc, i int) bool {
	if !d.head {
		return false
	}
	return i == 0 || d.toks[i-1].Kind == tPunct && d.text[d.toks[i-1].Start] == ':'
}

// multiShooting reads "double shooting" and the like as the number shot.
var multiShooting = map[string]float64{"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}

// toll is one toll statement found in an article.
type toll struct {
	kind     string // tollKilled, tollInjured or tollShot
	n        float64
	explicit bool   // a number was written (not "a man", a named person)
	who      string // the named person, for a singular toll
	start    int
	end      int
}

// tolls finds the toll statements of an English article.
func (d *doc) tolls() []toll {
	if d.lang != "en" {
		return nil
	}
	toks := d.toks
	var out []toll
	personAt := map[int]news.Mention{}
	for _, m := range d.ms {
		if m.Type == news.Person {
			personAt[firstTokAt(toks, m.End)] = m
		}
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind == tWord && multiShooting[t.Fold] > 0 && i+1 < len(toks) && (toks[i+1].Fold == "shooting" || toks[i+1].Fold == "homicide") {
			kind := tollShot
			if toks[i+1].Fold == "homicide" {
				kind = tollKilled
			}
			out = append(out, toll{kind: kind, n: multiShooting[t.Fold], explicit: true, start: t.Start, end: toks[i+1].End})
			continue
		}
		// A named person the predicate follows: "John Doe, 25, was killed".
		if m, ok := personAt[i]; ok {
			k := i
			// ", 25," or ", 25, of Eastville,": the age and home town.
			if k+2 < len(toks) && d.isComma(k) && toks[k+1].Kind == tNum {
				k += 2
				if k < len(toks) && d.isComma(k) {
					k++
					if k < len(toks) && toks[k].Fold == "of" {
						for k < len(toks) && !d.isComma(k) && toks[k].Sent == t.Sent && k < i+8 {
							k++
						}
						if k < len(toks) && d.isComma(k) {
							k++
						}
					}
				}
			}
			if kind, e, ok := d.tollPredicate(k); ok {
				out = append(out, toll{kind: kind, n: 1, who: m.Entity, start: m.Start, end: toks[e-1].End})
				i = e - 1
				continue
			}
		}
		if n, e, explicit, ok := d.countedPeople(i); ok {
			if kind, e2, ok := d.tollPredicate(e); ok && !d.negated(i) {
				out = append(out, toll{kind: kind, n: n, explicit: explicit, start: t.Start, end: toks[e2-1].End})
				// "four people were shot, one fatally"
				if kind == tollShot && e2+2 < len(toks) && d.isComma(e2) {
					if m, e3, _, ok := d.countedPeople(e2 + 1); ok && e3 < len(toks) && (toks[e3].Fold == "fatally" || toks[e3].Fold == "mortally") && m <= n {
						out = append(out, toll{kind: tollKilled, n: m, explicit: true, start: toks[e2+1].Start, end: toks[e3].End})
						e2 = e3 + 1
					}
				}
				i = e2 - 1
				continue
			}
			if kind, e2, ok := d.woundPredicate(e); ok && !d.negated(i) {
				out = append(out, toll{kind: kind, n: n, explicit: explicit, start: t.Start, end: toks[e2-1].End})
				i = e2 - 1
				continue
			}
		}
		// "Also wounded were four patrons": the predicate first.
		if kind, ok := tollWords[t.Fold]; ok && kind != tollShot && i+2 < len(toks) && (toks[i+1].Fold == "were" || toks[i+1].Fold == "was") &&
			(i == 0 || toks[i-1].Sent != t.Sent || toks[i-1].Fold == "also") {
			if n, e, explicit, ok := d.countedPeople(i + 2); ok && explicit {
				out = append(out, toll{kind: kind, n: n, explicit: true, start: t.Start, end: toks[e-1].End})
				i = e - 1
				continue
			}
		}
		// "an injured woman", "two wounded men": the predicate as an
		// adjective of the people counted.
		if i+2 < len(toks) && (t.Fold == "a" || t.Fold == "an" || t.Kind == tNum || isNumberWord(t.Fold)) && !d.isAge(i) {
			if kind, ok := tollWords[toks[i+1].Fold]; ok && kind == tollInjured && toks[i+2].Sent == t.Sent && tollCounted[toks[i+2].Fold] {
				n, explicit := 1.0, false
				if t.Fold != "a" && t.Fold != "an" {
					v, _, ok := d.numAt(i)
					if !ok {
						v = numberWords[t.Fold]
					}
					n, explicit = v, v > 0
				}
				if n > 0 {
					out = append(out, toll{kind: kind, n: n, explicit: explicit, start: t.Start, end: toks[i+2].End})
					i += 2
					continue
				}
			}
		}
		if kind, ok := activeToll[t.Fold]; ok && t.Kind == tWord && !d.negated(i) {
			k := i + 1
			if k+1 < len(toks) && toks[k].Fold == "at" && toks[k+1].Fold == "least" {
				k += 2
			}
			n, e, explicit, ok := d.countedPeople(k)
			if !ok || !explicit {
				continue
			}
			if kind == "" {
				// "left two dead": the predicate comes after.
				kind2, e2, ok := d.tollPredicate(e)
				if !ok || kind2 == tollShot {
					continue
				}
				kind, e = kind2, e2
			}
			out = append(out, toll{kind: kind, n: n, explicit: true, start: t.Start, end: toks[e-1].End})
			i = e - 1
		}
	}
	return out
}

func (d *doc) isComma(k int) bool {
	return k < len(d.toks) && d.toks[k].Kind == tPunct && d.text[d.toks[k].Start] == ','
}

// negated reports a negation shortly before token i in its sentence:
// "no one was hurt", "none of them were injured".
func (d *doc) negated(i int) bool {
	for k := i; k >= 0 && k >= i-3 && d.toks[k].Sent == d.toks[i].Sent; k-- {
		if tollNegations[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// countedPeople reads the people a toll counts, starting at token i: "two
// people", "three men and a woman", "a 17-year-old boy", "one of them",
// "two more". It returns the number, the index after the phrase, and
// whether a number was written (a singular "a man" is not).
func (d *doc) countedPeople(i int) (float64, int, bool, bool) {
	toks := d.toks
	total, explicit := 0.0, false
	k := i
	for part := 0; part < 4; part++ {
		if k >= len(toks) {
			break
		}
		n, e, ex, ok := d.onePhrase(k)
		if !ok {
			if part == 0 {
				return 0, i, false, false
			}
			break
		}
		total += n
		explicit = explicit || ex
		k = e
		// "three men and a woman", "two men, a woman and a child"
		if k+1 < len(toks) && (toks[k].Fold == "and" || d.isComma(k)) {
			if _, _, _, ok := d.onePhrase(k + 1); ok {
				k++
				continue
			}
		}
		break
	}
	return total, k, explicit, true
}

// onePhrase reads one counted noun phrase: a number (or "a", "an", "one")
// and up to four words, none of them a toll word or a verb of its own.
func (d *doc) onePhrase(i int) (float64, int, bool, bool) {
	toks := d.toks
	t := &toks[i]
	var n float64
	explicit := true
	e := i + 1
	switch {
	case t.Kind == tWord && (t.Fold == "he" || t.Fold == "she"):
		return 1, i + 1, false, true
	case t.Kind == tWord && t.Fold == "the" && i+1 < len(toks) && (toks[i+1].Kind == tNum || isNumberWord(toks[i+1].Fold)):
		return d.onePhrase(i + 1) // "the two men"
	case t.Kind == tWord && (t.Fold == "a" || t.Fold == "an" || t.Fold == "the" || t.Fold == "his" || t.Fold == "her" || t.Fold == "their"):
		n, explicit = 1, false
	case t.Kind == tWord && headlineStart(d, i) && singularPeople[t.Fold]:
		// A headline drops the article: "Man killed in crash", "Teen,
		// 15, wounded".
		return 1, i + 1, false, true
	case t.Kind == tWord && (t.Fold == "one" || t.Fold == "another"):
		n = 1
		explicit = t.Fold == "one"
	case t.Kind == tNum || (t.Kind == tWord && isNumberWord(t.Fold)):
		if d.skipNumber(i) || d.isAge(i) {
			return 0, i, false, false
		}
		v, j, ok := d.numAt(i)
		if !ok && t.Kind == tWord {
			v, j, ok = numberWords[t.Fold], i+1, numberWords[t.Fold] > 0
		}
		if !ok || v <= 0 || v != float64(int(v)) || v > 1000 {
			return 0, i, false, false
		}
		if t.Kind == tNum && strings.ContainsAny(d.text[t.Start:t.End], ".,") {
			return 0, i, false, false
		}
		n, e = v, j
	default:
		return 0, i, false, false
	}
	// The words of the phrase: "people", "men", "year-old boy", "of them".
	words := 0
	for e < len(toks) && words < 5 && toks[e].Sent == t.Sent {
		w := &toks[e]
		if w.Kind == tPunct {
			if d.text[w.Start] == '-' && e+1 < len(toks) && toks[e+1].Start == w.End {
				e++ // "17-year-old"
				continue
			}
			break
		}
		f := w.Fold
		if _, ok := tollWords[f]; ok {
			break
		}
		if tollFillers[f] && !tollCounted[f] {
			break
		}
		if w.Kind == tWord && !tollCounted[f] && (stop[f] || speechVerbs[f] || calendar[f]) {
			break
		}
		if w.Kind == tNum && !d.isAge(e) {
			break
		}
		e++
		words++
		// The head noun ends the phrase ("two people", "three others"),
		// unless more of it follows: "two of them", "family members".
		if tollCounted[f] && f != "of" && f != "the" && f != "additional" && f != "young" && f != "innocent" &&
			!(e < len(toks) && tollCounted[toks[e].Fold] && toks[e].Sent == t.Sent) {
			break
		}
	}
	// A lone "a" or "the" must count someone: "a man", not "a shooting",
	// nor "the number of people".
	if !explicit && (e == i+1 || !d.personPhrase(i+1, e) || d.hasWord(i+1, e, "of")) {
		return 0, i, false, false
	}
	return n, e, explicit, true
}

func (d *doc) hasWord(s, e int, w string) bool {
	for k := s; k < e; k++ {
		if d.toks[k].Fold == w {
			return true
		}
	}
	return false
}

// personPhrase reports whether toks[s:e] name people: its last word is a
// word for a person ("man", "17-year-old", "victims").
func (d *doc) personPhrase(s, e int) bool {
	if e <= s {
		return false
	}
	f := d.toks[e-1].Fold
	return tollCounted[f] || strings.HasSuffix(f, "old") || strings.HasSuffix(f, "er") || strings.HasSuffix(f, "ist")
}

// isAge reports a number that is an age: "17-year-old", "17 years old".
func (d *doc) isAge(i int) bool {
	toks := d.toks
	if i+1 >= len(toks) {
		return false
	}
	k := i + 1
	if toks[k].Kind == tPunct && d.text[toks[k].Start] == '-' {
		k++
	}
	if k >= len(toks) {
		return false
	}
	f := toks[k].Fold
	if strings.HasSuffix(f, " old") || strings.HasSuffix(f, "-old") {
		return true
	}
	return (f == "years" || f == "year" || f == "months" || f == "month") && k+1 < len(toks) && toks[k+1].Fold == "old"
}

// tollPredicate reads what happened to the people before token i: "were
// shot and killed", "was found dead", "died", "were wounded". It returns
// the toll's kind and the index after the predicate.
func (d *doc) tollPredicate(i int) (string, int, bool) {
	toks := d.toks
	if i >= len(toks) {
		return "", i, false
	}
	sent := toks[i].Sent
	kind, fatal := "", false
	aux, relative := false, false // "was", "were"...; "who", "that"
	e := i
	for k := i; k < len(toks) && k < i+8 && toks[k].Sent == sent; k++ {
		f := toks[k].Fold
		if auxWords[f] {
			aux = true
		}
		if k == i && (f == "who" || f == "that" || f == "which") {
			relative = true
		}
		if toks[k].Kind != tWord {
			if toks[k].Kind == tPunct && d.text[toks[k].Start] == '-' {
				continue // "non-fatally"
			}
			break
		}
		if tollNegations[f] || strings.HasSuffix(f, " t") {
			return "", i, false
		}
		if f == "fatally" || f == "mortally" || (f == "death" && k > i && toks[k-1].Fold == "to") {
			fatal = true
		}
		if w, ok := tollWords[f]; ok {
			if kind == "" || w == tollKilled || (w == tollInjured && kind == tollShot) {
				kind = w
			}
			e = k + 1
			continue
		}
		if !tollFillers[f] {
			break
		}
		if f == "and" && kind == "" {
			break
		}
	}
	if kind == "" {
		return "", i, false
	}
	if fatal {
		kind = tollKilled
	}
	// Without "was" or "were" a participle may be the verb of an active
	// sentence: "a gunman shot two people", "a man who killed his wife";
	// "two people killed in a shooting" and "a man died" are not.
	last := toks[e-1].Fold
	if !aux && last != "died" && last != "dies" && last != "die" && (relative || d.objectAt(e)) {
		return "", i, false
	}
	return kind, e, true
}

// woundCues lead to the wound the people counted before them had: "a man
// suffered a gunshot wound", "three people with gunshot wounds", "was
// taken to a hospital with injuries".
var woundCues = set("with", "suffered", "sustained", "suffering", "suffers", "sustaining")

// woundPredicate reads, after the people counted (token i), the wound
// they had: a wound is being shot (their fate not said), injuries are
// being injured. It returns the toll's kind and the index after it.
func (d *doc) woundPredicate(i int) (string, int, bool) {
	toks := d.toks
	if i >= len(toks) {
		return "", i, false
	}
	sent := toks[i].Sent
	for k := i; k < len(toks) && k < i+10 && toks[k].Sent == sent; k++ {
		if toks[k].Kind == tPunct && d.text[toks[k].Start] != '-' {
			return "", i, false
		}
		if tollNegations[toks[k].Fold] {
			return "", i, false
		}
		if !woundCues[toks[k].Fold] {
			continue
		}
		for j := k + 1; j < len(toks) && j < k+7 && toks[j].Sent == sent; j++ {
			switch f := toks[j].Fold; {
			case tollNegations[f] || f == "fatal":
				return "", i, false
			case f == "wound" || f == "wounds":
				return tollShot, j + 1, true
			case f == "injuries" || f == "injury":
				return tollInjured, j + 1, true
			}
		}
		return "", i, false
	}
	return "", i, false
}

// auxWords make a participle passive: "was shot".
var auxWords = set("was", "were", "is", "are", "been", "be", "being", "got", "get", "gets")

// objectAt reports whether token k starts the object of a verb: a
// determiner, a pronoun, a number or a name.
func (d *doc) objectAt(k int) bool {
	if k >= len(d.toks) || d.toks[k].Sent != d.toks[k-1].Sent {
		return false
	}
	t := &d.toks[k]
	switch t.Fold {
	case "a", "an", "the", "his", "her", "their", "its", "him", "them", "himself", "herself", "themselves",
		"two", "three", "four", "five", "six", "one", "another", "my", "our", "your":
		return true
	}
	return t.Kind == tNum || (t.Kind == tWord && d.isCapWord(k) && !calendar[t.Fold])
}

// tollFigures turns an article's toll statements into figures: every
// number stated ("two people were killed": 2 killed); otherwise, for a
// kind with no number, the people said to have suffered it one by one
// ("a man was killed", "Jane Doe died": 1 killed, or as many as are
// named); and the injured as the shot less the killed when the article
// gives those and not the injured ("four people were shot, one fatally":
// 1 killed, 3 injured).
func (d *doc) tollFigures(ts []toll) []news.Figure {
	var out []news.Figure
	best := map[string]float64{} // kind → largest explicit number
	named := map[string]map[string]bool{}
	single := map[string]*toll{} // kind → first singular statement
	for i := range ts {
		t := &ts[i]
		switch {
		case t.explicit:
			best[t.kind] = max(best[t.kind], t.n)
			if t.kind != tollShot {
				out = append(out, d.tollFigure(t.kind, t.n, t.start, t.end))
			}
		default:
			if single[t.kind] == nil {
				single[t.kind] = t
			}
			if t.who != "" {
				if named[t.kind] == nil {
					named[t.kind] = map[string]bool{}
				}
				named[t.kind][t.who] = true
			}
		}
	}
	// A "shot" of one person the article says died elsewhere is killed.
	val := map[string]float64{}
	for _, kind := range []string{tollKilled, tollInjured, tollShot} {
		val[kind] = best[kind]
		if val[kind] == 0 && single[kind] != nil {
			n := max(1, float64(len(named[kind])))
			val[kind] = n
			if kind != tollShot {
				out = append(out, d.tollFigure(kind, n, single[kind].start, single[kind].end))
			}
		}
	}
	if shot := val[tollShot]; shot > 0 && best[tollInjured] == 0 && single[tollInjured] == nil && shot > val[tollKilled] {
		t := single[tollShot]
		for i := range ts {
			if ts[i].kind == tollShot && ts[i].n == shot {
				t = &ts[i]
				break
			}
		}
		out = append(out, d.tollFigure(tollInjured, shot-val[tollKilled], t.start, t.end))
	}
	return out
}

func (d *doc) tollFigure(kind string, n float64, start, end int) news.Figure {
	return news.Figure{Value: n, Counts: kind, Text: d.text[start:end], Start: start, End: end}
}

// String is for tests and debugging.
func (t toll) String() string {
	return t.kind + " " + strconv.FormatFloat(t.n, 'f', -1, 64)
}
