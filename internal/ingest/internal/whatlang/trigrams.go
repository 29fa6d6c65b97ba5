package whatlang

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// key is a trigram as three runes: upstream made a string of each trigram
// occurrence to count it (an allocation each) and looked profiles up by
// string.
type key [3]rune

// keyOf converts a three-rune string to a key.
func keyOf(s string) (key, bool) {
	var k key
	n := 0
	for _, r := range s {
		if n == 3 {
			return k, false
		}
		k[n] = r
		n++
	}
	return k, n == 3
}

func (k key) String() string { return string(k[:]) }

type trigram struct {
	trigram key
	count   int
}

// convert punctuations and digits to space.
func toTrigramChar(ch rune) rune {
	if isStopChar(ch) {
		return ' '
	}
	return ch
}

// compareKeys orders trigrams as upstream compared their strings: UTF-8
// strings of valid runes sort as their code points do.
func compareKeys(a, b key) int {
	for i := range a {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	return 0
}

func getTrigramsWithPositions(text string) map[key]int {
	counterMap := count(text)
	trigrams := make([]trigram, 0, len(counterMap))
	for k, count := range counterMap {
		trigrams = append(trigrams, trigram{k, count})
	}

	// Upstream sorts stably by count, then trigram; trigrams are unique,
	// so the order is total and any sort gives it.
	slices.SortFunc(trigrams, func(a, b trigram) int {
		if a.count != b.count {
			return cmp.Compare(a.count, b.count)
		}
		return compareKeys(a.trigram, b.trigram)
	})

	trigramsWithPositions := make(map[key]int, len(trigrams))
	j := 0
	for i := len(trigrams) - 1; i >= 0; i-- {
		trigramsWithPositions[trigrams[i].trigram] = j
		j++
	}
	return trigramsWithPositions
}

func count(text string) map[key]int {
	trigrams := map[key]int{}
	txt := make([]rune, 0, utf8.RuneCountInString(text)+1)
	for _, r := range text {
		txt = append(txt, unicode.ToLower(toTrigramChar(r)))
	}
	txt = append(txt, ' ')

	r1 := ' '
	r2 := txt[0]
	for i := 1; i < len(txt); i++ {
		r3 := txt[i]
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			trigrams[key{r1, r2, r3}]++
		}
		r1 = r2
		r2 = r3
	}

	return trigrams
}
