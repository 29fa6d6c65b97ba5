package geo

import (
	"testing"
)

func TestLookup(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, country, kind string
	}{
		{"Iraq", "IQ", "country"},
		{"Irak", "IQ", "country"},
		{"Deutschland", "DE", "country"},
		{"Ирак", "IQ", "country"},
		{"Allemagne", "DE", "country"},
		{"Baghdad", "IQ", "city"},
		{"Washington", "US", "city"}, // the capital before the state
		{"Paris", "FR", "city"},
		{"ZÜRICH", "CH", "city"},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.name)
		if len(got) == 0 {
			t.Errorf("Lookup(%q) found nothing", tt.name)
			continue
		}
		if got[0].Country != tt.country || got[0].Kind != tt.kind {
			t.Errorf("Lookup(%q)[0] = %+v, want %s %s", tt.name, got[0], tt.kind, tt.country)
		}
		if got[0].Lat == 0 && got[0].Lon == 0 {
			t.Errorf("Lookup(%q)[0] has no coordinates", tt.name)
		}
	}
	if got := g.Lookup("Xyzzyville"); len(got) != 0 {
		t.Errorf("Lookup(Xyzzyville) = %v, want nothing", got)
	}
}

func TestResolve(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		names []string
		want  map[string]string // name → country
	}{
		{[]string{"Paris"}, map[string]string{"Paris": "FR"}},
		{[]string{"Paris", "Dallas", "United States"}, map[string]string{"Paris": "US"}},
		{[]string{"Paris", "United States"}, map[string]string{"Paris": "FR"}},
		{[]string{"Florence", "Alabama", "US"}, map[string]string{"Florence": "US"}},
		{[]string{"Florence"}, map[string]string{"Florence": "IT"}},
		{[]string{"Victoria", "Canada"}, map[string]string{"Victoria": "CA"}},
		{[]string{"Victoria", "Seychelles"}, map[string]string{"Victoria": "SC"}},
		{[]string{"Jordan", "Aqaba"}, map[string]string{"Jordan": "JO", "Aqaba": "JO"}},
		{[]string{"Moscow", "United States", "Washington", "Ukraine"}, map[string]string{"Moscow": "RU"}},
		{[]string{"Valencia", "Madrid"}, map[string]string{"Valencia": "ES"}},
		{[]string{"Valencia", "Caracas"}, map[string]string{"Valencia": "VE"}},
	}
	for _, tt := range tests {
		got := g.Resolve(tt.names)
		for n, cc := range tt.want {
			if got[n].Country != cc {
				t.Errorf("Resolve(%v)[%q] = %+v, want country %s", tt.names, n, got[n], cc)
			}
		}
	}
}

func TestLookupLang(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := g.LookupLang("Indien", "de"); len(got) == 0 || got[0].Country != "IN" {
		t.Errorf("LookupLang(Indien, de) = %v, want India", got)
	}
	if got := g.LookupLang("Indien", "fr"); len(got) != 0 {
		t.Errorf("LookupLang(Indien, fr) = %v, want nothing (a French adjective)", got)
	}
	if got := g.LookupLang("Germany", "fr"); len(got) == 0 {
		t.Errorf("LookupLang(Germany, fr) found nothing: English names count everywhere")
	}
	if got := g.LookupLang("Paris", "de"); len(got) == 0 {
		t.Errorf("LookupLang(Paris, de) found nothing: city names count everywhere")
	}
}

func BenchmarkLookup(b *testing.B) {
	g, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g.Lookup("Baghdad")
		g.Lookup("Nowhere Special")
	}
}

// The places issue 15 names: towns under their English names, states
// and island regions as places of their own, with their codes.
func TestLookupRegionsAndExonyms(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, country, region, kind string
	}{
		{"Antwerp", "BE", "", "city"}, // the English name of Antwerpen, before Antwerp, Ohio
		{"Heraklion", "GR", "", "city"},
		{"Crete", "GR", "ESYE43", "region"},
		{"California", "US", "CA", "region"},
		{"South Carolina", "US", "SC", "region"},
		{"Moncks Corner", "US", "SC", "city"}, // a town of under 15,000
		{"Baghdad", "IQ", "", "city"},         // the city before its governorate
	}
	for _, tt := range tests {
		got := g.Lookup(tt.name)
		if len(got) == 0 {
			t.Errorf("Lookup(%q) found nothing", tt.name)
			continue
		}
		e := got[0]
		if e.Country != tt.country || e.Kind != tt.kind || tt.region != "" && e.Region != tt.region {
			t.Errorf("Lookup(%q)[0] = %+v, want %s %s %s", tt.name, e, tt.kind, tt.country, tt.region)
		}
	}
}

func TestAbbrev(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Calif.", "California"},
		{"S.C.", "South Carolina"},
		{"Ore.", "Oregon"},
		{"CA", "California"},
		{"N.Y.", "New York"},
		{"Ca", ""}, // a word, not a postal code
		{"or", ""}, // the word "or"
		{"OR", "Oregon"},
		{"Sen.", ""}, // a title
	}
	for _, tt := range tests {
		got := g.Abbrev(tt.in)
		name := ""
		if len(got) > 0 {
			name = got[0].Name
		}
		if name != tt.want {
			t.Errorf("Abbrev(%q) = %q, want %q", tt.in, name, tt.want)
		}
	}
}

func TestResolveRefs(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	q := func(s string) []Entry { return g.Qualifier(s) }
	tests := []struct {
		name    string
		refs    []Ref
		n       string
		country string
		region  string
		kind    string
	}{
		{"state qualifier picks the namesake town", []Ref{{Name: "Pasadena", In: q("Calif.")}}, "Pasadena", "US", "CA", "city"},
		{"a town in South Carolina, not the country", []Ref{{Name: "Denmark", In: q("S.C.")}}, "Denmark", "US", "SC", "city"},
		{"a state's name qualifies too", []Ref{{Name: "Denmark", In: q("South Carolina")}}, "Denmark", "US", "SC", "city"},
		{"a country is the country", []Ref{{Name: "Denmark"}}, "Denmark", "DK", "", "country"},
		{"a country is never its capital", []Ref{{Name: "Kuwait"}, {Name: "Baghdad"}}, "Kuwait", "KW", "", "country"},
		{"Mexico is the country", []Ref{{Name: "Mexico"}, {Name: "Texas"}}, "Mexico", "MX", "", "country"},
		{"the region mentioned around a town", []Ref{{Name: "Pasadena"}, {Name: "Los Angeles"}, {Name: "California"}}, "Pasadena", "US", "CA", "city"},
		{"Basel beside Zurich", []Ref{{Name: "Basel"}, {Name: "Zurich"}}, "Basel", "CH", "", "city"},
		{"Georgia with Atlanta and Savannah is the state", []Ref{{Name: "Georgia"}, {Name: "Atlanta"}, {Name: "Savannah"}}, "Georgia", "US", "GA", "region"},
		{"Georgia with Tbilisi is the country", []Ref{{Name: "Georgia"}, {Name: "Tbilisi"}}, "Georgia", "GE", "", "country"},
		{"a Chicago neighbourhood is Chicago", []Ref{{Name: "Englewood"}, {Name: "Chicago"}}, "Englewood", "US", "IL", "city"},
		{"Winchester with Kentucky", []Ref{{Name: "Winchester"}, {Name: "Kentucky"}, {Name: "Lexington"}}, "Winchester", "US", "KY", "city"},
		{"Crete is a place", []Ref{{Name: "Crete"}, {Name: "Heraklion"}}, "Crete", "GR", "ESYE43", "region"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := g.ResolveRefs(tc.refs, "en")[tc.n]
			if !ok {
				t.Fatalf("ResolveRefs(%v)[%q] missing", tc.refs, tc.n)
			}
			if got.Country != tc.country || got.Kind != tc.kind || tc.region != "" && got.Region != tc.region {
				t.Errorf("ResolveRefs[%q] = %+v, want %s %s %s", tc.n, got, tc.kind, tc.country, tc.region)
			}
		})
	}
}

func TestResolveLanguage(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// "Columbia" names Colombia only in some other languages.
	got := g.ResolveRefs([]Ref{{Name: "Columbia"}, {Name: "South Carolina"}}, "en")["Columbia"]
	if got.Country != "US" || got.Kind != "city" {
		t.Errorf("ResolveRefs(Columbia, South Carolina)[Columbia] = %+v, want the US city", got)
	}
}
