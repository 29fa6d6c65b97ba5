package reconcile

import (
	"slices"
	"strconv"
	"strings"
)

// A claim's key is what it states, apart from its wording: the figures it
// gives (value and what is counted), the days it names and the actors it
// is about (canonical entities). Two sentences that word one fact
// differently ("Rescuers pulled 51 people from the water" and "Fifty-one
// passengers and crew were rescued") or in two languages share little
// wording, so their weighted similarity stays under alignMin, yet their
// keys meet. keyMerge joins such claims after alignment.

// humanCounts are the stems of words that count people, as figureOf names
// a figure's class: "51 people", "51 passengers" and "51 Menschen" count
// the same thing.
var humanCounts = wordSet(`peopl perso passe passa crew resid habit victi survi touri worke citiz civil
	adult child mensc`)

// anchors returns a sentence's key: figure, day and actor anchors.
func anchors(s *sent) (figs, dates, actors []string) {
	for _, f := range s.figs {
		if f.class == "" || f.class == "age" {
			continue
		}
		class := f.class
		switch {
		case f.unit != "":
			class = f.unit
		case humanCounts[class]:
			class = "people"
		}
		figs = append(figs, strconv.FormatFloat(f.lo, 'f', -1, 64)+" "+class)
	}
	actors = append(slices.Clone(s.people), s.ents...)
	for _, l := range []*[]string{&figs, &actors} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return figs, s.dates, actors
}

// sameKey reports whether two sentences of independent outlets state the
// same thing by their keys: they disagree on no slot and share a figure,
// which is at least half of the figures each gives ("64 passengers and 7
// crew on a 35-metre ferry" is not "gusts of 35 metres per second"). In
// one language they must also share a content word other than the
// figures' own (the predicate, roughly: "rescued" in both); across
// languages, where words cannot be compared, an actor or a day besides.
// Days and actors alone are no key: most sentences of an event name its
// day and its main actors.
func sameKey(a, b *sent, ft *featTable) bool {
	if a.art == b.art || a.group == b.group {
		return false
	}
	fa, da, aa := anchors(a)
	fb, db, ab := anchors(b)
	cross := a.lang != b.lang || a.lang == ""
	if cross {
		// What a figure counts is a word of its language ("120
		// firefighters", "120 Feuerwehrleute"): compare the values.
		fa, fb = valuesOnly(fa), valuesOnly(fb)
	}
	figs := count(fa, fb)
	if figs == 0 || 2*figs < len(fa) || 2*figs < len(fb) {
		return false
	}
	if slot, _ := differingSlot(a, b); slot != "" {
		return false
	}
	if !cross {
		return predicateWords(a, b, ft) >= 1
	}
	return count(da, db)+count(aa, ab) >= 1
}

// predicateWords counts the content words two sentences share, leaving out
// the words of their figures ("magnitude 6.1" shares "magnitude" with every
// sentence giving the magnitude).
func predicateWords(a, b *sent, ft *featTable) int {
	own := map[string]bool{}
	for _, s := range []*sent{a, b} {
		for _, f := range s.figs {
			for _, w := range stemsOf(words(f.text)) {
				own[w] = true
			}
			own[f.class] = true
			own[stem(f.class)] = true
		}
	}
	n := 0
	for f := range shared(a.feats, b.feats) {
		if ft.kinds[f] == kWord && !own[ft.values[f]] {
			n++
		}
	}
	return n
}

// valuesOnly strips the counted thing from figure anchors, keeping units
// (the same in every language once normalised).
func valuesOnly(figs []string) []string {
	out := make([]string, 0, len(figs))
	for _, f := range figs {
		v, class, _ := strings.Cut(f, " ")
		if class == "litres" || class == "tonnes" {
			v = f
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func count(a, b []string) int {
	n := 0
	for range shared(a, b) {
		n++
	}
	return n
}

// keyMerge joins claims whose sentences sameKey pairs, as long as the joined
// claim still holds one sentence per article. Candidate pairs come from an
// index of figure and day anchors.
func keyMerge(clusters []*cluster, sents []sent, ft *featTable) []*cluster {
	owner := make([]int, len(sents)) // sentence → cluster
	for ci, cl := range clusters {
		for _, m := range cl.members {
			owner[m] = ci
		}
	}
	index := map[string][]int{}
	for si := range sents {
		figs, dates, _ := anchors(&sents[si])
		for _, f := range figs {
			index["f:"+f] = append(index["f:"+f], si)
		}
		for _, d := range dates {
			index["d:"+d] = append(index["d:"+d], si)
		}
	}
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	merged := false
	for _, k := range keys {
		ss := index[k]
		if len(ss) > postingsCap {
			continue
		}
		for i, x := range ss {
			for _, y := range ss[i+1:] {
				cx, cy := owner[x], owner[y]
				if cx == cy || !sameKey(&sents[x], &sents[y], ft) || overlapArts(clusters[cx], clusters[cy]) {
					continue
				}
				into, from := min(cx, cy), max(cx, cy)
				for _, m := range clusters[from].members {
					clusters[into].members = append(clusters[into].members, m)
					clusters[into].arts[sents[m].art] = true
					owner[m] = into
				}
				slices.Sort(clusters[into].members)
				clusters[from].members = nil
				merged = true
			}
		}
	}
	if !merged {
		return clusters
	}
	return slices.DeleteFunc(clusters, func(cl *cluster) bool { return len(cl.members) == 0 })
}

func overlapArts(a, b *cluster) bool {
	for art := range b.arts {
		if a.arts[art] {
			return true
		}
	}
	return false
}
