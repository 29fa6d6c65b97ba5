package reconcile

import (
	"sort"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// canonicalize and happeningDate are the extract functions Build relies
// on (set in extract.go). They are variables so that a test can swap in
// the fallbacks below to isolate reconcile's own logic.
var (
	canonicalize  = fallbackCanonicalize
	happeningDate = fallbackHappening
)

// fallbackCanonicalize merges mentions by key (the analysis's Entity, else
// type and folded text) and folds a one-word person name into the single
// longer person name ending with it ("Blinken" → "Antony Blinken"). It
// rewrites Mention.Entity to the merged keys, like extract.Canonicalize.
func fallbackCanonicalize(arts []news.Article, an []news.Analysis) []news.Entity {
	type agg struct {
		e     news.Entity
		names map[string]int
	}
	byKey := map[string]*agg{}
	for i := range an {
		for j := range an[i].Mentions {
			m := &an[i].Mentions[j]
			k := entityKey(*m)
			m.Entity = k
			g, ok := byKey[k]
			if !ok {
				g = &agg{e: news.Entity{ID: k, Type: m.Type, Mentions: map[string]int{}}, names: map[string]int{}}
				byKey[k] = g
			}
			g.e.Mentions[an[i].Article]++
			g.names[m.Text]++
		}
	}
	// Surname → the full person names ending with it.
	full := map[string][]string{}
	for k, g := range byKey {
		if g.e.Type != news.Person {
			continue
		}
		for n := range g.names {
			if ws := words(fold(n)); len(ws) > 1 {
				full[ws[len(ws)-1]] = appendUnique(full[ws[len(ws)-1]], k)
			}
		}
	}
	rename := map[string]string{}
	for k, g := range byKey {
		if g.e.Type != news.Person {
			continue
		}
		for n := range g.names {
			ws := words(fold(n))
			if len(ws) == 1 && len(full[ws[0]]) == 1 && full[ws[0]][0] != k {
				rename[k] = full[ws[0]][0]
			}
		}
	}
	for from, to := range rename {
		src, dst := byKey[from], byKey[to]
		for a, n := range src.e.Mentions {
			dst.e.Mentions[a] += n
		}
		for n, c := range src.names {
			dst.names[n] += c
		}
		delete(byKey, from)
	}
	for i := range an {
		for j := range an[i].Mentions {
			if to, ok := rename[an[i].Mentions[j].Entity]; ok {
				an[i].Mentions[j].Entity = to
			}
		}
	}
	out := make([]news.Entity, 0, len(byKey))
	for _, g := range byKey {
		names := make([]string, 0, len(g.names))
		for n := range g.names {
			names = append(names, n)
		}
		// The name: the longest, then the most used, then alphabetical.
		sort.Slice(names, func(i, j int) bool {
			if len(names[i]) != len(names[j]) {
				return len(names[i]) > len(names[j])
			}
			if g.names[names[i]] != g.names[names[j]] {
				return g.names[names[i]] > g.names[names[j]]
			}
			return names[i] < names[j]
		})
		g.e.Name = names[0]
		for _, n := range names[1:] {
			if !strings.EqualFold(n, g.e.Name) {
				g.e.Aliases = append(g.e.Aliases, n)
			}
		}
		sort.Strings(g.e.Aliases)
		out = append(out, g.e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
