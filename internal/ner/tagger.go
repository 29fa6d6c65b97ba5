// Package ner finds and types named entities (PER, ORG, LOC, MISC) in
// tokenised sentences with a linear model trained by the averaged
// structured perceptron (a fifth of each sentence's features left out at
// random in each pass, cmd/train's -dropout): hashed features of each
// word, its shape, affixes, 3-grams, neighbours, word cluster and
// capitalisation class (both induced from unlabeled text: how often a
// word is capitalised inside a sentence tells "The" or "Visit" opening
// one from a name) and gazetteer matches, a first-order transition
// table, and Viterbi decoding constrained to valid BIO sequences. TagDoc
// reads a document twice, the second time with what the first pass said
// of each word's other occurrences.
//
// A language trained on several corpora has a copy of every feature per
// corpus besides the shared one (its domain): the corpora disagree on
// conventions (a demonym is LOC in Re-DocRED, MISC in wikigold; UNER has
// no MISC; its O tokens are trained as O or MISC, a latent label, since
// its scheme dropped the type), and LoadDomain tags as one corpus does.
// Load uses the model's default domain (the train command's -default),
// or where it has none the shared weights alone, which are trained to
// stand by themselves too.
//
// The models (one per language), their word clusters and the gazetteer
// they read are embedded in model/ner.bin.gz, rebuilt from ../shared/data
// by
//
//	go run ./internal/ner/cmd/train
//
// from the repository root (or go generate ./internal/ner), in ten to 15
// minutes on two cores (three perceptrons averaged per model, -runs),
// byte for byte the same file each time; it prints the held-back scores. With -dev it trains on four fifths of each
// training part and scores on the last fifth instead, for trying changes
// without looking at the held-back parts. A language's weight table takes
// 2^20 rows of 9 int16 (19 MB) once it is first used. See NOTICE.md at the
// repository root for the sources and licenses of the training corpora,
// name lists and unlabeled text.
package ner

//go:generate sh -c "cd ../.. && go run ./internal/ner/cmd/train"

import (
	"math"
	"slices"
	"sync"
)

// Model is the weight table of one language.
type Model struct {
	Lang string
	// Domains are the corpora whose own feature copies the model holds;
	// Default is the one Load tags with ("" for the shared weights only).
	Domains []string
	Default string
	// NoMisc are the domains whose corpus has no MISC: a tagger for one
	// of them does not give MISC.
	NoMisc []string
	bits   uint
	// w holds numLabels weights per hashed feature row, quantised: a
	// weight is w[i] * scale.
	w     []int16
	scale float32
	// rows and vals hold a decoded model's non-zero rows until dense
	// builds w from them.
	rows []uint32
	vals []int16
	once sync.Once
	// trans[a][b] is the score of label b after a; row numLabels is the
	// start of the sentence.
	trans [numLabels + 1][numLabels]float32
	gaz   *Gazetteer
	clus  *Clusters
}

// Tagger labels sentences with one language's model. It is safe for
// concurrent use.
type Tagger struct {
	m    *Model
	dom  uint64
	name string
	// noMisc is set when the domain's corpus has no MISC.
	noMisc bool
	pool   sync.Pool
}

// scratch is the per-call working memory of Tag.
type scratch struct {
	info  []tokInfo
	lw    []uint64
	feats []uint64
	emit  []float32
	back  []uint8
	allow []uint16
}

func newTagger(m *Model, domain string) *Tagger {
	m.dense()
	t := &Tagger{m: m, dom: domainHash(domain), name: domain, noMisc: slices.Contains(m.NoMisc, domain)}
	t.pool.New = func() any { return &scratch{} }
	return t
}

// Domain returns the domain whose feature copies the tagger adds to the
// shared ones ("" for none).
func (t *Tagger) Domain() string { return t.name }

// Demonym reports whether the word is a nationality adjective or noun of
// the gazetteer, in any of its languages and inflections.
func (t *Tagger) Demonym(word string) bool { return t.m.gaz.has(GazDemonym, word) }

// Lang returns the language of the tagger's model.
func (t *Tagger) Lang() string { return t.m.Lang }

// Tag returns one BIO label per word of the sentence. dst is reused when
// it is large enough.
func (t *Tagger) Tag(words []string, dst []Label) []Label { return t.tag(words, nil, dst) }

// tag is Tag with the document votes of the words (nil for none).
func (t *Tagger) tag(words []string, vote []uint8, dst []Label) []Label {
	n := len(words)
	if cap(dst) < n {
		dst = make([]Label, n)
	}
	dst = dst[:n]
	if n == 0 {
		return dst
	}
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	if cap(s.info) < n {
		s.info = make([]tokInfo, n)
		s.lw = make([]uint64, n)
		s.emit = make([]float32, n*numLabels)
		s.back = make([]uint8, n*numLabels)
	}
	info, lw := s.info[:n], s.lw[:n]
	emit := s.emit[:n*numLabels]
	headline := prepare(words, info, lw, t.m.gaz, t.m.clus)
	for i := range vote {
		info[i].vote = vote[i]
	}
	m := t.m
	mask := uint64(1)<<m.bits - 1
	for i := 0; i < n; i++ {
		s.feats = features(s.feats[:0], info, i, headline)
		s.feats = augment(s.feats, t.dom)
		var acc [numLabels]int32
		for _, f := range s.feats {
			row := m.w[(f&mask)*numLabels : (f&mask)*numLabels+numLabels]
			for l := range acc {
				acc[l] += int32(row[l])
			}
		}
		e := emit[i*numLabels : i*numLabels+numLabels]
		for l := range acc {
			e[l] = float32(acc[l]) * m.scale
		}
	}
	var allow []uint16
	if t.noMisc {
		if cap(s.allow) < n {
			s.allow = make([]uint16, n)
			for i := range s.allow {
				s.allow[i] = noMiscMask
			}
		}
		allow = s.allow[:n]
	}
	viterbi(emit, &m.trans, s.back[:n*numLabels], allow, dst)
	return dst
}

// viterbi finds the best valid label sequence for the emission scores.
// allow, when not nil, restricts the labels of token i to the bits of
// allow[i].
func viterbi(emit []float32, trans *[numLabels + 1][numLabels]float32, back []uint8, allow []uint16, out []Label) {
	n := len(emit) / numLabels
	var cur, next [numLabels]float32
	inf := float32(math.Inf(-1))
	for l := 0; l < numLabels; l++ {
		cur[l] = inf
		if allowed(O, Label(l)) && (allow == nil || allow[0]&(1<<l) != 0) {
			cur[l] = trans[numLabels][l] + emit[l]
		}
	}
	for i := 1; i < n; i++ {
		e := emit[i*numLabels:]
		for b := 0; b < numLabels; b++ {
			best, arg := inf, 0
			if allow == nil || allow[i]&(1<<b) != 0 {
				for a := 0; a < numLabels; a++ {
					if cur[a] == inf || !allowed(Label(a), Label(b)) {
						continue
					}
					if v := cur[a] + trans[a][b]; v > best {
						best, arg = v, a
					}
				}
			}
			if best != inf {
				best += e[b]
			}
			next[b] = best
			back[i*numLabels+b] = uint8(arg)
		}
		cur = next
	}
	best, arg := inf, 0
	for l := 0; l < numLabels; l++ {
		if cur[l] > best {
			best, arg = cur[l], l
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = Label(arg)
		arg = int(back[i*numLabels+arg])
	}
}

// Lowercase reports whether the unlabeled text the model's word clusters
// were induced from writes word (any case) in lower case inside
// sentences, capitalised under 5% of the times seen there: a common word
// ("rest", "male"), whatever a sentence start or a heading makes of it.
func (t *Tagger) Lowercase(word string) bool {
	return t.m.clus.caps(lowerHash(word)) == 2
}
