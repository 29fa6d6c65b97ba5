package ner

import (
	"log/slog"
	"math"
	"math/rand"
	"time"
)

// TrainOptions sets the size and length of a training run.
type TrainOptions struct {
	Bits   uint  // log2 of the number of hashed feature rows
	Epochs int   // passes over the data
	Seed   int64 // order of the sentences in each pass
	// Shared is the fraction of sentences, drawn anew in each pass, that
	// are trained without their domain's feature copies, so that the
	// shared weights alone make a tagger too (Load's default).
	Shared float64
	// Runs is the number of perceptrons, each with its own order of the
	// sentences, whose mean is the model (1 when 0).
	Runs int
	// Clusters are the word clusters of the language, or nil.
	Clusters *Clusters
	// Prune drops rows whose weights are all smaller than this fraction of
	// the largest weight (a smaller model file).
	Prune float64
	// Dropout is the fraction of a sentence's features, drawn anew for
	// each sentence in each pass, that are left out of its scores and
	// updates, so that no one feature carries a name alone (0: none).
	Dropout float64
}

// TrainSentence is a sentence with its gold labels, and whether its
// corpus annotates MISC: if not, its O tokens may be MISC.
type TrainSentence struct {
	Sentence
	HasMisc bool
	// LatentMisc, for a sentence whose corpus has no MISC, leaves its O
	// tokens free to be O or MISC: the target of each update is the best
	// sequence that keeps the gold names and puts O or MISC elsewhere (a
	// latent label), instead of O everywhere else with MISC forbidden.
	// The names such a corpus's scheme leaves out (UNER dropped its OTH
	// type) then teach no O for a name, and a tagger of its domain may
	// give MISC.
	LatentMisc bool
	// Domain names the corpus: every feature is also learned in a copy
	// of its own for the domain (feature augmentation, Daumé 2007), so
	// a corpus's own conventions (a demonym is LOC in one, MISC in
	// another) need not fight the shared weights. "" adds no copy.
	Domain string
	// Doc numbers the document the sentence is from; the sentences of a
	// document are next to each other.
	Doc int
	// Votes are the document votes of the words (see votes), set by
	// Jackknife; nil for none.
	Votes []uint8
}

type prepared struct {
	rows  []uint32 // feature rows of all tokens
	off   []int32  // token i has rows[off[i]:off[i+1]]
	mid   []int32  // of which rows[mid[i]:off[i+1]] are its domain's copies
	gold  []Label
	allow []uint16 // labels the prediction may use; nil for all
	// latent, when not nil, are the labels the target may take: the
	// gold label, or O and MISC where the gold says O (see
	// TrainSentence.LatentMisc).
	latent []uint16
}

func prepareTrain(s TrainSentence, g *Gazetteer, cl *Clusters, mask uint64) prepared {
	n := len(s.Words)
	info := make([]tokInfo, n)
	lw := make([]uint64, n)
	headline := prepare(s.Words, info, lw, g, cl)
	for i := range s.Votes {
		info[i].vote = s.Votes[i]
	}
	p := prepared{off: make([]int32, n+1), mid: make([]int32, n), gold: s.Labels}
	var buf []uint64
	for i := 0; i < n; i++ {
		buf = features(buf[:0], info, i, headline)
		k := len(buf)
		buf = augment(buf, domainHash(s.Domain))
		for _, f := range buf {
			p.rows = append(p.rows, uint32(f&mask))
		}
		p.mid[i] = p.off[i] + int32(k)
		p.off[i+1] = int32(len(p.rows))
	}
	if !s.HasMisc && s.LatentMisc {
		p.latent = make([]uint16, n)
		for i, l := range s.Labels {
			p.latent[i] = 1 << l
			if l == O {
				p.latent[i] |= 1<<O | 1<<labelOf("MISC", true) | 1<<labelOf("MISC", false)
			}
		}
	} else if !s.HasMisc {
		// The corpus has no MISC: its O tokens are O, and the model is
		// asked to choose among the other labels only, as a tagger for
		// the corpus's domain does (Tagger.noMisc).
		p.allow = make([]uint16, n)
		for i := range p.allow {
			p.allow[i] = noMiscMask
		}
	}
	return p
}

// Train fits a model to the sentences with the averaged perceptron.
func Train(lang string, sents []TrainSentence, g *Gazetteer, opt TrainOptions) *Model {
	if opt.Bits == 0 {
		opt.Bits = 18
	}
	mask := uint64(1)<<opt.Bits - 1
	start := time.Now()
	data := make([]prepared, 0, len(sents))
	for _, s := range sents {
		if len(s.Words) > 0 {
			data = append(data, prepareTrain(s, g, opt.Clusters, mask))
		}
	}
	slog.Info("ner: features ready", "lang", lang, "sentences", len(data), "elapsed", time.Since(start).Round(time.Millisecond))
	rows := 1 << opt.Bits
	// Each run is an averaged perceptron over its own order of the
	// sentences; the model is the mean of the runs.
	runs := max(1, opt.Runs)
	w := make([]float32, rows*numLabels)
	var tw [numLabels + 1][numLabels]float32
	for r := 0; r < runs; r++ {
		rw, rt := fit(lang, data, opt, opt.Seed+int64(r), start)
		for i, x := range rw {
			w[i] += x / float32(runs)
		}
		for a := range rt {
			for b := range rt[a] {
				tw[a][b] += rt[a][b] / float32(runs)
			}
		}
	}
	// Quantise to int16.
	maxAbs := float32(0)
	for i := range w {
		if a := float32(math.Abs(float64(w[i]))); a > maxAbs {
			maxAbs = a
		}
	}
	m := &Model{Lang: lang, bits: opt.Bits, gaz: g, clus: opt.Clusters}
	// A domain has no MISC when none of its sentences has.
	misc := map[string]bool{}
	for _, s := range sents {
		if _, ok := misc[s.Domain]; !ok {
			misc[s.Domain] = false
			if s.Domain != "" {
				m.Domains = append(m.Domains, s.Domain)
			}
		}
		misc[s.Domain] = misc[s.Domain] || s.HasMisc || s.LatentMisc
	}
	for _, d := range append([]string{""}, m.Domains...) {
		if has, ok := misc[d]; ok && !has {
			m.NoMisc = append(m.NoMisc, d)
		}
	}
	m.trans = tw
	if maxAbs == 0 {
		maxAbs = 1
	}
	m.scale = maxAbs / 32767
	slog.Info("ner: weights", "lang", lang, "max", maxAbs)
	m.w = make([]int16, len(w))
	cut := float32(opt.Prune) * maxAbs
	for r := 0; r < rows; r++ {
		row := w[r*numLabels : r*numLabels+numLabels]
		keep := false
		for _, x := range row {
			if x > cut || -x > cut {
				keep = true
				break
			}
		}
		if !keep {
			continue
		}
		for l, x := range row {
			m.w[r*numLabels+l] = int16(math.Round(float64(x / m.scale)))
		}
	}
	return m
}

// fit runs the averaged structured perceptron over the prepared sentences
// and returns the averaged weights and transitions.
func fit(lang string, data []prepared, opt TrainOptions, seed int64, start time.Time) ([]float32, [numLabels + 1][numLabels]float32) {
	rows := 1 << opt.Bits
	w := make([]float32, rows*numLabels)
	u := make([]float32, rows*numLabels) // sum of c*delta, for averaging
	var tw, tu [numLabels + 1][numLabels]float32
	c := float32(1)
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var emit []float32
	var back []uint8
	var pred, target []Label
	var keep []bool
	cut := uint32(opt.Dropout * (1 << 32))
	if opt.Dropout >= 1 {
		cut = 1<<32 - 1
	}
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, k := range order {
			p := &data[k]
			n := len(p.gold)
			if cap(emit) < n*numLabels {
				emit = make([]float32, n*numLabels)
				back = make([]uint8, n*numLabels)
				pred = make([]Label, n)
				target = make([]Label, n)
			}
			emit, back, pred, target = emit[:n*numLabels], back[:n*numLabels], pred[:n], target[:n]
			end := p.off[1:]
			if opt.Shared > 0 && rng.Float64() < opt.Shared {
				end = p.mid
			}
			if cap(keep) < len(p.rows) {
				keep = make([]bool, len(p.rows))
			}
			keep = keep[:len(p.rows)]
			for j := range keep {
				keep[j] = cut == 0 || rng.Uint32() >= cut
			}
			for i := 0; i < n; i++ {
				e := emit[i*numLabels : i*numLabels+numLabels]
				for l := range e {
					e[l] = 0
				}
				for j := p.off[i]; j < end[i]; j++ {
					if !keep[j] {
						continue
					}
					r := p.rows[j]
					row := w[int(r)*numLabels : int(r)*numLabels+numLabels]
					for l := range e {
						e[l] += row[l]
					}
				}
			}
			viterbi(emit, &tw, back, p.allow, pred)
			if p.latent != nil {
				viterbi(emit, &tw, back, p.latent, target)
			} else {
				copy(target, p.gold)
			}
			toks += n
			prevT, prevP := numLabels, numLabels
			for i := 0; i < n; i++ {
				gt, pt := int(target[i]), int(pred[i])
				if gt != pt {
					errs++
					for j := p.off[i]; j < end[i]; j++ {
						if !keep[j] {
							continue
						}
						base := int(p.rows[j]) * numLabels
						w[base+gt]++
						u[base+gt] += c
						w[base+pt]--
						u[base+pt] -= c
					}
				}
				if gt != pt || prevT != prevP {
					tw[prevT][gt]++
					tu[prevT][gt] += c
					tw[prevP][pt]--
					tu[prevP][pt] -= c
				}
				prevT, prevP = gt, pt
			}
			c++
		}
		slog.Info("ner: epoch", "lang", lang, "epoch", ep+1, "token_error", float64(errs)/float64(max(1, toks)), "elapsed", time.Since(start).Round(time.Millisecond))
	}
	for i := range w {
		w[i] -= u[i] / c
	}
	for a := range tw {
		for b := range tw[a] {
			tw[a][b] -= tu[a][b] / c
		}
	}
	return w, tw
}

// Jackknife sets the Votes of the sentences as TagDoc would see them on
// unseen text: the documents are dealt into folds, and each fold is tagged
// by a model trained on the other folds.
func Jackknife(lang string, sents []TrainSentence, g *Gazetteer, opt TrainOptions, folds int) {
	type span struct{ from, to int }
	var docs []span
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		docs = append(docs, span{i, j})
		i = j
	}
	for f := 0; f < folds; f++ {
		var train []TrainSentence
		for d, sp := range docs {
			if d%folds != f {
				for _, s := range sents[sp.from:sp.to] {
					s.Votes = nil
					train = append(train, s)
				}
			}
		}
		m := Train(lang, train, g, opt)
		taggers := map[string]*Tagger{}
		for d, sp := range docs {
			if d%folds != f {
				continue
			}
			dom := sents[sp.from].Domain
			t := taggers[dom]
			if t == nil {
				t = newTagger(m, dom)
				taggers[dom] = t
			}
			lw := make([][]uint64, sp.to-sp.from)
			labels := make([][]Label, sp.to-sp.from)
			for k := range lw {
				ws := sents[sp.from+k].Words
				labels[k] = t.Tag(ws, nil)
				lw[k] = make([]uint64, len(ws))
				for i, w := range ws {
					lw[k][i] = lowerHash(w)
				}
			}
			for k, v := range votes(lw, labels) {
				sents[sp.from+k].Votes = v
			}
		}
	}
}
