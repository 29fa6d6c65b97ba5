package extract

import (
	_ "embed"
	"sort"
	"strings"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// Pronoun speakers: `"...," he said` names the person the passage is
// about, which is the subject of the nearest sentence before that has a
// person in it, not simply the last name written (often an object: "he
// praised Smith"). A title before a name ("Mr.", "Mrs.") gives its
// gender, and a pronoun skips people of the other one.

// pronounGender is +1 for a feminine subject pronoun, -1 for a
// masculine one, 0 when unknown.
var pronounGender = map[string]int{"she": 1, "he": -1, "sie": 1, "er": -1, "elle": 1, "il": -1, "ella": 1, "el": -1}

// titleGender reads the gender a courtesy title gives.
var titleGender = map[string]int{"mrs": 1, "ms": 1, "miss": 1, "madame": 1, "mme": 1, "frau": 1, "senora": 1, "sra": 1, "mr": -1, "sir": -1, "monsieur": -1, "herr": -1, "senor": -1, "sr": -1}

// pronounSpeaker resolves the pronoun that attributes quotation q. The
// candidates are the person mentions of the sentences before it (and of
// its own, before the quote), outside quotation marks and of a fitting
// gender; the nearest wins, with a bonus for a subject (a mention that
// opens its sentence or stands before a speech verb) and for someone
// already quoted, and a penalty for a mention after a preposition or
// with a possessive (an object or a modifier, not who speaks).
func (d *doc) pronounSpeaker(q qspan, quotes []qspan, quoted map[string]bool) int {
	gender := d.quotePronounGender(q)
	inQuote := func(off int) bool {
		// quotes are in text order and do not overlap
		i := sort.Search(len(quotes), func(i int) bool { return quotes[i].end > off })
		return i < len(quotes) && off >= quotes[i].start
	}
	k := firstTokAt(d.toks, q.open)
	if k >= len(d.toks) {
		k = len(d.toks) - 1
	}
	if k < 0 {
		return -1
	}
	here := d.toks[k].Sent
	from := d.sents[max(0, here-6)].Start
	best, bestScore := -1, 0.0
	for i := sort.Search(len(d.ms), func(i int) bool { return d.ms[i].Start >= from }); i < len(d.ms); i++ {
		m := d.ms[i]
		if m.Start >= q.open {
			break
		}
		if m.Type != news.Person || inQuote(m.Start) {
			continue
		}
		mk := firstTokAt(d.toks, m.Start)
		if mk >= len(d.toks) || here-d.toks[mk].Sent > 6 {
			continue
		}
		g := d.mentionGender(m)
		if g == 0 {
			g = d.entityGender(m.Entity)
		}
		if gender != 0 && g != 0 && g != gender {
			continue
		}
		score := -float64(here - d.toks[mk].Sent)
		if d.subjectPosition(mk, m.End) {
			score += 3
		}
		if quoted[m.Entity] {
			score += 1.5
		}
		if mk > 0 && d.toks[mk-1].Kind == tWord && phraseStops[d.toks[mk-1].Fold] {
			score -= 3
		}
		if e := firstTokAt(d.toks, m.End); e < len(d.toks) && d.toks[e].Kind == tPunct && d.toks[e].Start == m.End && (strings.HasPrefix(d.text[d.toks[e].Start:], "'s") || strings.HasPrefix(d.text[d.toks[e].Start:], "’s")) {
			score -= 2
		}
		if best < 0 || score >= bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return d.lastPersonOf(q.open, gender)
	}
	return best
}

// lastPersonOf is the last person mention before off whose gender does
// not contradict gender (0: any), else the last person mention.
func (d *doc) lastPersonOf(off, gender int) int {
	if gender != 0 {
		for i := sort.Search(len(d.ms), func(i int) bool { return d.ms[i].Start >= off }) - 1; i >= 0; i-- {
			m := d.ms[i]
			if m.Type != news.Person {
				continue
			}
			g := d.mentionGender(m)
			if g == 0 {
				g = d.entityGender(m.Entity)
			}
			if g == gender {
				return i
			}
		}
	}
	return d.lastPerson(off)
}

// subjectPosition reports whether the mention at token mk (ending at
// byte end) is a subject: it opens its sentence (after a title or
// determiner), or a speech verb follows it.
func (d *doc) subjectPosition(mk, end int) bool {
	j := mk - 1
	for j >= 0 && d.toks[j].Sent == d.toks[mk].Sent && (titles[d.toks[j].Fold] || determiners[d.toks[j].Fold] || d.toks[j].Kind == tPunct && d.text[d.toks[j].Start] == '.') {
		j--
	}
	if j < 0 || d.toks[j].Sent != d.toks[mk].Sent {
		return true
	}
	e := firstTokAt(d.toks, end)
	for e < len(d.toks) && (auxiliaries[d.toks[e].Fold] || d.toks[e].Fold == "also") {
		e++
	}
	return e < len(d.toks) && d.isSpeechTok(e)
}

// quotePronounGender finds the pronoun near q (after its closing mark,
// else before its opening) and reads its gender.
func (d *doc) quotePronounGender(q qspan) int {
	k := firstTokAt(d.toks, q.close)
	for j := k; j < len(d.toks) && j < k+8; j++ {
		if g, ok := pronounGender[d.toks[j].Fold]; ok && d.toks[j].Kind == tWord {
			return g
		}
	}
	k = firstTokAt(d.toks, q.open) - 1
	for j := k; j >= 0 && j > k-10; j-- {
		if g, ok := pronounGender[d.toks[j].Fold]; ok && d.toks[j].Kind == tWord {
			return g
		}
	}
	return 0
}

// mentionGender reads the gender of a person mention from a courtesy
// title or gendered role word just before or in it ("Mrs. Smith",
// "Congresswoman Smith", "actress Jane Smith").
func (d *doc) mentionGender(m news.Mention) int {
	k := firstTokAt(d.toks, m.Start)
	for j := k; j >= 0 && j >= k-2; j-- {
		if j < len(d.toks) && d.toks[j].Start < m.End {
			f := strings.TrimSuffix(d.toks[j].Fold, ".")
			if g, ok := titleGender[f]; ok {
				return g
			}
			if g, ok := roleGender[f]; ok {
				return g
			}
		}
	}
	return 0
}

// titleGenderAt reads a courtesy title just before or in mention m.
func (d *doc) titleGenderAt(m news.Mention) int {
	k := firstTokAt(d.toks, m.Start)
	for j := k; j >= 0 && j >= k-2; j-- {
		if j < len(d.toks) && d.toks[j].Start < m.End {
			if g, ok := titleGender[strings.TrimSuffix(d.toks[j].Fold, ".")]; ok {
				return g
			}
		}
	}
	return 0
}

// entityGender is the gender of person entity id, read once per article:
// a courtesy title or gendered role word at any of its mentions ("Mr.
// Smith" in one paragraph makes "Smith" male in all), else its first
// name in the given-name table; 0 when neither says.
func (d *doc) entityGender(id string) int {
	if d.genders == nil {
		d.genders = map[string]int{}
		conflict := map[string]bool{}
		for _, m := range d.ms {
			if m.Type != news.Person {
				continue
			}
			// Only a courtesy title counts across mentions: a role word
			// ("wife", "son") may sit before a relative merged into the
			// same surname.
			if g := d.titleGenderAt(m); g != 0 {
				if old, seen := d.genders[m.Entity]; seen && old != g {
					conflict[m.Entity] = true
				}
				d.genders[m.Entity] = g
			}
		}
		for id := range conflict {
			d.genders[id] = 0
		}
		evidence := d.pronounEvidence()
		for _, e := range d.ents {
			if _, seen := d.genders[e.ID]; seen || e.Type != news.Person {
				continue
			}
			if f := strings.Fields(lex.FoldName(e.Name)); len(f) > 1 {
				d.genders[e.ID] = givenGender[f[0]]
			}
			if d.genders[e.ID] == 0 {
				d.genders[e.ID] = evidence[e.ID]
			}
		}
	}
	return d.genders[id]
}

// roleGender are role nouns that give their holder's gender.
var roleGender = map[string]int{
	"congresswoman": 1, "congressman": -1, "chairwoman": 1, "chairman": -1, "spokeswoman": 1, "spokesman": -1,
	"businesswoman": 1, "businessman": -1, "actress": 1, "actor": -1, "queen": 1, "king": -1, "princess": 1, "prince": -1,
	"wife": 1, "husband": -1, "mother": 1, "father": -1, "daughter": 1, "son": -1, "sister": 1, "brother": -1,
	"grandmother": 1, "grandfather": -1, "widow": 1, "widower": -1, "councilwoman": 1, "councilman": -1,
	"assemblywoman": 1, "assemblyman": -1, "sportswoman": 1, "sportsman": -1, "lady": 1, "lord": -1,
}

// givenGender maps folded given names to their gender (+1 feminine, -1
// masculine), from data/gender.tsv.
var givenGender = func() map[string]int {
	m := map[string]int{}
	for _, line := range strings.Split(genderTSV, "\n") {
		name, g, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		if g == "F" {
			m[name] = 1
		} else {
			m[name] = -1
		}
	}
	return m
}()

// genderTSV is generated by go run ./internal/extract/gengender.
//
//go:embed data/gender.tsv
var genderTSV string
