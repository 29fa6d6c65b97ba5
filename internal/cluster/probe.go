package cluster

// A probe table: the hashes of one article's vector and shingles in open
// addressing, built for the article a run of pair memos shares (a new
// article against its candidates, a group's sample against another's),
// so finding what another article shares with it is a look-up per term
// of the other, not a merge of both. The shared terms come out in the
// other's order, which is hash order, as a merge gives them.

type probe struct {
	d      *doc
	tset   uint32
	terms  probeSet
	shingl probeSet
}

// probeSet is a set of hashes with their positions.
type probeSet struct {
	keys []uint64
	pos  []int32 // -1: empty slot
	bits uint
}

// slot spreads a hash (whose low bits may be constant, as shingles' are)
// over a table of 1<<bits slots.
func slot(h uint64, bits uint) uint64 { return (h * 0x9e3779b97f4a7c15) >> (64 - bits) }

func (s *probeSet) build(hs []uint64) {
	bits := uint(4)
	for 1<<bits < 2*len(hs) {
		bits++
	}
	n := 1 << bits
	if cap(s.keys) < n {
		s.keys, s.pos = make([]uint64, n), make([]int32, n)
	}
	s.keys, s.pos, s.bits = s.keys[:n], s.pos[:n], bits
	for i := range s.pos {
		s.pos[i] = -1
	}
	mask := uint64(n - 1)
	for i, h := range hs {
		k := slot(h, bits)
		for s.pos[k] >= 0 {
			k = (k + 1) & mask
		}
		s.keys[k], s.pos[k] = h, int32(i)
	}
}

// find is h's position, -1 if it is not in the set.
func (s *probeSet) find(h uint64) int32 {
	mask := uint64(len(s.pos) - 1)
	for k := slot(h, s.bits); ; k = (k + 1) & mask {
		p := s.pos[k]
		if p < 0 || s.keys[k] == h {
			return p
		}
	}
}

// probeFor returns the probe table of d, built if it is not the one at
// hand.
func (c *Clusterer) probeFor(d *doc) *probe {
	p := &c.probe
	if p.d != d || p.tset != d.tset {
		p.d, p.tset = d, d.tset
		p.terms.build(d.hs)
		p.shingl.build(d.sh)
	}
	return p
}
