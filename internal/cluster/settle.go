package cluster

import (
	"cmp"
	"container/heap"
	"maps"
	"slices"
	"strings"
)

// Settling: the events of a connected component of the pair graph are
// found by average linkage over pair probabilities, computed in a
// canonical order (publication time, then id), so they depend on the
// component's articles alone, never on the order they came in.

// settle re-decides the components holding the docs of seeds and returns
// the outcome: an assignment for every seed and for every other article of
// those components whose event changed.
func (c *Clusterer) settle(seeds []*doc) Outcome {
	var out Outcome
	seen := map[*doc]bool{}
	events := map[string]bool{}
	isSeed := make(map[*doc]bool, len(seeds))
	for _, d := range seeds {
		isSeed[d] = true
	}
	taken := map[string]bool{}
	for _, s := range seeds {
		if seen[s] {
			continue
		}
		comp := c.component(s, seen, isSeed)
		groups := c.agglomerate(comp)
		ids := c.name(groups, taken)
		for g, grp := range groups {
			id := ids[g]
			best := map[*doc]float64{}
			inGroup := make(map[*doc]bool, len(grp))
			for _, d := range grp {
				inGroup[d] = true
			}
			for _, d := range grp {
				for _, e := range d.edges {
					if o := c.docs[e.to]; o != nil && inGroup[o] && float64(e.p) > best[d] {
						best[d] = float64(e.p)
					}
				}
			}
			newEvent := len(c.held[id]) == 0
			for _, d := range grp {
				old := d.event
				if d.dupOf != "" {
					if o := c.byID[d.dupOf]; o == nil || !inGroup[o] {
						d.dupOf = ""
					}
				}
				if old == id && !isSeed[d] {
					continue
				}
				c.relabel(d, id)
				a := Assignment{Article: d.id, Event: id, DuplicateOf: d.dupOf, Score: best[d]}
				if isSeed[d] {
					a.NewEvent = newEvent
				} else {
					a.From = old
					events[old] = true
				}
				out.Assignments = append(out.Assignments, a)
				events[id] = true
			}
		}
	}
	delete(events, "")
	for id := range events {
		out.Events = append(out.Events, id)
	}
	slices.Sort(out.Events)
	return out
}

// component returns what a batch decides again around the seed s, in
// canonical order: the articles connected to s by edges or by being in
// one event (so that an event is always decided again as a whole). Up
// to maxComponent articles that is the whole connected component, and
// the events are a function of its articles. On a dense stream the
// component can grow to the whole window, settled again at every batch;
// then only the neighbourhood is: the seeds linked to s, the articles
// they have edges to, every article of the events of those, and the
// seeds linked to any of these (so neighbourhoods that overlap are one). The events beyond were settled when they came.
func (c *Clusterer) component(s *doc, seen, isSeed map[*doc]bool) []*doc {
	if comp := c.reach(s, nil, maxComponent); comp != nil {
		for _, d := range comp {
			seen[d] = true
		}
		slices.SortFunc(comp, docOrder)
		return comp
	}
	comp := c.reach(s, isSeed, 0)
	for _, d := range comp {
		seen[d] = true
	}
	slices.SortFunc(comp, docOrder)
	return comp
}

// reach walks from s along edges (of every article, or only of those in
// follow when it is not nil) and event membership. With limit > 0 it
// gives up, returning nil, once more than limit articles are reached.
func (c *Clusterer) reach(s *doc, follow map[*doc]bool, limit int) []*doc {
	comp := []*doc{s}
	in := map[*doc]bool{s: true}
	events := map[string]bool{}
	add := func(o *doc) {
		if o != nil && !in[o] {
			in[o] = true
			comp = append(comp, o)
		}
	}
	for i := 0; i < len(comp); i++ {
		if limit > 0 && len(comp) > limit {
			return nil
		}
		for _, e := range comp[i].edges {
			// Beyond follow, only the way back to it: a seed linked to an
			// article already reached belongs to the same neighbourhood,
			// or two overlapping neighbourhoods would each settle (and
			// name) the articles they share.
			if o := c.docs[e.to]; follow == nil || follow[comp[i]] || follow[o] {
				add(o)
			}
		}
		if ev := comp[i].event; ev != "" && !events[ev] {
			events[ev] = true
			for _, k := range slices.Sorted(maps.Keys(c.held[ev])) {
				add(c.docs[k])
			}
		}
	}
	if limit > 0 && len(comp) > limit {
		return nil
	}
	return comp
}

// docOrder is the canonical order: publication time, then id; undated last.
func docOrder(x, y *doc) int {
	switch {
	case x.t.IsZero() != y.t.IsZero():
		if x.t.IsZero() {
			return 1
		}
		return -1
	case !x.t.Equal(y.t):
		return x.t.Compare(y.t)
	}
	return strings.Compare(x.id, y.id)
}

// agglomerate splits a component (in canonical order) into events by
// average linkage: starting from single articles, the two groups joined
// by an edge with the highest average pair probability are merged while
// that average reaches Model.Join. The average over two large groups is
// taken on an evenly spaced sample of sampleSize articles of each, so a
// merge costs a bounded number of pair scores.
func (c *Clusterer) agglomerate(comp []*doc) [][]*doc {
	n := len(comp)
	if n == 1 {
		return [][]*doc{comp}
	}
	pos := make(map[int32]int, n)
	for i, d := range comp {
		pos[d.idx] = i
	}
	// Pair probabilities, computed again with the current idf (an edge's
	// was computed when the later article came, with the idf of then,
	// which depends on the order), and for other pairs when needed.
	cache := make(map[[2]int]float64, 4*n)
	for i, d := range comp {
		for _, e := range d.edges {
			if j, ok := pos[e.to]; ok && i < j {
				p := 1.0 // a near-duplicate's edge stays certain
				if e.p < 1 {
					p = c.prob(d, comp[j])
				}
				cache[[2]int{i, j}] = p
			}
		}
	}
	pair := func(i, j int) float64 {
		if i > j {
			i, j = j, i
		}
		k := [2]int{i, j}
		if p, ok := cache[k]; ok {
			return p
		}
		p := c.prob(comp[i], comp[j])
		cache[k] = p
		return p
	}
	members := make([][]int, n) // group → positions, sorted
	adj := make([]map[int]bool, n)
	version := make([]int, n)
	for i := range n {
		members[i] = []int{i}
		adj[i] = map[int]bool{}
	}
	for k := range cache {
		adj[k[0]][k[1]], adj[k[1]][k[0]] = true, true
	}
	avg := func(g, h int) float64 {
		a, b := sample(members[g]), sample(members[h])
		s := 0.0
		for _, i := range a {
			for _, j := range b {
				s += pair(i, j)
			}
		}
		return s / float64(len(a)*len(b))
	}
	pq := &linkHeap{}
	for k := range cache {
		if s := avg(k[0], k[1]); s >= c.model.Join {
			heap.Push(pq, link{s, k[0], k[1], 0, 0})
		}
	}
	for pq.Len() > 0 {
		l := heap.Pop(pq).(link)
		if members[l.g] == nil || members[l.h] == nil || version[l.g] != l.vg || version[l.h] != l.vh {
			continue
		}
		g, h := l.g, l.h // g < h: the group of the earlier article absorbs
		members[g] = mergeSorted(members[g], members[h])
		members[h] = nil
		version[g]++
		for k := range adj[h] {
			if k != g {
				adj[g][k] = true
				delete(adj[k], h)
				adj[k][g] = true
			}
		}
		delete(adj[g], h)
		adj[h] = nil
		for _, k := range slices.Sorted(maps.Keys(adj[g])) {
			if s := avg(g, k); s >= c.model.Join {
				x, y := g, k
				if y < x {
					x, y = y, x
				}
				heap.Push(pq, link{s, x, y, version[x], version[y]})
			}
		}
	}
	var groups [][]*doc
	for _, m := range members {
		if m == nil {
			continue
		}
		grp := make([]*doc, len(m))
		for i, p := range m {
			grp[i] = comp[p]
		}
		groups = append(groups, grp)
	}
	slices.SortFunc(groups, func(x, y []*doc) int { return docOrder(x[0], y[0]) })
	return groups
}

// sample returns at most sampleSize positions of m, evenly spaced.
func sample(m []int) []int {
	if len(m) <= sampleSize {
		return m
	}
	out := make([]int, sampleSize)
	for i := range out {
		out[i] = m[i*(len(m)-1)/(sampleSize-1)]
	}
	return out
}

func mergeSorted(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// link is a candidate merge of groups g < h with their average; vg and vh
// are the groups' versions when it was computed (stale entries are
// skipped).
type link struct {
	s      float64
	g, h   int
	vg, vh int
}

type linkHeap []link

func (q linkHeap) Len() int { return len(q) }
func (q linkHeap) Less(i, j int) bool {
	if q[i].s != q[j].s {
		return q[i].s > q[j].s
	}
	if q[i].g != q[j].g {
		return q[i].g < q[j].g
	}
	return q[i].h < q[j].h
}
func (q linkHeap) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *linkHeap) Push(x any)   { *q = append(*q, x.(link)) }
func (q *linkHeap) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// name gives each group (in canonical order of their earliest articles)
// an event id: the id most of its articles already have (ties: the one of
// its earliest article that has one), when no larger claim on that id
// exists; otherwise EventID of its earliest article not naming an event
// held in memory.
func (c *Clusterer) name(groups [][]*doc, taken map[string]bool) []string {
	type claim struct {
		g, n, first int
		id          string
	}
	var claims []claim
	for g, grp := range groups {
		count := map[string]int{}
		first := map[string]int{}
		for i, d := range grp {
			if d.event == "" {
				continue
			}
			if count[d.event] == 0 {
				first[d.event] = i
			}
			count[d.event]++
		}
		for id, n := range count {
			claims = append(claims, claim{g, n, first[id], id})
		}
	}
	slices.SortFunc(claims, func(x, y claim) int {
		if x.n != y.n {
			return cmp.Compare(y.n, x.n)
		}
		if x.g != y.g {
			return cmp.Compare(x.g, y.g)
		}
		if x.first != y.first {
			return cmp.Compare(x.first, y.first)
		}
		return strings.Compare(x.id, y.id)
	})
	ids := make([]string, len(groups))
	for _, cl := range claims {
		if ids[cl.g] == "" && !taken[cl.id] {
			ids[cl.g] = cl.id
			taken[cl.id] = true
		}
	}
	for g, grp := range groups {
		if ids[g] != "" {
			continue
		}
		inGroup := func(id string) bool {
			return slices.ContainsFunc(grp, func(d *doc) bool { return d.event == id })
		}
		for _, d := range grp {
			id := EventID(d.id)
			// Free when no other article in memory holds it.
			if !taken[id] && (len(c.held[id]) == 0 || inGroup(id) && len(c.held[id]) == countHeld(grp, id)) {
				ids[g] = id
				break
			}
		}
		if ids[g] == "" {
			for k := 1; ; k++ {
				id := EventID(grp[0].id + "#" + string(rune('0'+k%10)) + strings.Repeat("'", k/10))
				if !taken[id] && len(c.held[id]) == 0 {
					ids[g] = id
					break
				}
			}
		}
		taken[ids[g]] = true
	}
	return ids
}

func countHeld(grp []*doc, id string) int {
	n := 0
	for _, d := range grp {
		if d.event == id {
			n++
		}
	}
	return n
}
