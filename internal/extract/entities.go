package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/lex"
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
			// "St. Louis", "Ft. Worth", "Mt. Vernon": a saint's, fort's or
			// mount's abbreviation opening a run is part of the name.
			if t.Kind == tPunct && text[t.Start] == '.' && (j-1 == i || stop[toks[j-2].Fold]) && placeAbbrevs[text[toks[j-1].Start:toks[j-1].End]] && toks[j-1].End == t.Start &&
				j+1 < len(toks) && onlySpace(text, t.End, toks[j+1].Start) && a.isCap(text, &toks[j+1]) {
				j += 2
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

// placeAbbrevs open place names: Saint, Sainte, Fort, Mount.
var placeAbbrevs = set("St", "Ste", "Ft", "Mt")

func (a *Analyzer) fold(text string, toks []token, s, e int) string {
	if e-s == 1 {
		return toks[s].Fold
	}
	return lex.FoldName(text[toks[s].Start:toks[e-1].End])
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

// abbrevDefs finds "Long Form (ABBR)" and returns, per abbreviation token
// index, the token range of its long form. The long form is found by
// matching the abbreviation's letters against word initials backwards,
// skipping short function words, so lower-case inner words work too
// ("Organisation du traité de l'Atlantique nord (OTAN)"); a hyphenated
// word gives the initials of its capitalised parts ("Hayat Tahrir
// al-Sham (HTS)"). An abbreviation whose letters do not match, as in
// another language ("the World Health Organization (OMS)"), names the
// capitalised run right before the parenthesis.
func abbrevDefs(text string, toks []token) map[int][2]int {
	out := map[int][2]int{}
	for i := 1; i+2 < len(toks); i++ {
		if text[toks[i].Start] != '(' || toks[i+1].Kind != tWord || text[toks[i+2].Start] != ')' {
			continue
		}
		ab := text[toks[i+1].Start:toks[i+1].End]
		if !lex.IsAcronym(ab) || utf8.RuneCountInString(ab) > 8 {
			continue
		}
		if s, ok := initialsMatch(text, toks, i, []rune(strings.ToLower(strings.ReplaceAll(ab, ".", "")))); ok {
			out[i+1] = [2]int{s, i}
		} else if s, ok := capitalRun(text, toks, i); ok {
			out[i+1] = [2]int{s, i}
		}
	}
	return out
}

// initialsMatch matches the letters of an abbreviation against the
// initials of the words before token i, last letter first, and returns
// the first token of the long form.
func initialsMatch(text string, toks []token, i int, letters []rune) (int, bool) {
	k := i - 1
	li := len(letters) - 1
	start := -1
	for k >= 0 && k >= i-len(letters)-5 && li >= 0 && toks[k].Sent == toks[i].Sent {
		t := &toks[k]
		if t.Kind != tWord {
			break
		}
		ini := wordInitials(text[t.Start:t.End])
		if n := len(ini); n > 0 && n <= li+1 && string(letters[li-n+1:li+1]) == string(ini) {
			li -= n
			start = k
			// a compound may supply two letters ("Weltgesundheitsorganisation" is not handled)
		} else if stop[t.Fold] || connectors[t.Fold] || len(t.Fold) <= 3 {
			// skip function word
		} else {
			break
		}
		k--
	}
	return start, li < 0 && start >= 0
}

// wordInitials returns the lower-case initials of a word: its first
// letter, or for a hyphenated word the first letters of its capitalised
// parts ("al-Sham" → "s", "Saint-Germain" → "sg").
func wordInitials(w string) []rune {
	parts := strings.Split(w, "-")
	if len(parts) > 1 {
		var out []rune
		for _, p := range parts {
			if r := firstRune(p); unicode.IsUpper(r) {
				out = append(out, unicode.ToLower(r))
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return []rune{unicode.ToLower(firstRune(w))}
}

// capitalRun returns the first token of the run of capitalised words and
// connectors right before token i. A sentence's first word joined to the
// rest by a connector is left out unless it names a kind of organisation:
// "Officials of the World Health Organization (OMS)" defines "World
// Health Organization", "Ministry of Health (MS)" the whole.
func capitalRun(text string, toks []token, i int) (int, bool) {
	capital := func(k int) bool {
		w := text[toks[k].Start:toks[k].End]
		return unicode.IsUpper(firstRune(w)) || (strings.Contains(w, "-") && unicode.IsUpper(wordInitialsUpper(w)))
	}
	k := i - 1
	for k >= 0 && toks[k].Kind == tWord && toks[k].Sent == toks[i].Sent && (capital(k) || connectors[toks[k].Fold]) {
		k--
	}
	s := k + 1
	for s < i && connectors[toks[s].Fold] {
		s++
	}
	if s >= i || !capital(s) {
		return 0, false
	}
	first := s == 0 || toks[s-1].Sent != toks[s].Sent
	if first && s+1 < i && connectors[toks[s+1].Fold] && !orgHeads[toks[s].Fold] {
		n := s + 1
		for n < i && connectors[toks[n].Fold] {
			n++
		}
		if n < i && capital(n) {
			s = n
		}
	}
	return s, true
}

// wordInitialsUpper returns the first capital that begins a part of a
// hyphenated word ("al-Sham" → 'S'), or 0.
func wordInitialsUpper(w string) rune {
	for _, p := range strings.Split(w, "-") {
		if r := firstRune(p); unicode.IsUpper(r) {
			return r
		}
	}
	return 0
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
