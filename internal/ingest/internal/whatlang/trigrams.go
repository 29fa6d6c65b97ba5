package whatlang

import (
	"sort"
	"strings"
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
	trigram string
	count   int
}

// convert punctuations and digits to space.
func toTrigramChar(ch rune) rune {
	if isStopChar(ch) {
		return ' '
	}
	return ch
}

func getTrigramsWithPositions(text string) map[key]int {
	counterMap := count(text)
	trigrams := make([]trigram, 0, len(counterMap))
	keys := make(map[string]key, len(counterMap))
	for k, count := range counterMap {
		s := k.String()
		keys[s] = k
		trigrams = append(trigrams, trigram{s, count})
	}

	sort.SliceStable(trigrams, func(i, j int) bool {
		if trigrams[i].count == trigrams[j].count {
			return strings.Compare(trigrams[i].trigram, trigrams[j].trigram) < 0
		}
		return trigrams[i].count < trigrams[j].count
	})

	trigramsWithPositions := make(map[key]int, len(trigrams))
	j := 0
	for i := len(trigrams) - 1; i >= 0; i-- {
		trigramsWithPositions[keys[trigrams[i].trigram]] = j
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
