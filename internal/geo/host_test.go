package geo

import "testing"

func TestInHost(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		host, name, region string
	}{
		{"buffalonews.com", "Buffalo", "NY"},
		{"www.nbcphiladelphia.com", "Philadelphia", "PA"},
		{"spdblotter.seattle.gov", "Seattle", "WA"},
		{"minnesota.cbslocal.com", "Minnesota", "MN"},
		{"kansascitystar.com", "Kansas City", "MO"},
		{"example.com", "", ""},
		{"thedenverpost.com", "Denver", "CO"},
		{"conchovalleyhomepage.com", "", ""}, // a town's name inside a word
		{"ajc.com", "", ""},
		{"", "", ""},
	} {
		e, ok := g.InHost(tc.host)
		if ok != (tc.name != "") || e.Name != tc.name || e.Region != tc.region {
			t.Errorf("InHost(%q) = %s/%s %v, want %q/%q", tc.host, e.Name, e.Region, ok, tc.name, tc.region)
		}
	}
}
