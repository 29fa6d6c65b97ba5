package ner

import (
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is a template id hashed with the
// values it reads; the hash picks a row of the weight table (feature
// hashing: no feature dictionary is stored).
const (
	fBias = iota
	fWord
	fLower
	fShape
	fPre2
	fPre3
	fPre4
	fSuf2
	fSuf3
	fSuf4
	fPrevLower
	fNextLower
	fPrev2Lower
	fNext2Lower
	fPrevShape
	fNextShape
	fPrevShapeShape
	fShapeNextShape
	fPrevLowerLower
	fLowerNextLower
	fInitialShape
	fGaz
	fGazMask
	fPrevGazMask
	fNextGazMask
	fPrevLowerShape
	fShapeNextLower
	fHeadlineShape
	fLengthShape
	fPrevSuf3
	fNextSuf3
	fPrevWord
	fNextWord
	fInitialLower
	fPrev2Shape
	fNext2Shape
	fShape3
	fGazShape
	fPrev2Lower2
	fNext2Lower2
	fNgram
	fCluster4
	fCluster6
	fCluster8
	fCluster10
	fClusterShape
	fPrevCluster
	fNextCluster
	fPrevCluster6
	fNextCluster6
	fVote
	fVoteShape
	fPrevVote
	fNextVote
	fCaps
	fInitialCaps
	fPrevCaps
	fNextCaps
)

// tokInfo holds the hashes of one token that the templates read.
type tokInfo struct {
	w, lw, shape uint64
	pre, suf     [3]uint64 // 2, 3, 4 runes
	length       uint64
	// ng holds the hashes of the first nng lower-case 3-grams of runes.
	ng  [maxNgrams]uint64
	nng uint8
	gaz uint16
	cl  uint16 // path of the word's cluster, 0 for none
	// caps is the capitalisation class of the word in unlabeled text
	// (see capsClass), 0 for a word without a cluster.
	caps uint8
	// vote is what a first pass over the document said of the other
	// occurrences of the word (see votes); 0 when there is none.
	vote uint8
}

// maxNgrams is the number of 3-grams of a word that are features.
const maxNgrams = 10

// Boundary tokens outside the sentence.
var (
	startInfo = tokInfo{w: 1, lw: 1, shape: 1, pre: [3]uint64{1, 1, 1}, suf: [3]uint64{1, 1, 1}}
	endInfo   = tokInfo{w: 2, lw: 2, shape: 2, pre: [3]uint64{2, 2, 2}, suf: [3]uint64{2, 2, 2}}
)

// analyse fills ti from the word: hashes of the word, its lower case, its
// shape ("Xx", "X.X.", "d", "xXx": runs of one character class collapsed),
// and its lower-case prefixes and suffixes of 2 to 4 runes.
func analyse(w string, ti *tokInfo) (capital bool) {
	const prime = 1099511628211
	h, lh, sh := uint64(hashSeed), uint64(hashSeed), uint64(hashSeed)
	var last [4]rune
	n := 0
	var prevClass rune = -1
	shapeLen := 0
	for i := 0; i < len(w); {
		c := w[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var k int
			r, k = utf8.DecodeRuneInString(w[i:])
			i += k
		}
		h ^= uint64(r)
		h *= prime
		var class, lr rune
		switch {
		case 'a' <= r && r <= 'z':
			class, lr = 'x', r
		case 'A' <= r && r <= 'Z':
			class, lr = 'X', r+('a'-'A')
		case '0' <= r && r <= '9':
			class, lr = 'd', r
		case r < utf8.RuneSelf:
			class, lr = r, r
		case unicode.IsUpper(r):
			class, lr = 'X', unicode.ToLower(r)
		case unicode.IsLetter(r):
			class, lr = 'x', r
		case unicode.IsDigit(r):
			class, lr = 'd', r
		default:
			class, lr = '*', r
		}
		if n == 0 {
			capital = class == 'X'
		}
		lh ^= uint64(lr)
		lh *= prime
		if class != prevClass && shapeLen < 8 {
			sh ^= uint64(class)
			sh *= prime
			shapeLen++
			prevClass = class
		}
		n++
		switch n {
		case 2:
			ti.pre[0] = lh
		case 3:
			ti.pre[1] = lh
		case 4:
			ti.pre[2] = lh
		}
		last[n%4] = lr
		if n >= 3 && int(ti.nng) < maxNgrams {
			g := uint64(last[(n-2)%4])<<42 ^ uint64(last[(n-1)%4])<<21 ^ uint64(lr)
			ti.ng[ti.nng] = mix64(g)
			ti.nng++
		}
	}
	for k := n; k < 4; k++ {
		if k >= 1 && k <= 3 {
			ti.pre[k-1] = lh
		}
	}
	ti.w, ti.lw, ti.shape = h, lh, sh
	// Suffixes from the last runes.
	for k := 2; k <= 4; k++ {
		s := uint64(hashSeed)
		m := min(k, n)
		for j := n - m + 1; j <= n; j++ {
			s ^= uint64(last[j%4])
			s *= prime
		}
		ti.suf[k-2] = s
	}
	switch {
	case n <= 2:
		ti.length = 1
	case n <= 4:
		ti.length = 2
	case n <= 8:
		ti.length = 3
	default:
		ti.length = 4
	}
	return capital
}

func f1(t int, a uint64) uint64    { return hashCombine(uint64(t)*0x9e3779b97f4a7c15, a) }
func f2(t int, a, b uint64) uint64 { return hashCombine(f1(t, a), b) }

// features appends to dst the hashed features of token i of the
// sentence; headline is set when the sentence is written in Title Case.
func features(dst []uint64, info []tokInfo, i int, headline bool) []uint64 {
	t := &info[i]
	p, p2, nx, nx2 := &startInfo, &startInfo, &endInfo, &endInfo
	if i > 0 {
		p = &info[i-1]
	}
	if i > 1 {
		p2 = &info[i-2]
	}
	if i+1 < len(info) {
		nx = &info[i+1]
	}
	if i+2 < len(info) {
		nx2 = &info[i+2]
	}
	dst = append(dst,
		f1(fBias, 0),
		f1(fWord, t.w),
		f1(fLower, t.lw),
		f1(fShape, t.shape),
		f1(fPre2, t.pre[0]),
		f1(fPre3, t.pre[1]),
		f1(fPre4, t.pre[2]),
		f1(fSuf2, t.suf[0]),
		f1(fSuf3, t.suf[1]),
		f1(fSuf4, t.suf[2]),
		f1(fPrevLower, p.lw),
		f1(fNextLower, nx.lw),
		f1(fPrev2Lower, p2.lw),
		f1(fNext2Lower, nx2.lw),
		f1(fPrevShape, p.shape),
		f1(fNextShape, nx.shape),
		f2(fPrevShapeShape, p.shape, t.shape),
		f2(fShapeNextShape, t.shape, nx.shape),
		f2(fPrevLowerLower, p.lw, t.lw),
		f2(fLowerNextLower, t.lw, nx.lw),
		f2(fPrevLowerShape, p.lw, t.shape),
		f2(fShapeNextLower, t.shape, nx.lw),
		f2(fLengthShape, t.length, t.shape),
		f1(fPrevSuf3, p.suf[1]),
		f1(fNextSuf3, nx.suf[1]),
	)
	dst = append(dst,
		f1(fPrevWord, p.w),
		f1(fNextWord, nx.w),
		f1(fPrev2Shape, p2.shape),
		f1(fNext2Shape, nx2.shape),
		f2(fShape3, f2(0, p.shape, t.shape), nx.shape),
		f2(fPrev2Lower2, p2.lw, p.lw),
		f2(fNext2Lower2, nx.lw, nx2.lw),
	)
	if i == 0 {
		dst = append(dst, f1(fInitialShape, t.shape), f1(fInitialLower, t.lw))
	}
	if t.cl != 0 {
		dst = append(dst,
			f1(fCluster4, prefix(t.cl, 4)),
			f1(fCluster6, prefix(t.cl, 6)),
			f1(fCluster8, prefix(t.cl, 8)),
			f1(fCluster10, prefix(t.cl, 10)),
			f2(fClusterShape, prefix(t.cl, 8), t.shape),
		)
	}
	if p.cl != 0 {
		dst = append(dst, f1(fPrevCluster, uint64(p.cl)), f1(fPrevCluster6, prefix(p.cl, 6)))
	}
	if nx.cl != 0 {
		dst = append(dst, f1(fNextCluster, uint64(nx.cl)), f1(fNextCluster6, prefix(nx.cl, 6)))
	}
	if t.caps != 0 {
		dst = append(dst, f2(fCaps, uint64(t.caps), t.shape))
		if i == 0 {
			dst = append(dst, f2(fInitialCaps, uint64(t.caps), t.shape))
		}
	}
	if p.caps != 0 {
		dst = append(dst, f2(fPrevCaps, uint64(p.caps), p.shape))
	}
	if nx.caps != 0 {
		dst = append(dst, f2(fNextCaps, uint64(nx.caps), nx.shape))
	}
	for _, g := range t.ng[:t.nng] {
		dst = append(dst, f1(fNgram, g))
	}
	if t.vote != 0 {
		dst = append(dst, f1(fVote, uint64(t.vote)), f2(fVoteShape, uint64(t.vote), t.shape))
	}
	if p.vote != 0 {
		dst = append(dst, f1(fPrevVote, uint64(p.vote)))
	}
	if nx.vote != 0 {
		dst = append(dst, f1(fNextVote, uint64(nx.vote)))
	}
	if headline {
		dst = append(dst, f1(fHeadlineShape, t.shape))
	}
	if t.gaz != 0 {
		for b := 0; b < 2*numGaz; b++ {
			if t.gaz&(1<<b) != 0 {
				dst = append(dst, f1(fGaz, uint64(b)))
			}
		}
		dst = append(dst, f1(fGazMask, uint64(t.gaz)), f2(fGazShape, uint64(t.gaz), t.shape))
	}
	if i > 0 && p.gaz != 0 {
		dst = append(dst, f1(fPrevGazMask, uint64(p.gaz)))
	}
	if i+1 < len(info) && nx.gaz != 0 {
		dst = append(dst, f1(fNextGazMask, uint64(nx.gaz)))
	}
	return dst
}

// domainHash is the hash a domain's feature copies are combined with; 0
// for no domain.
func domainHash(d string) uint64 {
	if d == "" {
		return 0
	}
	return hashCombine(hashSeed, lowerHash(d))
}

// augment appends to the features of one token their copies for the
// domain dom (none when dom is 0).
func augment(fs []uint64, dom uint64) []uint64 {
	if dom == 0 {
		return fs
	}
	n := len(fs)
	for _, f := range fs[:n] {
		fs = append(fs, hashCombine(f, dom))
	}
	return fs
}

// prepare fills info for the words of one sentence and reports whether
// the sentence is a headline: at least four words of four or more
// letters, all capitalised.
func prepare(words []string, info []tokInfo, lw []uint64, g *Gazetteer, cl *Clusters) bool {
	long, capsN := 0, 0
	for i, w := range words {
		info[i] = tokInfo{}
		c := analyse(w, &info[i])
		lw[i] = info[i].lw
		info[i].cl = cl.path(info[i].lw)
		info[i].caps = cl.caps(info[i].lw)
		if utf8.RuneCountInString(w) >= 4 {
			long++
			if c {
				capsN++
			}
		}
	}
	var gz [64]uint16
	var marks []uint16
	if len(words) <= len(gz) {
		marks = gz[:len(words)]
	} else {
		marks = make([]uint16, len(words))
	}
	g.mark(lw, marks)
	for i := range words {
		info[i].gaz = marks[i]
	}
	return long >= 4 && capsN == long
}
