package cluster

import (
	"testing"

	"github.com/dossier-news/dossier/internal/sample"
)

// TestMemoFeatures checks that features read from a pair's memo are
// those of the full merge, bit for bit, as the stream and the vectors
// change under the memo.
func TestMemoFeatures(t *testing.T) {
	arts, _ := sample.Generate(80, 3)
	c := New(DefaultConfig())
	var docs []*doc
	for i := range arts[:40] {
		d := c.vectorize(&arts[i])
		d.serial = uint64(i + 1)
		docs = append(docs, d)
	}
	memos := map[[2]int]*pairMemo{}
	check := func(step string) {
		t.Helper()
		shared := 0
		for i, x := range docs {
			for j, y := range docs[:i] {
				m := memos[[2]int{i, j}]
				if m == nil {
					m = &pairMemo{}
					memos[[2]int{i, j}] = m
				}
				var want, got, back [numFeatures]float64
				c.features(x, y, &want)
				c.memoFeatures(x, y, m, &got)
				c.memoFeatures(y, x, m, &back)
				if got != want || back != want {
					t.Fatalf("%s: pair %d,%d: memo gives %v / %v, merge %v", step, i, j, got, back, want)
				}
				p := logistic(dotWeights(c.model.Weights, &want))
				for range 2 {
					if q := c.scoreMemo(y, x, m); q != p {
						t.Fatalf("%s: pair %d,%d: memo scores %v, merge %v", step, i, j, q, p)
					}
				}
				shared += len(m.sh)
			}
		}
		if shared == 0 {
			t.Fatalf("%s: no pair shares a term", step)
		}
	}
	tests := []struct {
		name   string
		change func()
	}{
		{"first scores", func() {}},
		{"stream grown, same terms", func() {
			for i := range arts[40:] {
				c.vectorize(&arts[40+i])
			}
			for _, d := range docs {
				g := d.tset
				c.weigh(d)
				if d.tset != g {
					t.Fatalf("re-weighing the same terms changed the term set")
				}
			}
		}},
		{"re-weighed", func() {
			for i, d := range docs {
				if i%2 == 0 {
					continue
				}
				for k := range d.raw {
					d.raw[k].w *= 1 + float64(k%3)
				}
				c.weigh(d)
			}
		}},
		{"names rare", func() {
			for _, d := range docs {
				for _, h := range d.hs {
					if ch := channelOf(h); ch == chName || ch == chPhrase {
						c.df[h] = 3
					}
				}
			}
		}},
		{"names no longer rare", func() {
			for _, d := range docs[20:] {
				for _, h := range d.hs {
					c.df[h] += 1000
				}
			}
		}},
		{"terms changed", func() {
			for _, d := range docs[:20] {
				g := d.tset
				d.raw = d.raw[1:]
				c.weigh(d)
				if d.tset == g {
					t.Fatalf("dropping a term kept the term set")
				}
			}
		}},
	}
	for _, tc := range tests {
		tc.change()
		check(tc.name)
	}
}
