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
		docs = append(docs, c.vectorize(&arts[i]))
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
