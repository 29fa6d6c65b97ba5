package extract

import (
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// This file holds the general ways two written names are found to name
// one entity without the alias table: an acronym of a name's initials,
// and spellings that differ only as transliterations do.

// acronymLetters returns the lower-case letters of a name written as an
// acronym ("BFA", "U.N."), or "" for any other name.
func acronymLetters(name string) string {
	if !lex.IsAcronym(name) || strings.Contains(name, " ") {
		return ""
	}
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() < 2 || b.Len() > 8 {
		return ""
	}
	return b.String()
}

// nameInitials returns the lower-case initials of the capitalised words
// of a name of two words or more, hyphenated parts included: "Baltic
// Fisheries Authority" → "bfa", "Hayat Tahrir al-Sham" → "hts".
func nameInitials(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		if lex.IsAcronym(w) {
			return "" // "BFA Baltic" is not a long form
		}
		for _, r := range wordInitials(w) {
			if unicode.IsUpper([]rune(w)[0]) || strings.Contains(w, "-") {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// acronymUnions joins an entity written only as an acronym to the one
// entity of a longer name whose initials it spells ("BFA" and "Baltic
// Fisheries Authority"), in one article or across the articles of an
// event. It leaves people out, and an acronym two names fit.
func acronymUnions(in []news.Entity, find func(int) int, union func(int, int)) {
	long := map[string][]int{} // initials → entities with a long form of them
	for j, e := range in {
		if e.Type == news.Person || e.Type == news.Place {
			continue
		}
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if ini := nameInitials(n); ini != "" && !seen[ini] {
				seen[ini] = true
				long[ini] = append(long[ini], j)
			}
		}
	}
	for i, e := range in {
		if e.Type == news.Person || e.Type == news.Place {
			continue
		}
		letters := acronymLetters(e.Name)
		for _, a := range e.Aliases {
			if letters == "" {
				letters = acronymLetters(a)
			}
		}
		if letters == "" {
			continue
		}
		match := -1
		for _, j := range long[letters] {
			if j == i || find(j) == find(i) {
				continue
			}
			if match >= 0 && find(match) != find(j) {
				match = -2 // two long forms fit: leave it
				break
			}
			match = j
		}
		if match >= 0 {
			union(i, match)
		}
	}
}

// translitKey reduces a folded word to the letters that survive the
// usual transliterations of one name: vowel runs become one mark, doubled
// letters one, and th, ph, kh, gh, ck, sch, w lose their spelling
// differences, so "mohammed", "muhammad" and "mohamed" share a key, and
// "antony" and "anthony", but "mahmoud" does not.
func translitKey(w string) string {
	for _, r := range [][2]string{{"sch", "sh"}, {"th", "t"}, {"ph", "f"}, {"kh", "k"}, {"gh", "g"}, {"ck", "k"}, {"w", "v"}} {
		w = strings.ReplaceAll(w, r[0], r[1])
	}
	var b []byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if strings.IndexByte("aeiouy", c) >= 0 {
			c = '*'
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// translitClose reports two words of one name spelled as transliterations
// of each other: the same key, the same first letter (or both vowels)
// and five letters or more, so that short names ("Ali", "Ole") are never
// taken for each other.
func translitClose(a, b string) bool {
	if len(a) < 5 || len(b) < 5 {
		return false
	}
	ka, kb := translitKey(a), translitKey(b)
	return ka == kb && ka[0] == kb[0]
}
