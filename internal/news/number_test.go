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

func TestFormatLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"10000000 euro", "10,000,000 euro"},
		{"6000000–10000000 euro", "6,000,000–10,000,000 euro"},
		{"2000 litres", "2,000 litres"},
		{"15 dead", "15 dead"},
		{"6.1 magnitude", "6.1 magnitude"},
		{"1240.5 tonnes", "1240.5 tonnes"},
		{"2,000 litres", "2,000 litres"},
		{"007 agents", "007 agents"},
		{"99999999999999999999 stars", "99999999999999999999 stars"},
		{"", ""},
	} {
		if got := FormatLabel(tc.in); got != tc.want {
			t.Errorf("FormatLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
