package main

import (
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// build types the items and keeps, for each named entity, the aliases
// that name it and nothing else:
//
//   - written as a name (capitalised words; for an organisation or a
//     place, lower-case inner words too), or a code in capitals that
//     spells the initials of one of the entity's names ("UK", "ISIS"),
//     never the canonical name again;
//   - for a person, of two words or more: a lone surname or first name
//     ("Biden") names many people, and the article itself ties it to the
//     full name;
//   - a code or a single word only when the English NER corpora do not
//     use it mostly outside names;
//   - not a nationality adjective, and, for anything but a place, not a
//     place of the gazetteer ("Europe" is an alias of the European Union);
//   - for a place, one the gazetteer does not already resolve to it, and
//     never one it resolves to another place;
//   - not the label of another item (a code in capitals excepted: "ISIS"
//     is not the goddess Isis), and not the alias of two entities.
//
// Entities of one type and canonical name (the country and the state of
// Georgia are both the gazetteer's Georgia) are one entry.
func build(items []item, ty *typer) []entry {
	type typed struct {
		it   item
		typ  news.EntityType
		name string
	}
	var ts []typed
	owner := map[string]string{} // folded label → key of the best-ranked entity with it
	key := func(t typed) string { return string(t.typ) + ":" + t.name }
	for _, it := range items {
		typ, name, ok := ty.typeOf(it)
		if !ok {
			// "Europe" is not the European Union, even though no resource
			// types the continent.
			if f := lex.FoldName(it.names[0]); owner[f] == "" {
				owner[f] = "item:" + it.qid
			}
			continue
		}
		t := typed{it, typ, name}
		ts = append(ts, t)
		for _, n := range []string{it.names[0], name} {
			if f := lex.FoldName(n); owner[f] == "" {
				owner[f] = key(t)
			}
		}
	}
	cands := make([][]string, len(ts))
	claims := map[string]map[string]bool{} // folded alias → entity keys
	for i, t := range ts {
		for _, a := range append([]string{t.it.names[0]}, t.it.names[1:]...) {
			f := lex.FoldName(a)
			if !ty.keepAlias(t.typ, t.name, t.it.names, a, f) {
				continue
			}
			if o := owner[f]; o != "" && o != key(t) && !isCode(a) {
				continue
			}
			cands[i] = append(cands[i], a)
			if claims[f] == nil {
				claims[f] = map[string]bool{}
			}
			claims[f][key(t)] = true
		}
	}
	var out []entry
	at := map[string]int{}
	for i, t := range ts {
		j, ok := at[key(t)]
		if !ok {
			j = len(out)
			at[key(t)] = j
			out = append(out, entry{Name: t.name, Type: t.typ, Aliases: []string{}, Source: "wikidata " + t.it.qid})
		} else {
			out[j].Source += " " + t.it.qid
		}
		for _, a := range cands[i] {
			if len(claims[lex.FoldName(a)]) == 1 && !contains(out[j].Aliases, a) {
				out[j].Aliases = append(out[j].Aliases, a)
			}
		}
	}
	kept := out[:0]
	for _, e := range out {
		if len(e.Aliases) > 0 {
			kept = append(kept, e) // an entity without other names adds nothing to what the tagger and gazetteer know
		}
	}
	return kept
}

// keepAlias applies the rules of build to one alias a (folded f) of an
// entity of type typ and canonical name name.
func (t *typer) keepAlias(typ news.EntityType, name string, names []string, a, f string) bool {
	if len(f) < 2 || f == lex.FoldName(name) || !(nameLike(a) || isCode(a) || (typ != news.Person && phraseLike(a))) {
		return false
	}
	if isCode(a) && !initialsOfAny(a, names) {
		return false // "IT", "NO", "LH": a country's or airline's code is a word too, unlike "UK" or "ISIS"
	}
	if (isCode(a) || !strings.Contains(a, " ")) && t.use.word(a) {
		return false // "GB" (gigabytes), "PR", "Wolves": the corpora use it as a word
	}
	single := !strings.Contains(strings.TrimSpace(a), " ")
	if typ == news.Person && single {
		return false
	}
	if single && t.tagger.Demonym(a) {
		return false
	}
	if typ != news.Place {
		return !t.gaz.Has(f)
	}
	if es := t.gaz.LookupFolded(f); len(es) > 0 {
		return false // the gazetteer resolves it already, to this place or another
	}
	return true
}

// phraseLike reports a name in another language's style, of words with
// lower-case inner words: "Organisation du traité de l'Atlantique nord".
func phraseLike(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 3 || !nameLike(ws[0]) {
		return false
	}
	for _, w := range ws[1:] {
		r := []rune(w)
		if !nameLike(string(unicode.ToUpper(r[0])) + string(r[1:])) {
			return false
		}
	}
	return true
}

// isCode reports a short name in capitals and digits: "G7", "UK", "U.S.".
func isCode(s string) bool {
	up := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsDigit(r) || r == '.' || r == '-':
		default:
			return false
		}
	}
	return up >= 1 && len([]rune(s)) >= 2 && len([]rune(s)) <= 8
}

// initialsOfAny reports whether a code, without its dots, spells the
// initials of one of the names: "UK" and "United Kingdom", "U.S." and
// "United States".
func initialsOfAny(code string, names []string) bool {
	letters := strings.ToLower(strings.ReplaceAll(code, ".", ""))
	for _, n := range names {
		if n != code && nameLike(n) && initials(n) == letters {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
