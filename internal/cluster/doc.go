package cluster

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// term is one weighted feature of a sparse vector; vectors are sorted by h.
type term struct {
	h uint64
	w float64
}

// doc is one article as the clusterer sees it: its features, its place in
// time, and the event the clusterer (or the store) last put it in.
type doc struct {
	id     string
	idx    int32    // slot in Clusterer.docs
	serial uint64   // unique among the articles this clusterer inserted
	raw    []term   // channel weight × sublinear tf, sorted by hash
	vec    []term   // raw × idf, L2-normalised per channel, sorted by hash
	at     float64  // documents seen when vec was weighed
	tset   uint32   // generation of vec's term set: changes when a re-weighing changes which terms it keeps
	hs     []uint64 // vec's hashes, the merges' dense path
	wgen   uint32   // which weighing vec is (a count over the clusterer)
	mask   uint16   // channels present in vec
	sh     []uint64 // sorted, sampled word shingles (near-duplicates)
	year   int      // latest year mentioned, 0 if none
	days   []uint16 // explicit days mentioned, month×32 + day, sorted, unique
	months uint16   // months named (bit m)
	tnums  []uint64 // the headline's numbers by value, sorted, unique
	lnums  []uint64 // the lead's (see leadSentences)
	rkeys  []uint64 // hashes of its keys (see Keys), sorted: what it is compared by beyond the window
	lang   string   // ISO 639-1 primary subtag, "" if unknown
	outlet string
	hash   string // Article.Hash, "" if none
	rank   uint64 // a hash of the id: which articles sample a group (see mergeSamples)
	t      time.Time
	event  string // current event id
	dupOf  string
	edges  []edge // neighbours whose pair probability reached Config.EdgeThreshold
	keys   []uint64
	// rare are the positions in hs of the rare names, for the settle
	// rareGen and the term set rareTset (see rareBits).
	rare     [vecTerms/64 + 1]uint64
	rareGen  uint64
	rareTset uint32
}

// edge is a neighbour and the pair's probability, with the stamp of its
// scoring (as in cached), shared with the edge back: an edge keeps its own pair's score, so settling
// a component again does not look it up among all pairs.
type edge struct {
	to int32
	s  *edgeScore // shared by the pair's two edges
}

// edgeScore is an edge's probability, its stamp and its memo, one for
// both directions, so scoring it again updates both.
type edgeScore struct {
	p     float32
	at, n float32
	m     pairMemo
}

// vectorize counts a's features into the document frequencies and
// returns its doc, weighed with the current idf.
func (c *Clusterer) vectorize(a *news.Article) *doc {
	counts := c.feat.features(a.Title, a.Text, normLang(a.Lang))
	c.ndocs++
	raw := make([]term, 0, len(counts))
	for h, tf := range counts {
		c.df[h]++
		raw = append(raw, term{h, channelWeight[channelOf(h)] * (1 + math.Log(tf))})
	}
	if len(raw) > rawTerms {
		raw = topTerms(raw, rawTerms) // by channel weight × tf: independent of the stream
	}
	slices.SortFunc(raw, func(x, y term) int { return cmp.Compare(x.h, y.h) })
	d := &doc{
		id: a.ID, raw: raw, sh: shingles(c.feat.toks), year: c.feat.maxYear,
		days: slices.Compact(slices.Sorted(slices.Values(c.feat.days))), months: c.feat.months,
		tnums: slices.Compact(slices.Sorted(slices.Values(c.feat.tnums))),
		lnums: slices.Compact(slices.Sorted(slices.Values(c.feat.lnums))),
		rkeys: keyHashes(c.feat.keys()),
		lang:  normLang(a.Lang), outlet: a.Source, hash: a.Hash, t: a.Published, rank: idRank(a.ID),
	}
	c.weigh(d)
	return d
}

// idf is the smoothed inverse document frequency learned so far:
// ln(1 + (N+P)/df), where the P pseudo-documents keep early weights flat.
func (c *Clusterer) idf(h uint64) float64 {
	return math.Log(1 + (c.ndocs+idfPrior)/math.Max(c.df[h], 1))
}

// weigh sets d.vec from d.raw with the current idf: the vecTerms heaviest
// terms, normalised per channel.
func (c *Clusterer) weigh(d *doc) {
	vec := make([]term, len(d.raw))
	for i, t := range d.raw {
		vec[i] = term{t.h, t.w * c.idf(t.h)}
	}
	if len(vec) > vecTerms {
		vec = topTerms(vec, vecTerms)
		slices.SortFunc(vec, func(x, y term) int { return cmp.Compare(x.h, y.h) })
	}
	var n2 [numChannels]float64
	for _, t := range vec {
		n2[channelOf(t.h)] += t.w * t.w
	}
	var inv [numChannels]float64
	var mask uint16
	for ch, n := range n2 {
		if n > 0 {
			inv[ch] = 1 / math.Sqrt(n)
			mask |= 1 << ch
		}
	}
	for i := range vec {
		vec[i].w *= inv[channelOf(vec[i].h)]
	}
	if d.hs == nil || !sameTerms(d.hs, vec) {
		c.tsets++
		d.tset = c.tsets
		d.hs = make([]uint64, len(vec))
		for i, t := range vec {
			d.hs[i] = t.h
		}
	}
	c.weighs++
	d.vec, d.mask, d.at, d.wgen = vec, mask, c.ndocs, c.weighs
}

// fresh re-weighs d when the stream has grown (or shrunk) by more than
// reweighRatio since it was weighed, so a pair is compared with nearly the
// same idf on both sides whichever came first.
func (c *Clusterer) fresh(d *doc) *doc {
	if c.ndocs > d.at*reweighRatio+1 || c.ndocs*reweighRatio < d.at {
		c.weigh(d)
	}
	return d
}

// forget halves every document frequency and drops the terms that fall
// below one, so the vocabulary stays bounded on an endless stream.
func (c *Clusterer) forget() {
	for h, v := range c.df {
		if v/2 < 1 {
			delete(c.df, h)
		} else {
			c.df[h] = v / 2
		}
	}
	c.ndocs /= 2
}

// topTerms returns the n heaviest terms, heaviest first, ties broken by
// hash so the result does not depend on map order.
func topTerms(ts []term, n int) []term {
	ts = slices.Clone(ts)
	slices.SortFunc(ts, func(x, y term) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		return cmp.Compare(x.h, y.h)
	})
	if len(ts) > n {
		ts = ts[:n]
	}
	return ts
}

// shingles returns the sorted, sampled hashes of the body's word k-grams,
// over lowercase words including stop words so that copies match word for
// word.
func shingles(toks []token) []uint64 {
	if len(toks) < shingleK {
		return nil
	}
	out := make([]uint64, 0, len(toks)/shingleKeep+1)
	for i := 0; i+shingleK <= len(toks); i++ {
		h := uint64(14695981039346656037)
		for _, t := range toks[i : i+shingleK] {
			for k := 0; k < len(t.lower); k++ {
				h ^= uint64(t.lower[k])
				h *= 1099511628211
			}
			h ^= ' '
			h *= 1099511628211
		}
		if h%shingleKeep == 0 {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard of two sorted sets.
func jaccard(a, b []uint64) float64 {
	inter := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		inter += b2i(x == y)
		i += b2i(x <= y)
		j += b2i(y <= x)
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// idRank is a stable hash of an article id (FNV-1a), the same in every
// process.
func idRank(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}
