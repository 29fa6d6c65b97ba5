package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gazetteer classes. Each is a list of names from a resource under
// ../shared/data (see cmd/train and NOTICE.md), matched on lower-cased tokens.
const (
	GazFirst   = iota // given names
	GazSurname        // family names
	GazCountry        // country names in many languages
	GazCity           // cities and towns
	GazRegion         // states, provinces and other subdivisions
	GazDemonym        // nationality adjectives and their inflections
	GazWiki           // labels and aliases of the most viewed Wikidata items
	numGaz
)

// maxGazLen is the longest phrase, in tokens, that the gazetteer matches.
const maxGazLen = 6

// gazPrefix marks a key that is the start of a longer phrase.
const gazPrefix = 1 << 15

// Gazetteer maps hashes of lower-cased token sequences to class bits.
type Gazetteer struct {
	m map[uint64]uint16
	// phrases keeps the source lines so the model file can be rewritten.
	phrases [numGaz][]string
}

func NewGazetteer() *Gazetteer { return &Gazetteer{m: map[uint64]uint16{}} }

// Add records a phrase of one class. Tokens are split at spaces; the
// phrase must have at most maxGazLen tokens.
func (g *Gazetteer) Add(class int, phrase string) {
	ws := strings.Fields(phrase)
	if len(ws) == 0 || len(ws) > maxGazLen {
		return
	}
	var hs [maxGazLen]uint64
	h := uint64(hashSeed)
	for i, w := range ws {
		h = hashCombine(h, lowerHash(w))
		hs[i] = h
	}
	if g.m[h]&(1<<class) != 0 {
		return // already listed
	}
	g.phrases[class] = append(g.phrases[class], strings.Join(ws, " "))
	for i := range ws {
		if i < len(ws)-1 {
			g.m[hs[i]] |= gazPrefix
		} else {
			g.m[hs[i]] |= 1 << class
		}
	}
}

// Len returns the number of phrases of a class.
func (g *Gazetteer) Len(class int) int { return len(g.phrases[class]) }

// mark sets, for each token, bit 2c (begins a match of class c) and bit
// 2c+1 (inside a match of class c, not its first token), using the
// longest match of each class that starts at each token.
func (g *Gazetteer) mark(lw []uint64, out []uint16) {
	for i := range out {
		out[i] = 0
	}
	if g == nil || len(g.m) == 0 {
		return
	}
	for i := range lw {
		h := uint64(hashSeed)
		var longest [numGaz]int
		for k := 0; k < maxGazLen && i+k < len(lw); k++ {
			h = hashCombine(h, lw[i+k])
			v, ok := g.m[h]
			if !ok {
				break
			}
			for c := 0; c < numGaz; c++ {
				if v&(1<<c) != 0 {
					longest[c] = k + 1
				}
			}
			if v&gazPrefix == 0 {
				break
			}
		}
		for c, n := range longest {
			if n == 0 {
				continue
			}
			out[i] |= 1 << (2 * c)
			for k := 1; k < n; k++ {
				out[i+k] |= 1 << (2*c + 1)
			}
		}
	}
}

const hashSeed = 14695981039346656037

// hashCombine mixes v into h (a splitmix64 step over the xor).
func hashCombine(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	return mix64(h)
}

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// lowerHash hashes the lower-cased runes of w (FNV-1a over runes).
func lowerHash(w string) uint64 {
	h := uint64(hashSeed)
	for i := 0; i < len(w); {
		c := w[i]
		var r rune
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			r = rune(c)
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(w[i:])
			r = unicode.ToLower(r)
			i += n
		}
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

// has reports whether the word alone is a phrase of the class.
func (g *Gazetteer) has(class int, word string) bool {
	return g.m[hashCombine(hashSeed, lowerHash(word))]&(1<<class) != 0
}
