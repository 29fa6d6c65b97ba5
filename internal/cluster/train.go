package cluster

import (
	"slices"

	"github.com/dossier-news/dossier/internal/news"
)

// NumFeatures is the number of pair features of the scorer.
const NumFeatures = numFeatures

// Sample is one candidate pair met while clustering a labeled stream: its
// features, and whether the two articles share a gold event.
type Sample struct {
	X    [numFeatures]float64
	Same bool
	Late bool // published more than Config.MaxGap apart (scored by Model.Late)
}

// PairSamples streams arts in canonical order through candidate retrieval,
// as Add does, and returns every candidate pair with its features and its
// gold label (label maps article id → gold event). It is the training data
// of the pair scorer.
func PairSamples(arts []news.Article, label map[string]string, cfg Config) []Sample {
	if cfg.Model == nil {
		// Retrieval scores nothing: a blank model lets the features
		// change before the embedded file is rebuilt.
		cfg.Model = &Model{Features: FeatureNames[:], Weights: make([]float64, numFeatures), Join: 0.5, Edge: 0.4}
	}
	c := New(cfg)
	arts = slices.Clone(arts)
	canonical(arts)
	var out []Sample
	for i := range arts {
		a := &arts[i]
		if c.byID[a.ID] != nil {
			continue
		}
		d := c.vectorize(a)
		d.idx = int32(len(c.docs))
		c.docs = append(c.docs, d)
		c.byID[d.id] = d
		for _, o := range c.candidates(d) {
			var s Sample
			c.features(d, o, &s.X)
			s.Same = label[d.id] != "" && label[d.id] == label[o.id]
			s.Late = c.late(d, o)
			out = append(out, s)
		}
		c.index(d)
	}
	return out
}
