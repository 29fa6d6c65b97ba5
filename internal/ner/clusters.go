package ner

import (
	"math"
	"math/rand"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"
)

// Word clusters induced from unlabeled text: a word is placed by the
// words seen next to it, so that a name never seen in the labeled data
// still shares features with the names that occur in the same contexts.
// Each word of the vocabulary gets a path in a binary tree (as Brown
// clusters do), and the features read prefixes of the path.

// clusterDepth is the default depth of the tree: at most 1<<clusterDepth
// leaves. It is at most 12, the bits of a path below capsShift.
const clusterDepth = 10

// Clusters maps the lower-case hash of a word (truncated to 32 bits) to
// its path: the bits of the branches taken, below a leading 1 bit (bits
// 0-12), and its capitalisation class (bits 13-15, see capsClass).
type Clusters struct {
	m map[uint32]uint16
}

const (
	pathMask  = 1<<13 - 1
	capsShift = 13
)

func (c *Clusters) path(lw uint64) uint16 {
	if c == nil {
		return 0
	}
	return c.m[uint32(lw)] & pathMask
}

// caps returns the capitalisation class of a word (0 for none).
func (c *Clusters) caps(lw uint64) uint8 {
	if c == nil {
		return 0
	}
	return uint8(c.m[uint32(lw)] >> capsShift)
}

// capsClass says how often a word is capitalised where capitalisation
// means something, inside a sentence: 1 when it was seen there fewer than
// twice, then 2 (under 5% of the time) to 6 (95% or more). A
// capitalised word that is mostly written in lower case ("The", "Visit")
// at the start of a sentence or in a title is not a name for it.
func capsClass(inside, upper int) uint16 {
	if inside < 2 {
		return 1
	}
	r := float64(upper) / float64(inside)
	switch {
	case r < 0.05:
		return 2
	case r < 0.3:
		return 3
	case r < 0.7:
		return 4
	case r < 0.95:
		return 5
	}
	return 6
}

// Len returns the number of words with a cluster.
func (c *Clusters) Len() int {
	if c == nil {
		return 0
	}
	return len(c.m)
}

// ClusterOptions sets the size of an induction.
type ClusterOptions struct {
	MinCount int   // words seen fewer times get no cluster
	Contexts int   // the most frequent words are contexts; the others are read by shape
	Dims     int   // random projection of the context vectors
	Seed     int64 // of the projection and the splits
	Depth    int   // of the tree (clusterDepth when 0, at most 12)
}

// InduceClusters builds clusters from tokenised sentences.
func InduceClusters(sents [][]string, opt ClusterOptions) *Clusters {
	if opt.MinCount == 0 {
		opt.MinCount = 3
	}
	if opt.Contexts == 0 {
		opt.Contexts = 1000
	}
	if opt.Dims == 0 {
		opt.Dims = 64
	}
	if opt.Depth <= 0 || opt.Depth > 12 {
		opt.Depth = clusterDepth
	}
	// Vocabulary by count of lower-case forms.
	count := map[uint64]int{}
	type caps struct{ inside, upper int }
	capsOf := map[uint64]caps{}
	for _, s := range sents {
		title := titleCase(s)
		for i, w := range s {
			h := lowerHash(w)
			count[h]++
			if title {
				continue
			}
			// Inside a sentence: not its first word, nor after a quote,
			// colon or bracket (where a sentence may start again).
			r, _ := utf8.DecodeRuneInString(w)
			if i == 0 || len(s[i-1]) == 0 || !unicode.IsLetter(r) {
				continue
			}
			switch s[i-1] {
			case "\"", "``", "'", "“", ":", "(", "-", "--", "—", "–", ".", "!", "?", "*", "•":
				continue
			}
			x := capsOf[h]
			x.inside++
			if unicode.IsUpper(r) {
				x.upper++
			}
			capsOf[h] = x
		}
	}
	type wc struct {
		h uint64
		n int
	}
	var byFreq []wc
	for h, n := range count {
		byFreq = append(byFreq, wc{h, n})
	}
	sort.Slice(byFreq, func(i, j int) bool {
		if byFreq[i].n != byFreq[j].n {
			return byFreq[i].n > byFreq[j].n
		}
		return byFreq[i].h < byFreq[j].h
	})
	ctx := map[uint64]int{}
	for i := 0; i < len(byFreq) && i < opt.Contexts; i++ {
		ctx[byFreq[i].h] = i
	}
	vocab := map[uint64]int{}
	var words []uint64
	for _, x := range byFreq {
		if x.n >= opt.MinCount {
			vocab[x.h] = len(words)
			words = append(words, x.h)
		}
	}
	if len(words) < 2 {
		return &Clusters{m: map[uint32]uint16{}}
	}
	// Context ids: left and right neighbour, a frequent word by itself,
	// any other by its shape (hashed into a few classes).
	const shapes = 16
	nctx := 2 * (opt.Contexts + shapes + 1)
	ctxOf := func(s []string, i int) int {
		if i < 0 || i >= len(s) {
			return opt.Contexts + shapes // boundary
		}
		if c, ok := ctx[lowerHash(s[i])]; ok {
			return c
		}
		var ti tokInfo
		analyse(s[i], &ti)
		return opt.Contexts + int(ti.shape%shapes)
	}
	co := make([]map[int]float64, len(words))
	for i := range co {
		co[i] = map[int]float64{}
	}
	ctxTotal := make([]float64, nctx)
	total := 0.0
	for _, s := range sents {
		for i, w := range s {
			k, ok := vocab[lowerHash(w)]
			if !ok {
				continue
			}
			l, r := ctxOf(s, i-1), nctx/2+ctxOf(s, i+1)
			co[k][l]++
			co[k][r]++
			ctxTotal[l]++
			ctxTotal[r]++
			total += 2
		}
	}
	// Random ±1 projection of the positive PMI vectors.
	rng := rand.New(rand.NewSource(opt.Seed))
	proj := make([]float32, nctx*opt.Dims)
	for i := range proj {
		if rng.Intn(2) == 0 {
			proj[i] = 1
		} else {
			proj[i] = -1
		}
	}
	vec := make([][]float32, len(words))
	for k := range words {
		v := make([]float32, opt.Dims)
		n := 0.0
		for _, x := range co[k] {
			n += x
		}
		keys := make([]int, 0, len(co[k]))
		for c := range co[k] {
			keys = append(keys, c)
		}
		slices.Sort(keys)
		for _, c := range keys {
			pmi := math.Log(co[k][c] * total / (n * ctxTotal[c]))
			if pmi <= 0 {
				continue
			}
			p := proj[c*opt.Dims : c*opt.Dims+opt.Dims]
			for d := range v {
				v[d] += float32(pmi) * p[d]
			}
		}
		normalise(v)
		vec[k] = v
	}
	c := &Clusters{m: make(map[uint32]uint16, len(words))}
	idx := make([]int, len(words))
	for i := range idx {
		idx[i] = i
	}
	splitCluster(vec, idx, 1, 0, opt.Depth, c, words, rng)
	for _, h := range words {
		x := capsOf[h]
		c.m[uint32(h)] |= capsClass(x.inside, x.upper) << capsShift
	}
	return c
}

// titleCase reports whether a sentence looks like a headline: three or
// more words of four letters or more, four in five of them capitalised.
func titleCase(s []string) bool {
	long, upper := 0, 0
	for _, w := range s {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return long >= 3 && 5*upper >= 4*long
}

func normalise(v []float32) {
	s := float32(0)
	for _, x := range v {
		s += x * x
	}
	if s == 0 {
		return
	}
	s = float32(1 / math.Sqrt(float64(s)))
	for i := range v {
		v[i] *= s
	}
}

// splitCluster assigns path to the words idx and splits them in two by
// spherical 2-means, started from the sign of their projection on the
// principal direction, down to maxDepth.
func splitCluster(vec [][]float32, idx []int, path uint16, depth, maxDepth int, c *Clusters, words []uint64, rng *rand.Rand) {
	if depth == maxDepth || len(idx) < 4 {
		for _, i := range idx {
			c.m[uint32(words[i])] = path
		}
		return
	}
	dims := len(vec[0])
	mean := make([]float32, dims)
	for _, i := range idx {
		for d, x := range vec[i] {
			mean[d] += x
		}
	}
	for d := range mean {
		mean[d] /= float32(len(idx))
	}
	// Power iteration for the principal direction of the centred vectors.
	dir := make([]float32, dims)
	for d := range dir {
		dir[d] = float32(rng.NormFloat64())
	}
	normalise(dir)
	next := make([]float32, dims)
	for it := 0; it < 8; it++ {
		clear(next)
		for _, i := range idx {
			p := float32(0)
			for d, x := range vec[i] {
				p += (x - mean[d]) * dir[d]
			}
			for d, x := range vec[i] {
				next[d] += p * (x - mean[d])
			}
		}
		normalise(next)
		dir, next = next, dir
	}
	side := make([]bool, len(idx))
	for k, i := range idx {
		p := float32(0)
		for d, x := range vec[i] {
			p += (x - mean[d]) * dir[d]
		}
		side[k] = p > 0
	}
	cent := [2][]float32{make([]float32, dims), make([]float32, dims)}
	for it := 0; it < 5; it++ {
		clear(cent[0])
		clear(cent[1])
		for k, i := range idx {
			s := 0
			if side[k] {
				s = 1
			}
			for d, x := range vec[i] {
				cent[s][d] += x
			}
		}
		normalise(cent[0])
		normalise(cent[1])
		for k, i := range idx {
			a, b := float32(0), float32(0)
			for d, x := range vec[i] {
				a += x * cent[0][d]
				b += x * cent[1][d]
			}
			side[k] = b > a
		}
	}
	var left, right []int
	for k, i := range idx {
		if side[k] {
			right = append(right, i)
		} else {
			left = append(left, i)
		}
	}
	if len(left) == 0 || len(right) == 0 {
		for _, i := range idx {
			c.m[uint32(words[i])] = path
		}
		return
	}
	splitCluster(vec, left, path<<1, depth+1, maxDepth, c, words, rng)
	splitCluster(vec, right, path<<1|1, depth+1, maxDepth, c, words, rng)
}

// prefix returns the first n branches of a path (with its leading 1), or
// the whole path when it is shorter.
func prefix(path uint16, n int) uint64 {
	if path == 0 {
		return 0
	}
	depth := 15 - leadingZeros16(path)
	if depth > n {
		path >>= uint(depth - n)
	}
	return uint64(path)
}

func leadingZeros16(x uint16) int {
	n := 0
	for i := 15; i >= 0 && x&(1<<i) == 0; i-- {
		n++
	}
	return n
}
