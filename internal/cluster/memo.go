package cluster

// The pair memo: a component settled again at every batch scores its
// pairs again (the stream has grown, or one of the two was re-weighed),
// but the terms two vectors share change only when one's term set does,
// and their shingles never do. The memo keeps, per pair, the positions of
// the shared terms and the shingle Jaccard, so scoring a pair again takes
// the products of its shared weights, not a merge of two vectors. It only
// saves work: the features are the same, computed in the same order.

// sharedAt is the position of one shared term in each of two vectors.
type sharedAt [2]uint16

// pairMemo is what two vectors share (x the one of lower serial).
type pairMemo struct {
	gx, gy uint32 // term-set generations (doc.tset) it was found for
	off    uint32 // the shared terms are Clusterer.shared[off : off+n], in hash order
	n      uint32
	jac    float64 // shingle Jaccard
}

// maxMemo bounds the remembered pairs, maxShared their shared terms.
const (
	maxMemo   = 1 << 21
	maxShared = 16 * maxMemo
)

// memoFeatures is features, from the memo when the pair's term sets are
// those it was remembered for.
func (c *Clusterer) memoFeatures(x, y *doc, f *[numFeatures]float64) {
	x, y = c.fresh(x), c.fresh(y)
	if x.serial > y.serial {
		x, y = y, x // the features are symmetric
	}
	k := pairKey(x.serial, y.serial)
	m, ok := c.memo[k]
	if !ok || m.gx != x.tset || m.gy != y.tset {
		m = c.remember(k, x, y)
	}
	var dot [numChannels]float64
	rare := 0
	rareMax := c.rareMax()
	a, b := x.vec, y.vec
	for _, p := range c.shared[m.off : m.off+m.n] {
		h := a[p[0]].h
		ch := channelOf(h)
		dot[ch] += a[p[0]].w * b[p[1]].w
		if ch == chName || ch == chPhrase {
			if df := c.df[h]; df >= 2 && df <= rareMax {
				rare++
			}
		}
	}
	pairFeatures(x, y, &dot, rare, m.jac, f)
}

// remember finds what x and y share and keeps it under k.
func (c *Clusterer) remember(k uint64, x, y *doc) pairMemo {
	if len(c.memo) >= maxMemo || len(c.shared) >= maxShared {
		clear(c.memo)
		c.shared = c.shared[:0]
	}
	m := pairMemo{gx: x.tset, gy: y.tset, off: uint32(len(c.shared))}
	a, b := x.vec, y.vec
	for i, j := 0, 0; i < len(a) && j < len(b); {
		ah, bh := a[i].h, b[j].h
		if ah == bh {
			c.shared = append(c.shared, sharedAt{uint16(i), uint16(j)})
		}
		i += b2i(ah <= bh)
		j += b2i(bh <= ah)
	}
	m.n = uint32(len(c.shared)) - m.off
	if len(x.sh) > 0 && len(y.sh) > 0 {
		m.jac = jaccard(x.sh, y.sh)
	}
	c.memo[k] = m
	return m
}

// sameTerms reports whether two vectors hold the same terms.
func sameTerms(a, b []term) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].h != b[i].h {
			return false
		}
	}
	return true
}
