package cluster

import "testing"

func TestNumValue(t *testing.T) {
	tests := []struct {
		text, lang, want string
	}{
		{"1,200", "en", "1200"},
		{"1.200", "de", "1200"},
		{"2 000", "fr", "2000"},
		{"2\u00a0000", "fr", "2000"},
		{"6.1", "en", "6.1"},
		{"6,1", "de", "6.1"},
		{"6,1", "", "6.1"},
		{"1,234.50", "en", "1234.5"},
		{"1.234,50", "de", "1234.5"},
		{"1,000,000", "en", "1000000"},
		{"007", "en", "7"},
		{"12", "en", "12"},
	}
	for _, tc := range tests {
		f := newFeaturizer()
		f.lang = tc.lang
		if got := f.numValue(tc.text); got != tc.want {
			t.Errorf("numValue(%q, lang %q) = %q, want %q", tc.text, tc.lang, got, tc.want)
		}
	}
}

// TestDatesAcrossLanguages checks that the same date written the ways
// English, German and French reports write it gives the same date and
// year features.
func TestDatesAcrossLanguages(t *testing.T) {
	want := []uint64{hashPair(chDate, "12", "16"), hashTerm(chYear, "2024")}
	tests := []struct{ lang, text string }{
		{"en", "The fire broke out on December 16, 2024 in the port."},
		{"en", "The fire broke out on 16 December 2024 in the port."},
		{"de", "Am Montag, 16. Dezember 2024, brach das Feuer aus."},
		{"fr", "Lundi 16 décembre 2024, un incendie s'est déclaré."},
		{"de", "Das Feuer brach am 16.12.2024 aus."},
	}
	for _, tc := range tests {
		f := newFeaturizer()
		counts := f.features("", tc.text, tc.lang)
		for _, h := range want {
			if counts[h] == 0 {
				t.Errorf("%s %q: date/year feature %x missing", tc.lang, tc.text, h)
			}
		}
		if f.maxYear != 2024 {
			t.Errorf("%s %q: maxYear = %d, want 2024", tc.lang, tc.text, f.maxYear)
		}
	}
}

// TestGermanNouns checks that German common nouns (capitalised) do not
// become names, while names after a preposition and multi-word names do.
func TestGermanNouns(t *testing.T) {
	f := newFeaturizer()
	counts := f.features("", "Nach einem Großbrand in Basel ist verschmutztes Löschwasser in den Rhein geflossen, sagte die Helvora Chemie AG.", "de")
	for _, n := range []string{"basel", "helvora", "chemie"} {
		if counts[hashTerm(chName, n)] == 0 {
			t.Errorf("name %q missing", n)
		}
	}
	for _, n := range []string{"großbrand", "loschwasser", "rhein"} {
		if counts[hashTerm(chName, n)] != 0 {
			t.Errorf("common noun %q counted as a name", n)
		}
	}
}

// FuzzFeatures feeds arbitrary text in a few languages to the featurizer
// (tokenizer, number and date parsing): it must not panic, and every
// number feature must be a plain decimal value.
func FuzzFeatures(f *testing.F) {
	f.Add("Am 16.12.2024 flossen 2 000 Liter, 1.234,5 kg und 6,1 t.", "de")
	f.Add("Lundi 16 décembre 2024 à 4 h 30, 2\u00a0000 litres.", "fr")
	f.Add("On December 16, 2024, 1,200 people; 3.5 m; 1,234.50 $.", "en")
	f.Add("9.99.9999 1..2 ,5 00 000 0.0", "")
	f.Fuzz(func(t *testing.T, text, lang string) {
		fz := newFeaturizer()
		fz.features("", text, lang)
		for _, tok := range tokenize(text, nil, true) {
			if !tok.number {
				continue
			}
			fz.lang = lang
			v := fz.numValue(tok.text)
			for i := 0; i < len(v); i++ {
				if (v[i] < '0' || v[i] > '9') && v[i] != '.' {
					t.Fatalf("numValue(%q) = %q, not a decimal value", tok.text, v)
				}
			}
		}
	})
}

// TestExonyms: a report not in English names a town by its own language's
// name and also as the gazetteer does, so that two languages meet; an
// English report's capitalised words are not read as other names of towns.
func TestExonyms(t *testing.T) {
	tests := []struct {
		lang, text, want string
		has              bool
	}{
		{"fr", "Un incendie a éclaté dans un entrepôt à Bâle lundi.", "basel", true},
		{"nl", "De politie in Parijs heeft twee mannen opgepakt.", "paris", true},
		{"en", "Police in Paris arrested two men.", "paris", true},
		{"en", "Hamas said the talks would resume.", "hamm", false},
	}
	for _, tc := range tests {
		f := newFeaturizer()
		counts := f.features("", tc.text, tc.lang)
		if got := counts[hashTerm(chName, tc.want)] > 0; got != tc.has {
			t.Errorf("%s %q: name %q counted %v, want %v", tc.lang, tc.text, tc.want, got, tc.has)
		}
	}
}
