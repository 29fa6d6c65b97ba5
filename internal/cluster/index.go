package cluster

import (
	"cmp"
	"slices"
)

// Candidate retrieval: an inverted index from the heaviest terms of each
// article in memory to the articles, so that a new article is scored only
// against the few that share its telling terms.

// index puts d's top terms into the inverted index.
func (c *Clusterer) index(d *doc) {
	top := topTerms(d.vec, indexTerms)
	d.keys = d.keys[:0]
	for _, t := range top {
		if ch := channelOf(t.h); ch == chYear || ch == chNumber {
			continue // shared by unrelated reports
		}
		c.postings[t.h] = append(c.postings[t.h], d.idx)
		d.keys = append(d.keys, t.h)
	}
}

// unindex takes d out of the inverted index.
func (c *Clusterer) unindex(d *doc) {
	for _, h := range d.keys {
		p := c.postings[h]
		if i := slices.Index(p, d.idx); i >= 0 {
			p[i] = p[len(p)-1]
			p = p[:len(p)-1]
		}
		if len(p) == 0 {
			delete(c.postings, h)
		} else {
			c.postings[h] = p
		}
	}
	d.keys = nil
}

// candidates returns the articles in memory that share top terms with d
// and lie within Config.MaxGap of it (or, sharing a key, within
// Config.Horizon), best first by the summed query
// weight of the shared terms, at most maxCandidates. A term carried by
// more than maxPosting articles is too common to tell events apart and is
// not followed.
func (c *Clusterer) candidates(d *doc) []*doc {
	acc := c.scratch
	clear(acc)
	for _, t := range topTerms(d.vec, queryTerms) {
		p := c.postings[t.h]
		if len(p) > maxPosting {
			continue
		}
		for _, s := range p {
			acc[s] += t.w
		}
	}
	type cand struct {
		d *doc
		w float64
	}
	cs := make([]cand, 0, len(acc))
	for s, w := range acc {
		o := c.docs[s]
		if o == nil || o == d {
			continue
		}
		if !d.t.IsZero() && !o.t.IsZero() {
			// Beyond the window, only reports that share a key, up to
			// the horizon (see Keys).
			if gap := d.t.Sub(o.t).Abs(); gap > c.cfg.MaxGap && (gap > c.cfg.Horizon || !intersects(d.rkeys, o.rkeys)) {
				continue
			}
		}
		cs = append(cs, cand{o, w})
	}
	better := func(x, y cand) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		return cmp.Compare(x.d.id, y.d.id)
	}
	if len(cs) > 2*maxCandidates {
		// Only the best maxCandidates are kept: those at or above the
		// maxCandidates-th best weight, which a selection finds without
		// sorting them all (ties on it are sorted by id below).
		ws := c.weightBuf[:0]
		for _, x := range cs {
			ws = append(ws, x.w)
		}
		c.weightBuf = ws
		cut := nthLargest(ws, maxCandidates)
		cs = slices.DeleteFunc(cs, func(x cand) bool { return x.w < cut })
	}
	slices.SortFunc(cs, better)
	if len(cs) > maxCandidates {
		cs = cs[:maxCandidates]
	}
	out := make([]*doc, len(cs))
	for i, x := range cs {
		out[i] = x.d
	}
	return out
}

// nthLargest returns the n-th largest of ws (1-based; n <= len(ws)),
// reordering ws: a quickselect.
func nthLargest(ws []float64, n int) float64 {
	k := n - 1 // position of the answer in descending order
	lo, hi := 0, len(ws)-1
	for lo < hi {
		p := ws[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for ws[i] > p {
				i++
			}
			for ws[j] < p {
				j--
			}
			if i <= j {
				ws[i], ws[j] = ws[j], ws[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return ws[k]
		}
	}
	return ws[k]
}
