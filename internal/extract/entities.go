package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/news"
)

// cand is a candidate name span found by capitalisation, before typing.
type cand struct {
	s, e     int // token range [s, e)
	title    bool
	typ      news.EntityType
	alias    string // canonical name from the alias table
	place    *geo.Entry
	unsure   bool // type is a guess the tagger may overrule
	strict   bool // a lone capitalised word at a sentence start (or German): kept only as a known surname
	longForm bool // defined by a parenthesised abbreviation
	abbrOf   int  // index+1 of the long-form candidate an abbreviation stands for
}

func (a *Analyzer) isCap(text string, t *token) bool {
	if t.Kind != tWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	if unicode.IsUpper(r) {
		return true
	}
	// "al-Sudani", "bin-Salman", "el-Sisi": a lower-case particle glued to a name.
	w := text[t.Start:t.End]
	if i := strings.IndexByte(w, '-'); i > 0 && i <= 4 && i+1 < len(w) {
		switch strings.ToLower(w[:i]) {
		case "al", "el", "ar", "as", "ad", "an", "ash", "bin", "ibn", "ben", "abu":
			r2, _ := utf8.DecodeRuneInString(w[i+1:])
			return unicode.IsUpper(r2)
		}
	}
	return false
}

// connectors may join the capitalised words of one name.
var connectors = set("of", "de", "du", "des", "la", "le", "von", "van", "der", "den", "al", "bin", "ibn", "del", "di", "da", "for", "the", "d", "l", "y")

func onlySpace(text string, a, b int) bool {
	for i := a; i < b; i++ {
		if text[i] != ' ' && text[i] != '\t' && text[i] != 0xc2 && text[i] != 0xa0 {
			return false
		}
	}
	return true
}

// spans finds maximal runs of capitalised words (with connectors and
// middle initials inside).
func (a *Analyzer) spans(text string, toks []token) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); {
		if !a.isCap(text, &toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			if !onlySpace(text, toks[j-1].End, toks[j].Start) && !(toks[j].Kind == tPunct && text[toks[j].Start] == '.') {
				break
			}
			t := &toks[j]
			if a.isCap(text, t) && toks[j-1].Kind != tPunct {
				j++
				continue
			}
			if toks[j-1].Kind == tPunct && a.isCap(text, t) && j >= 2 && text[toks[j-1].Start] == '.' && toks[j-2].End-toks[j-2].Start == 1 {
				j++ // after "J." in "Antony J. Blinken"
				continue
			}
			// middle initial "J." followed by a capitalised word
			if t.Kind == tPunct && text[t.Start] == '.' && toks[j-1].End-toks[j-1].Start == 1 && toks[j-1].End == t.Start &&
				j+1 < len(toks) && a.isCap(text, &toks[j+1]) && j-1 > i {
				j++
				continue
			}
			if t.Kind == tWord && connectors[strings.ToLower(text[t.Start:t.End])] && j+1 < len(toks) &&
				onlySpace(text, t.End, toks[j+1].Start) {
				if a.isCap(text, &toks[j+1]) {
					j += 2
					continue
				}
				// two connectors: "Palacio de la Moncloa", "Bank of the West"
				if toks[j+1].Kind == tWord && connectors[strings.ToLower(text[toks[j+1].Start:toks[j+1].End])] &&
					j+2 < len(toks) && onlySpace(text, toks[j+1].End, toks[j+2].Start) && a.isCap(text, &toks[j+2]) {
					j += 3
					continue
				}
			}
			break
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

func (a *Analyzer) fold(text string, toks []token, s, e int) string {
	if e-s == 1 {
		return toks[s].Fold
	}
	return geo.Fold(text[toks[s].Start:toks[e-1].End])
}

// titleAt returns how many tokens from s form a title ("Secretary of
// State", "Prime Minister", "US-Außenminister").
func titleAt(toks []token, s, e int) int {
	best := 0
	key := ""
	for k := s; k < e && k < s+4; k++ {
		if toks[k].Kind != tWord {
			break
		}
		if key != "" {
			key += " "
		}
		key += toks[k].Fold
		if titles[key] || (k == s && hasTitleSuffix(key)) {
			best = k - s + 1
		}
		// "President-elect", "Vice-President": a hyphenated title.
		if k == s && strings.Count(key, " ") == 1 && strings.Contains(text0(toks, k), "-") {
			if a, b, _ := strings.Cut(key, " "); titles[a] || titles[b] || titles[key] {
				best = 1
			}
		}
	}
	return best
}

// text0 is a stand-in for the token's text when only folds are at hand:
// a fold with a space came from a hyphen or apostrophe.
func text0(toks []token, k int) string {
	if strings.Contains(toks[k].Fold, " ") {
		return "-"
	}
	return ""
}

func hasTitleSuffix(f string) bool {
	f = f[strings.LastIndexByte(f, ' ')+1:]
	for _, suf := range titleSuffix {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}

// titleBefore reports whether a lower-case title stands just before token
// s in the same sentence, with at most two adjectives between: "le
// président Emmanuel Macron", "el secretario de Estado estadounidense,
// Antony Blinken".
func titleBefore(text string, toks []token, s int) bool {
	skipped := 0
	k := s - 1
	for k >= 0 && toks[k].Sent == toks[s].Sent {
		t := &toks[k]
		if t.Kind == tPunct {
			if text[t.Start] == ',' && k == s-1 {
				k--
				continue
			}
			if text[t.Start] == '.' && k == s-1 && k > 0 && toks[k-1].End == t.Start && isAbbrev(text[toks[k-1].Start:toks[k-1].End]) {
				k-- // "Mrs. Lindqvist": the dot of an abbreviated title
				continue
			}
			return false
		}
		key := ""
		for n := 0; n < 4 && k-n >= 0 && toks[k-n].Kind == tWord; n++ {
			if key == "" {
				key = toks[k-n].Fold
			} else {
				key = toks[k-n].Fold + " " + key
			}
			if titles[key] || (n == 0 && hasTitleSuffix(key)) {
				return true
			}
		}
		r := firstRune(text[t.Start:])
		if unicode.IsLower(r) && !stop[t.Fold] && skipped < 2 {
			skipped++
			k--
			continue
		}
		return false
	}
	return false
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// abbrevDefs finds "Long Form (ABBR)" and returns, per abbreviation token
// index, the token range of its long form. The long form is found by
// matching the abbreviation's letters against word initials backwards,
// skipping short function words, so lower-case inner words work too
// ("Organisation du traité de l'Atlantique nord (OTAN)").
func abbrevDefs(text string, toks []token) map[int][2]int {
	out := map[int][2]int{}
	for i := 1; i+2 < len(toks); i++ {
		if text[toks[i].Start] != '(' || toks[i+1].Kind != tWord || text[toks[i+2].Start] != ')' {
			continue
		}
		ab := text[toks[i+1].Start:toks[i+1].End]
		if !isAcronym(ab) || utf8.RuneCountInString(ab) > 8 {
			continue
		}
		letters := []rune(strings.ToLower(strings.ReplaceAll(ab, ".", "")))
		k := i - 1
		li := len(letters) - 1
		start := -1
		for k >= 0 && k >= i-len(letters)-5 && li >= 0 && toks[k].Sent == toks[i].Sent {
			t := &toks[k]
			if t.Kind != tWord {
				break
			}
			f := t.Fold
			r, _ := utf8.DecodeRuneInString(f)
			if r == letters[li] {
				li--
				start = k
				// a compound may supply two letters ("Weltgesundheitsorganisation" is not handled)
			} else if stop[f] || connectors[f] || len(f) <= 3 {
				// skip function word
			} else {
				break
			}
			k--
		}
		if li < 0 && start >= 0 {
			out[i+1] = [2]int{start, i}
			continue
		}
		// Fall back to the capitalised run right before "(".
		k = i - 1
		for k >= 0 && toks[k].Kind == tWord && toks[k].Sent == toks[i].Sent && (unicode.IsUpper(firstRune(text[toks[k].Start:])) || connectors[toks[k].Fold]) {
			k--
		}
		if k+1 < i && unicode.IsUpper(firstRune(text[toks[k+1].Start:])) {
			out[i+1] = [2]int{k + 1, i}
		}
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
