package geo

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zürich", "zurich"},
		{"al-Sudani", "al sudani"},
		{"U.S.", "us"},
		{"Киев", "kiev"},
		{"  São   Paulo ", "sao paulo"},
		{"Außenminister", "aussenminister"},
		{"Côte d’Ivoire", "cote d ivoire"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

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
		{"Washington", "US", "region"}, // the state; the city is "Washington, D.C."
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

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Zürich", "al-Sudani", "Киев", "", "\xff\xfe", "A.B.C"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Fold(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Fold(%q) = %q, not valid UTF-8", s, out)
		}
		if Fold(out) != out {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, out, Fold(out))
		}
	})
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
