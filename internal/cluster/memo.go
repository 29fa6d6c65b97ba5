package cluster

// The pair memo: a component settled again at every batch scores its
// pairs again (the stream has grown, or one of the two was re-weighed),
// but the terms two vectors share change only when one's term set does,
// and their shingles never do. Every edge and every remembered pair
// probability (see prob) carries a memo of the positions of the shared
// terms and the shingle Jaccard, so scoring a pair again takes the
// products of its shared weights, not a merge of two vectors. It only
// saves work: the features are the same, computed in the same order.

// sharedAt is the position of one shared term in each of two vectors.
type sharedAt [2]uint8

// A vector's positions fit a byte.
var _ = [256 - vecTerms]struct{}{}

// pairMemo is what two vectors share (x the one of lower serial), valid
// while its generations are theirs, and the pair's probability, valid
// while neither vector was re-weighed and they share as many rare names.
type pairMemo struct {
	gx, gy uint32     // term-set generations (doc.tset) it was found for; 0: none
	wx, wy uint32     // weighings (doc.wgen) p was scored with; 0: not scored
	rare   int32      // rare names shared when p was scored
	sh     []sharedAt // the shared terms, in hash order
	jac    float64
	p      float64
}

// fits reports whether m was found for x's and y's term sets.
func (m *pairMemo) fits(x, y *doc) bool {
	if x.serial > y.serial {
		x, y = y, x
	}
	return m.gx == x.tset && m.gy == y.tset
}

// scoreMemo is the model's probability that x and y report one event,
// read from m when the pair's features are those it was scored with,
// computed from m's shared terms when only the weights or the rare
// names changed, and from a merge into m when the term sets did.
func (c *Clusterer) scoreMemo(x, y *doc, m *pairMemo) float64 {
	x, y = c.pairOf(x, y, m)
	rare := c.rareShared(x, m)
	if m.wx == x.wgen && m.wy == y.wgen && m.rare == int32(rare) {
		return m.p
	}
	var f [numFeatures]float64
	c.sharedFeatures(x, y, m, rare, &f)
	p := logistic(dotWeights(c.weights(x, y), &f))
	m.wx, m.wy, m.rare, m.p = x.wgen, y.wgen, int32(rare), p
	return p
}

// memoFeatures is features, from m when it was found for the pair's
// term sets.
func (c *Clusterer) memoFeatures(x, y *doc, m *pairMemo, f *[numFeatures]float64) {
	x, y = c.pairOf(x, y, m)
	c.sharedFeatures(x, y, m, c.rareShared(x, m), f)
}

// pairOf re-weighs x and y when due and returns them in m's order (the
// features are symmetric), m holding what they share.
func (c *Clusterer) pairOf(x, y *doc, m *pairMemo) (*doc, *doc) {
	x, y = c.fresh(x), c.fresh(y)
	hint := x
	if x.serial > y.serial {
		x, y = y, x
	}
	if !m.fits(x, y) {
		c.remember(x, y, hint, m)
	}
	return x, y
}

// rareShared counts the rare names among the terms x shares in m. While
// a settle runs the document frequencies stand still, so it reads x's
// rare names from a bit set made once per settle (see rareBits), not from
// the frequency table once per pair.
func (c *Clusterer) rareShared(x *doc, m *pairMemo) int {
	rare := 0
	if c.rareGen != 0 {
		bits := c.rareBits(x)
		for _, p := range m.sh {
			rare += int(bits[p[0]>>6] >> (p[0] & 63) & 1)
		}
		return rare
	}
	rareMax := c.rareMax()
	for _, p := range m.sh {
		h := x.hs[p[0]]
		if ch := channelOf(h); ch == chName || ch == chPhrase {
			if df := c.df[h]; df >= 2 && df <= rareMax {
				rare++
			}
		}
	}
	return rare
}

// rareBits returns the set of x's terms (by position in x.hs) that are
// rare names, made for the settle at hand and x's term set.
func (c *Clusterer) rareBits(x *doc) *[vecTerms/64 + 1]uint64 {
	if x.rareGen == c.rareGen && x.rareTset == x.tset {
		return &x.rare
	}
	x.rare = [vecTerms/64 + 1]uint64{}
	rareMax := c.rareMax()
	for i, h := range x.hs {
		if ch := channelOf(h); ch == chName || ch == chPhrase {
			if df := c.df[h]; df >= 2 && df <= rareMax {
				x.rare[i>>6] |= 1 << (i & 63)
			}
		}
	}
	x.rareGen, x.rareTset = c.rareGen, x.tset
	return &x.rare
}

// sharedFeatures fills f from the terms x and y share in m.
func (c *Clusterer) sharedFeatures(x, y *doc, m *pairMemo, rare int, f *[numFeatures]float64) {
	var dot [numChannels]float64
	a, b := x.vec, y.vec
	for _, p := range m.sh {
		dot[channelOf(a[p[0]].h)] += a[p[0]].w * b[p[1]].w
	}
	pairFeatures(x, y, &dot, rare, m.jac, f)
}

// remember finds what x and y (x of lower serial) share into m, reusing
// its storage: by probing the table of hint (one of the two, the one a
// run of calls shares), or of the other when that one's is at hand.
func (c *Clusterer) remember(x, y, hint *doc, m *pairMemo) {
	if c.probe.d == x || c.probe.d == y {
		hint = c.probe.d
	}
	t := c.probeFor(hint)
	other := x
	if hint == x {
		other = y
	}
	buf := c.sharedBuf[:0]
	for j, h := range other.hs {
		if i := t.terms.find(h); i >= 0 {
			if hint == x {
				buf = append(buf, sharedAt{uint8(i), uint8(j)})
			} else {
				buf = append(buf, sharedAt{uint8(j), uint8(i)})
			}
		}
	}
	c.sharedBuf = buf
	sh := m.sh[:0]
	if cap(sh) < len(buf) {
		sh = make([]sharedAt, 0, len(buf))
	}
	*m = pairMemo{gx: x.tset, gy: y.tset, sh: append(sh, buf...)}
	if len(x.sh) > 0 && len(y.sh) > 0 {
		inter := 0
		for _, h := range other.sh {
			inter += b2i(t.shingl.find(h) >= 0)
		}
		if union := len(x.sh) + len(y.sh) - inter; union > 0 {
			m.jac = float64(inter) / float64(union)
		}
	}
}

// sameTerms reports whether a vector holds the terms hs.
func sameTerms(hs []uint64, v []term) bool {
	if len(hs) != len(v) {
		return false
	}
	for i := range hs {
		if hs[i] != v[i].h {
			return false
		}
	}
	return true
}
