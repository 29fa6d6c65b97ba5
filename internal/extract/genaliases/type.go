package main

import (
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/ner"
	"github.com/dossier-news/dossier/internal/news"
)

// typer decides whether a Wikidata item is a named entity, and of which
// type, from what the resources know of its label.
type typer struct {
	gaz    *geo.Gazetteer
	tagger *ner.Tagger
	firsts map[string]bool
	lasts  map[string]bool
	use    *usage
}

// particles are the lower-case words a name may hold ("Bashar al-Assad",
// "Organisation du traité de l'Atlantique nord"); any other lower-case
// word marks a title or a concept ("HTTP cookie", "periodic table").
var particles = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "l": true, "al": true, "el": true, "bin": true, "ibn": true, "von": true, "van": true,
	"der": true, "den": true, "da": true, "do": true, "dos": true, "del": true, "di": true, "y": true, "et": true,
}

// nameLike reports whether s is written as a name: capitalised words and
// particles, no digits and no punctuation other than inner dots, hyphens
// and apostrophes; a dot inside a word comes before a capital.
func nameLike(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return false
	}
	for i, w := range ws {
		rs := []rune(w)
		for k, r := range rs {
			if !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' && r != '’' {
				return false
			}
			if r == '.' && k+1 < len(rs) && !unicode.IsUpper(rs[k+1]) {
				return false // "youtube.com", not "U.S."
			}
		}
		first := []rune(w)[0]
		if unicode.IsUpper(first) {
			continue
		}
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '\'' || r == '’' || r == '.' })
		if i == 0 || len(parts) == 0 || !particles[strings.ToLower(parts[0])] {
			return false
		}
	}
	return true
}

// typeOf returns the type and canonical name of an item, or ok false when
// no resource types it as a person, organisation or place.
func (t *typer) typeOf(it item) (typ news.EntityType, name string, ok bool) {
	label := it.names[0]
	if !nameLike(label) {
		return "", "", false
	}
	if e, ok := t.place(label); ok {
		return news.Place, e.Name, true
	}
	tag := t.tag(label, 0)
	ws := strings.Fields(label)
	switch {
	case t.personName(ws) && tag != ner.ORG && tag != ner.LOC:
		return news.Person, label, true
	case len(ws) >= 2 && !strings.EqualFold(ws[0], "the") && t.votes(label, ner.PER) == len(contexts):
		return news.Person, label, true
	case len(ws) == 1 && (t.votes(label, ner.ORG) == len(contexts) || (acronymOf(it.names) && t.votes(label, ner.ORG) > 0)):
		// One word is an organisation only when every context agrees,
		// or it is the acronym of another of its names: "Hamas",
		// "ASEAN", but not "Achilles" or "Uyghur".
		return news.Org, label, true
	case len(ws) >= 2 && (tag == ner.ORG || (acronymOf(it.names) && t.votes(label, ner.ORG) > 0) || orgHead(label)):
		return news.Org, label, true
	}
	return "", "", false
}

// place returns the gazetteer entry an item's label names: a country by
// any of its names ("United States of America"), a region or a city of
// 100,000 people or more by its own ("White House" is another language's
// name of Casablanca, not a place of its own).
func (t *typer) place(label string) (geo.Entry, bool) {
	es := t.gaz.Lookup(label)
	if len(es) == 0 {
		return geo.Entry{}, false
	}
	e := es[0]
	own := lex.FoldName(e.Name) == lex.FoldName(label)
	if e.Kind == "country" || (own && (e.Kind == "region" || (e.Kind == "city" && e.Population >= 100000))) {
		return e, true
	}
	return geo.Entry{}, false
}

// contexts are the neutral sentences in which the tagger reads a label:
// "%" stands for it.
var contexts = [][]string{
	{"On", "Monday", ",", "%", "said", "the", "plan", "was", "sound", "."},
	{"%", ",", "who", "spoke", "to", "reporters", ",", "was", "tired", "."},
}

// tag returns the entity type the tagger gives the label as a whole in
// context c, or ner.None when it finds no name spanning exactly the
// label.
func (t *typer) tag(label string, c int) ner.Type {
	ws := strings.Fields(label)
	var sent []string
	at := 0
	for _, w := range contexts[c] {
		if w == "%" {
			at = len(sent)
			sent = append(sent, ws...)
		} else {
			sent = append(sent, w)
		}
	}
	for _, sp := range ner.Spans(t.tagger.Tag(sent, nil)) {
		if sp.Start == at && sp.End == at+len(ws) {
			return sp.Type
		}
	}
	return ner.None
}

// orgHead reports a label that holds a word for a kind of organisation
// ("Social Democratic Party of Germany", "Armed Forces of Ukraine").
func orgHead(label string) bool {
	for _, w := range strings.Fields(lex.FoldName(label)) {
		if extract.OrgHead(w) {
			return true
		}
	}
	return false
}

// votes counts the contexts in which the tagger gives the label type typ.
func (t *typer) votes(label string, typ ner.Type) int {
	n := 0
	for c := range contexts {
		if t.tag(label, c) == typ {
			n++
		}
	}
	return n
}

// personName reports a label of two to five words, the first a given
// name or the last a family name of the popular-names lists: "Xi Jinping",
// "Bashar al-Assad", but not "The Exorcist".
func (t *typer) personName(ws []string) bool {
	if len(ws) < 2 || len(ws) > 5 || strings.EqualFold(ws[0], "the") {
		return false
	}
	return t.firsts[lex.FoldName(ws[0])] || t.lasts[lex.FoldName(ws[len(ws)-1])]
}

// acronymOf reports whether one name of an item is an acronym of the
// initials of another ("NATO" and "North Atlantic Treaty Organization",
// "WHO" and "World Health Organization"): an organisation's short name.
func acronymOf(names []string) bool {
	for _, a := range names {
		if !lex.IsAcronym(a) {
			continue
		}
		letters := strings.ToLower(strings.ReplaceAll(a, ".", ""))
		for _, n := range names {
			if n != a && nameLike(n) && initials(n) == letters {
				return true
			}
		}
	}
	return false
}

// initials returns the lower-case first letters of a name's capitalised
// words: "North Atlantic Treaty Organization" → "nato".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		for _, part := range strings.Split(w, "-") {
			r := []rune(part)
			if len(r) > 0 && unicode.IsUpper(r[0]) {
				b.WriteRune(unicode.ToLower(r[0]))
			}
		}
	}
	return b.String()
}
