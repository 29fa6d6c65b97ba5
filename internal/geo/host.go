package geo

import (
	"strings"
	"sync"
	"unicode"

	"github.com/dossier-news/dossier/internal/lex"
)

// hostMinPeople is the fewest people of a town an outlet's host name is
// read as naming: smaller towns' names are too often plain words
// ("star", "post").
const hostMinPeople = 15000

// hostMinLetters is the shortest name, in letters, a host name is read
// as holding: "ada", "erie" are too easily part of another word.
const hostMinLetters = 5

// hostGeneric are the host labels that name no outlet: the scheme's and
// the registries' parts.
var hostGeneric = map[string]bool{"www": true, "m": true, "mobile": true, "amp": true, "news": true, "com": true,
	"org": true, "net": true, "gov": true, "edu": true, "co": true, "us": true, "uk": true, "info": true, "tv": true}

// hostIndex maps a place's folded name without spaces or punctuation
// ("kansascity") to its largest entry: a town of hostMinPeople at least,
// a region or a country.
type hostIndex struct {
	once  sync.Once
	names map[string]int32
}

func (g *Gazetteer) hostNames() map[string]int32 {
	g.host.once.Do(func() {
		m := map[string]int32{}
		for i, e := range g.entries {
			if e.Kind == "city" && e.Population < hostMinPeople || e.Kind == "district" {
				continue
			}
			k := compact(lex.FoldName(e.Name))
			if len([]rune(k)) < hostMinLetters {
				continue
			}
			if j, ok := m[k]; !ok || g.hostBetter(int32(i), j) {
				m[k] = int32(i)
			}
		}
		g.host.names = m
	})
	return g.host.names
}

// hostBetter prefers a region or country to a town of the same name, and
// of two towns the larger.
func (g *Gazetteer) hostBetter(a, b int32) bool {
	ea, eb := g.entries[a], g.entries[b]
	if (ea.Kind == "city") != (eb.Kind == "city") {
		return eb.Kind == "city"
	}
	return ea.Population > eb.Population
}

// compact keeps the letters and digits of a folded name.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// InHost returns the place an outlet's host name names, if any: the
// longest name of a town (of hostMinPeople or more), region or country
// that a label of the host starts or ends with (after a leading "the") ("buffalonews.com", "nbcphiladelphia.com",
// "spdblotter.seattle.gov", "minnesota.cbslocal.com"). Local outlets name
// their home town; what they report mostly happened near it.
func (g *Gazetteer) InHost(host string) (Entry, bool) {
	names := g.hostNames()
	best, bestLen := int32(-1), 0
	for _, label := range strings.Split(strings.ToLower(host), ".") {
		if hostGeneric[label] {
			continue
		}
		label = strings.TrimPrefix(compact(label), "the")
		for i := range label {
			for j := len(label); j-i > bestLen && j-i >= hostMinLetters; j-- {
				if i > 0 && j < len(label) {
					continue // inside a word: "conchovalley" holds no "Ovalle"
				}
				if id, ok := names[label[i:j]]; ok {
					best, bestLen = id, j-i
					break
				}
			}
		}
	}
	if best < 0 {
		return Entry{}, false
	}
	return g.entries[best], true
}
