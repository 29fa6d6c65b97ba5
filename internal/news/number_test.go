package news

import (
	"math"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {12, "12"}, {999, "999"}, {1000, "1,000"}, {1e7, "10,000,000"}, {-25000, "-25,000"},
		{3.5, "3.5"}, {0.25, "0.25"}, {1e16, "10000000000000000"}, {math.Inf(1), "+Inf"},
	} {
		if got := FormatNumber(tc.v); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
