package cluster

import (
	"cmp"
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
	// The document frequencies stand still until the next batch.
	c.settles++
	c.rareGen = c.settles
	defer func() { c.rareGen = 0 }()
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
					if o := c.docs[e.to]; o != nil && inGroup[o] && float64(e.s.p) > best[d] {
						best[d] = float64(e.s.p)
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
	// in[slot] == stamp: the article in that slot is reached.
	if len(c.reached) < len(c.docs) {
		c.reached = make([]uint32, len(c.docs)+len(c.docs)/4)
		c.reachStamp = 0
	}
	if c.reachStamp++; c.reachStamp == 0 { // wrapped: old stamps would match again
		clear(c.reached)
		c.reachStamp = 1
	}
	in, stamp := c.reached, c.reachStamp
	comp := []*doc{s}
	in[s.idx] = stamp
	events := map[string]bool{}
	add := func(o *doc) {
		if o != nil && in[o.idx] != stamp {
			in[o.idx] = stamp
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
			// The set reached does not depend on the order of the walk.
			for k := range c.held[ev] {
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
// taken on a sample of sampleSize articles of each (see mergeSamples), so a
// merge costs a bounded number of pair scores.
func (c *Clusterer) agglomerate(comp []*doc) [][]*doc {
	n := len(comp)
	if n == 1 {
		return [][]*doc{comp}
	}
	// pos[slot] is the article's position in comp, -1 for none; kept
	// all -1 between settles.
	for len(c.slotPos) < len(c.docs) {
		c.slotPos = append(c.slotPos, -1)
	}
	pos := c.slotPos
	for i, d := range comp {
		pos[d.idx] = int32(i)
	}
	defer func() {
		for _, d := range comp {
			pos[d.idx] = -1
		}
	}()
	// Pair probabilities, computed again with the current idf (an edge's
	// was computed when the later article came, with the idf of then,
	// which depends on the order), and for other pairs when needed.
	pairs := c.pairTable(n)
	var links [][2]int32
	for i, d := range comp {
		for k, e := range d.edges {
			if j := int(pos[e.to]); j >= 0 && i < j {
				p := c.edgeProb(d, k)
				if pairs.get(i, j) < 0 {
					links = append(links, [2]int32{int32(i), int32(j)})
				}
				pairs.set(i, j, p)
			}
		}
	}
	pair := func(i, j int32) float64 {
		if p := pairs.get(int(i), int(j)); p >= 0 {
			return p
		}
		p := c.prob(comp[i], comp[j])
		pairs.set(int(i), int(j), p)
		return p
	}
	// Groups are named by a position; parent links an absorbed group to
	// the one that took it in (a union-find), so neighbour lists may
	// name absorbed groups and are read through find.
	parent := make([]int32, n)
	samples := make([][]int32, n) // group → the positions its averages use (see mergeSamples)
	adj := make([][]int32, n)     // group → neighbour groups, possibly stale or repeated
	version := make([]int32, n)
	for i := range n {
		parent[i] = int32(i)
		samples[i] = []int32{int32(i)}
	}
	for _, k := range links {
		adj[k[0]] = append(adj[k[0]], k[1])
		adj[k[1]] = append(adj[k[1]], k[0])
	}
	find := func(g int32) int32 {
		for parent[g] != g {
			parent[g] = parent[parent[g]]
			g = parent[g]
		}
		return g
	}
	// avg is the average over the samples of g and h when it reaches
	// Join, and 0 as soon as it cannot: a probability is at most 1, so
	// once the pairs so far fall short of 1 by more than (1-Join) × the
	// pairs in all, the rest cannot make up for it (the sum, when taken
	// whole, is taken in the same order).
	slack := 1 - c.model.Join + 1e-9
	avg := func(g, h int32) float64 {
		a, b := samples[g], samples[h]
		total := float64(len(a) * len(b))
		short := slack * total
		s, k := 0.0, 0.0
		for _, i := range a {
			for _, j := range b {
				s += pair(i, j)
				if k++; k-s > short {
					return 0
				}
			}
		}
		return s / total
	}
	pq := &c.heap
	*pq = (*pq)[:0]
	for _, k := range links {
		if s := avg(k[0], k[1]); s >= c.model.Join {
			pq.push(link{s, k[0], k[1], 0, 0})
		}
	}
	mark := make([]int32, n) // mark[k] == stamp: k already listed in this merge
	stamp := int32(0)
	for len(*pq) > 0 {
		l := pq.pop()
		if parent[l.g] != l.g || parent[l.h] != l.h || version[l.g] != l.vg || version[l.h] != l.vh {
			continue
		}
		g, h := l.g, l.h // g < h: the group of the earlier article absorbs
		parent[h] = g
		samples[g] = c.mergeSamples(comp, samples[g], samples[h])
		samples[h] = nil
		version[g]++
		// g's neighbours: both lists, read through find, once each.
		both := append(adj[g], adj[h]...)
		adj[h] = nil
		next := both[:0]
		stamp++
		for _, k := range both {
			if k = find(k); k != g && mark[k] != stamp {
				mark[k] = stamp
				next = append(next, k)
			}
		}
		adj[g] = next
		for _, k := range next {
			if s := avg(g, k); s >= c.model.Join {
				x, y := g, k
				if y < x {
					x, y = y, x
				}
				pq.push(link{s, x, y, version[x], version[y]})
			}
		}
	}
	members := make([][]int, n)
	for i := range n {
		r := find(int32(i))
		members[r] = append(members[r], i)
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

// pairTable holds the pair probabilities of a component by position, -1
// where not yet scored: a dense triangle for components up to
// denseComponent articles (a settle looks pairs up millions of times), a
// map beyond.
type pairTable struct {
	n     int
	dense []float32
	m     map[[2]int]float64
}

// denseComponent is the largest component whose pairs get a dense table
// (8 MB of float32 at most).
const denseComponent = 1500

func (c *Clusterer) pairTable(n int) pairTable {
	if n > denseComponent {
		return pairTable{n: n, m: make(map[[2]int]float64, 4*n)}
	}
	size := n * (n - 1) / 2
	if cap(c.pairBuf) < size {
		c.pairBuf = make([]float32, size)
	}
	t := pairTable{n: n, dense: c.pairBuf[:size]}
	for i := range t.dense {
		t.dense[i] = -1
	}
	return t
}

// at is the index of pair i < j in the triangle.
func (t pairTable) at(i, j int) int {
	if i > j {
		i, j = j, i
	}
	return i*(2*t.n-i-1)/2 + j - i - 1
}

func (t pairTable) get(i, j int) float64 {
	if t.dense != nil {
		return float64(t.dense[t.at(i, j)])
	}
	if i > j {
		i, j = j, i
	}
	if p, ok := t.m[[2]int{i, j}]; ok {
		return p
	}
	return -1
}

func (t pairTable) set(i, j int, p float64) {
	if t.dense != nil {
		t.dense[t.at(i, j)] = float32(p)
		return
	}
	if i > j {
		i, j = j, i
	}
	t.m[[2]int{i, j}] = p
}

// mergeSamples returns the sample of the union of two groups from theirs:
// the sampleSize members of lowest rank (a hash of the article id), so a
// group's sample is a function of its members, and changes little as it
// grows (the averages it enters reuse the pairs already scored).
func (c *Clusterer) mergeSamples(comp []*doc, a, b []int32) []int32 {
	out := make([]int32, 0, min(sampleSize, len(a)+len(b)))
	i, j := 0, 0
	for len(out) < sampleSize && (i < len(a) || j < len(b)) {
		if j == len(b) || i < len(a) && rankLess(comp[a[i]], comp[b[j]]) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

func rankLess(x, y *doc) bool {
	if x.rank != y.rank {
		return x.rank < y.rank
	}
	return x.id < y.id
}

// link is a candidate merge of groups g < h with their average; vg and vh
// are the groups' versions when it was computed (stale entries are
// skipped).
type link struct {
	s      float64
	g, h   int32
	vg, vh int32
}

// linkHeap is a max-heap of links (typed: container/heap would box every
// link pushed, millions per settle of a large component).
type linkHeap []link

// before orders the heap: the highest average first, then by groups, so
// the merge order is a function of the component.
func (q linkHeap) before(i, j int) bool {
	if q[i].s != q[j].s {
		return q[i].s > q[j].s
	}
	if q[i].g != q[j].g {
		return q[i].g < q[j].g
	}
	return q[i].h < q[j].h
}

func (q *linkHeap) push(l link) {
	*q = append(*q, l)
	h := *q
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.before(i, p) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (q *linkHeap) pop() link {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h.before(l, m) {
			m = l
		}
		if r < len(h) && h.before(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	*q = h
	return top
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
