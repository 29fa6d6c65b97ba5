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
	// Prune drops rows whose weights are all smaller than this fraction of
	// the largest weight (a smaller model file).
	Prune float64
}

// TrainSentence is a sentence with its gold labels, and whether its
// corpus annotates MISC: if not, its O tokens may be MISC.
type TrainSentence struct {
	Sentence
	HasMisc bool
}

type prepared struct {
	rows  []uint32 // feature rows of all tokens
	off   []int32  // token i has rows[off[i]:off[i+1]]
	gold  []Label
	allow []uint16 // nil when gold is fixed
}

func prepareTrain(s TrainSentence, g *Gazetteer, mask uint64) prepared {
	n := len(s.Words)
	info := make([]tokInfo, n)
	lw := make([]uint64, n)
	headline := prepare(s.Words, info, lw, g)
	p := prepared{off: make([]int32, n+1), gold: s.Labels}
	var buf []uint64
	for i := 0; i < n; i++ {
		buf = features(buf[:0], info, i, headline)
		for _, f := range buf {
			p.rows = append(p.rows, uint32(f&mask))
		}
		p.off[i+1] = int32(len(p.rows))
	}
	if !s.HasMisc {
		p.allow = make([]uint16, n)
		for i, l := range s.Labels {
			if l == O {
				p.allow[i] = 1<<O | 1<<labelOf("MISC", true) | 1<<labelOf("MISC", false)
			} else {
				p.allow[i] = 1 << l
			}
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
			data = append(data, prepareTrain(s, g, mask))
		}
	}
	slog.Info("ner: features ready", "lang", lang, "sentences", len(data), "elapsed", time.Since(start).Round(time.Millisecond))
	rows := 1 << opt.Bits
	w := make([]float32, rows*numLabels)
	u := make([]float32, rows*numLabels) // sum of c*delta, for averaging
	var tw, tu [numLabels + 1][numLabels]float32
	c := float32(1)
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var emit []float32
	var back []uint8
	var pred, target []Label
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
			for i := 0; i < n; i++ {
				e := emit[i*numLabels : i*numLabels+numLabels]
				for l := range e {
					e[l] = 0
				}
				for _, r := range p.rows[p.off[i]:p.off[i+1]] {
					row := w[int(r)*numLabels : int(r)*numLabels+numLabels]
					for l := range e {
						e[l] += row[l]
					}
				}
			}
			viterbi(emit, &tw, back, nil, pred)
			if p.allow != nil {
				viterbi(emit, &tw, back, p.allow, target)
			} else {
				copy(target, p.gold)
			}
			toks += n
			prevT, prevP := numLabels, numLabels
			for i := 0; i < n; i++ {
				gt, pt := int(target[i]), int(pred[i])
				if gt != pt {
					errs++
					for _, r := range p.rows[p.off[i]:p.off[i+1]] {
						base := int(r) * numLabels
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
	// Average, then quantise to int16.
	maxAbs := float32(0)
	for i := range w {
		w[i] -= u[i] / c
		if a := float32(math.Abs(float64(w[i]))); a > maxAbs {
			maxAbs = a
		}
	}
	m := &Model{Lang: lang, bits: opt.Bits, gaz: g}
	for a := range tw {
		for b := range tw[a] {
			m.trans[a][b] = tw[a][b] - tu[a][b]/c
		}
	}
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
