package cluster

// pairCache holds the remembered pair probabilities (see prob) in two
// generations: a full current one becomes the previous, and the previous
// is forgotten, so the pairs in use outlive a rotation instead of all
// being forgotten at once. A generation is an index from pair key to a
// slot of a slice: the map stays small, and a pair is found and updated
// in place with one look-up.
type pairCache struct {
	cur, old pairGen
}

type pairGen struct {
	idx map[uint64]int32
	ent []cached
}

// find returns the pair k's entry, nil if it is not remembered. One of
// the previous generation moves to the current (its old slot is cleared:
// no memo is held twice, for remember reuses a memo's storage).
func (pc *pairCache) find(k uint64) *cached {
	if i, ok := pc.cur.idx[k]; ok {
		return &pc.cur.ent[i]
	}
	i, ok := pc.old.idx[k]
	if !ok {
		return nil
	}
	e := pc.old.ent[i]
	pc.old.ent[i] = cached{}
	delete(pc.old.idx, k)
	p := pc.add(k)
	*p = e
	return p
}

// slot returns the pair k's entry, a zero one if it was not remembered.
// The pointer is good until the next call.
func (pc *pairCache) slot(k uint64) *cached {
	if e := pc.find(k); e != nil {
		return e
	}
	return pc.add(k)
}

// add makes a zero entry for k in the current generation, rotating the
// generations first when it is full (maxCache/2 pairs).
func (pc *pairCache) add(k uint64) *cached {
	if len(pc.cur.ent) >= maxCache/2 {
		pc.old, pc.cur = pc.cur, pc.old
		clear(pc.cur.idx)
		clear(pc.cur.ent)
		pc.cur.ent = pc.cur.ent[:0]
	}
	if pc.cur.idx == nil {
		pc.cur.idx = make(map[uint64]int32, 1<<12)
	}
	pc.cur.idx[k] = int32(len(pc.cur.ent))
	pc.cur.ent = append(pc.cur.ent, cached{})
	return &pc.cur.ent[len(pc.cur.ent)-1]
}
