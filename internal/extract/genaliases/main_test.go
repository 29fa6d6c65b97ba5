package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestNameRules(t *testing.T) {
	tests := []struct {
		s                  string
		name, code, phrase bool
	}{
		{"Islamic State of Iraq and the Levant", true, false, true},
		{"Bashar al-Assad", true, false, false},
		{"HTTP cookie", false, false, false},
		{"youtube.com", false, false, false},
		{"YouTube.com", false, false, false},
		{"U.S.", true, true, false},
		{"G7", false, true, false},
		{"2022 invasion of Ukraine", false, false, false},
		{"Organisation du traité de l'Atlantique nord", false, false, true},
		{"periodic table", false, false, false},
	}
	for _, tt := range tests {
		if got := nameLike(tt.s); got != tt.name {
			t.Errorf("nameLike(%q) = %v, want %v", tt.s, got, tt.name)
		}
		if got := isCode(tt.s); got != tt.code {
			t.Errorf("isCode(%q) = %v, want %v", tt.s, got, tt.code)
		}
		if got := phraseLike(tt.s); got != tt.phrase {
			t.Errorf("phraseLike(%q) = %v, want %v", tt.s, got, tt.phrase)
		}
	}
}

func TestInitials(t *testing.T) {
	tests := []struct {
		code  string
		names []string
		want  bool
	}{
		{"UK", []string{"United Kingdom", "UK"}, true},
		{"ISIL", []string{"Islamic State", "Islamic State of Iraq and the Levant"}, true},
		{"U.S.", []string{"United States"}, true},
		{"IT", []string{"Italy", "Italian Republic"}, false},
		{"LH", []string{"Lufthansa", "Deutsche Lufthansa"}, false},
		{"HTS", []string{"Hayat Tahrir al-Sham"}, true},
	}
	for _, tt := range tests {
		if got := initialsOfAny(tt.code, tt.names); got != tt.want {
			t.Errorf("initialsOfAny(%q, %q) = %v, want %v", tt.code, tt.names, got, tt.want)
		}
	}
}

// TestDeterministic builds the table twice from the shared resources:
// the same bytes, and well under a megabyte.
func TestDeterministic(t *testing.T) {
	data := filepath.Join("..", "..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "wikidata-top-entities")); err != nil {
		t.Skipf("shared data not found (%v): the generator reads ../shared/data from the project root", err)
	}
	dir := t.TempDir()
	var outs [][]byte
	for i := range 2 {
		p := filepath.Join(dir, string(rune('a'+i))+".json")
		if err := run(data, p); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs wrote different tables")
	}
	if n := len(outs[0]); n > 1<<20 {
		t.Errorf("table is %d bytes, want under 1 MB", n)
	}
}

func TestUsageWord(t *testing.T) {
	u := &usage{
		in:  map[string]int{"EU": 17, "WHO": 4, "IS": 2},
		out: map[string]int{"GB": 2, "PR": 6, "WHO": 9, "IS": 74},
	}
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"EU", false},  // a name only
		{"WHO", false}, // used both ways: kept
		{"PR", true},   // a word only
		{"IS", true},   // mostly a word
		{"GB", false},  // too few uses to tell
		{"XYZ", false}, // never seen
	} {
		if got := u.word(tt.w); got != tt.want {
			t.Errorf("word(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
