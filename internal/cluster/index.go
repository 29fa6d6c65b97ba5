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
	slices.SortFunc(cs, func(x, y cand) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		return cmp.Compare(x.d.id, y.d.id)
	})
	if len(cs) > maxCandidates {
		cs = cs[:maxCandidates]
	}
	out := make([]*doc, len(cs))
	for i, x := range cs {
		out[i] = x.d
	}
	return out
}
