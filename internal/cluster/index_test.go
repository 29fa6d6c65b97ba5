package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNthLargest checks the selection behind candidates against a sort,
// on inputs with ties and without.
func TestNthLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name   string
		n, max int // values, distinct values (0: continuous)
	}{
		{"one", 1, 0}, {"distinct", 500, 0}, {"few values", 500, 4}, {"all equal", 200, 1}, {"pairs", 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := make([]float64, tc.n)
			for i := range ws {
				if tc.max > 0 {
					ws[i] = float64(r.IntN(tc.max))
				} else {
					ws[i] = r.Float64()
				}
			}
			sorted := slices.Sorted(slices.Values(ws))
			slices.Reverse(sorted)
			for _, k := range []int{1, tc.n / 3, tc.n / 2, tc.n} {
				if k < 1 {
					continue
				}
				if got := nthLargest(slices.Clone(ws), k); got != sorted[k-1] {
					t.Errorf("nthLargest(%d of %d) = %v, want %v", k, tc.n, got, sorted[k-1])
				}
			}
		})
	}
}
