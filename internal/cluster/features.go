package cluster

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/lex"
)

// Feature channels. Each feature hash carries its channel in the top four
// bits so that one sparse vector holds all channels and each channel can
// have its own weight.
const (
	chWord   = iota // lowercase, lightly stemmed content word
	chName          // one capitalised token or acronym inside a name
	chPhrase        // a whole multi-word name ("tara_reid")
	chPlace         // a name right after in/at/near/from
	chYear          // a four-digit year
	chNumber        // any other number
	chDate          // month + day or month + year
	chTitle         // a word of the headline
	numChannels
)

const chShift = 60

func channelOf(h uint64) int { return int(h >> chShift) }

// hashTerm is FNV-1a over the channel byte and the term, with the channel
// also stored in the top bits. Hashes instead of strings keep the maps small
// and the hot path free of allocations; a 60-bit collision between two
// terms of one stream is too rare to matter for clustering.
func hashTerm(ch int, s string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(ch)
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h&(1<<chShift-1) | uint64(ch)<<chShift
}

func hashPair(ch int, a, b string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(ch)
	h *= 1099511628211
	for i := 0; i < len(a); i++ {
		h ^= uint64(a[i])
		h *= 1099511628211
	}
	h ^= ' '
	h *= 1099511628211
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= 1099511628211
	}
	return h&(1<<chShift-1) | uint64(ch)<<chShift
}

// token is one word or number of an article.
type token struct {
	text     string // as written
	lower    string
	startSen bool // first token of a sentence (or line)
	cap      bool // begins with an upper-case letter
	acronym  bool // two or more letters, all upper case
	number   bool // digits, possibly with , or . inside
}

// tokenize splits s into words and numbers. Apostrophes and hyphens inside
// a word split it; "Reid's" gives "Reid" and "s", which the stop list drops.
//
// With spaceGroups, a space (or no-break space) between a group of at most
// three digits and exactly three more is part of the number ("2 000", as
// French writes it).
func tokenize(s string, out []token, spaceGroups bool) []token {
	startSen := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r):
			j := i + size
			upper := 0
			letters := 1
			if unicode.IsUpper(r) {
				upper++
			}
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				if unicode.IsUpper(r2) {
					upper++
				}
				letters++
				j += s2
			}
			w := s[i:j]
			out = append(out, token{
				text:     w,
				lower:    lowerASCIIFast(w),
				startSen: startSen,
				cap:      unicode.IsUpper(r),
				acronym:  letters >= 2 && upper == letters,
			})
			startSen = false
			i = j
		case r >= '0' && r <= '9':
			j := i + 1
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += 2
					continue
				}
				if spaceGroups {
					if w := spaceWidth(s[j:]); w > 0 && groupLen(s[i:j]) <= 3 && threeDigits(s[j+w:]) {
						j += w + 3
						continue
					}
				}
				break
			}
			out = append(out, token{text: s[i:j], lower: strings.ReplaceAll(s[i:j], ",", ""), startSen: startSen, number: true})
			startSen = false
			i = j
		default:
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '"' || r == '`' || r == '\'' && i+1 < len(s) && s[i+1] == '\'' {
				startSen = true
			}
			i += size
		}
	}
	return out
}

// spaceWidth is the byte length of a space, no-break space or narrow
// no-break space at the start of s, or 0.
func spaceWidth(s string) int {
	switch {
	case strings.HasPrefix(s, " "):
		return 1
	case strings.HasPrefix(s, "\u00a0"), strings.HasPrefix(s, "\u202f"):
		return len("\u00a0")
	}
	return 0
}

// groupLen is the number of digits after the last separator of a number.
func groupLen(s string) int {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] >= '0' && s[i] <= '9'; i-- {
		n++
	}
	return n
}

// threeDigits reports whether s starts with exactly three digits.
func threeDigits(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := range 3 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

func lowerASCIIFast(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

var months = map[string]string{
	"january": "01", "february": "02", "march": "03", "april": "04", "may": "05", "june": "06",
	"july": "07", "august": "08", "september": "09", "october": "10", "november": "11", "december": "12",
	"jan": "01", "feb": "02", "mar": "03", "apr": "04", "jun": "06", "jul": "07", "aug": "08",
	"sep": "09", "sept": "09", "oct": "10", "nov": "11", "dec": "12",
}

var placePreps = map[string]bool{"in": true, "at": true, "near": true, "from": true, "off": true, "outside": true}

// featurizer turns an article into feature counts. It is reused across
// articles to keep allocation low; it is not safe for concurrent use.
type featurizer struct {
	toks     []token
	counts   map[uint64]float64
	lowerSet map[string]bool
	name     []string
	sb       strings.Builder
	maxYear  int            // latest year mentioned: the year of the happening, as older years are background
	days     []uint16       // month×32 + day of each explicit day mentioned ("12 November", "Nov. 12", 12.11.)
	months   uint16         // bit m set: month m named
	tnums    []uint64       // hashes of the numbers of the headline, by value
	lnums    []uint64       // of the lead: the body's first leadSentences sentences
	phrases  map[string]int // multi-word names written ("tara_reid") → times; -1 once one follows in/at/near/from
	lang     string
	monthsL  map[string]string // month names of lang, besides English
	gaz      *geo.Gazetteer    // the places' other names, loaded at the first report not in English (see gazetteer)
	gazTried bool
}

// gazetteer loads the gazetteer on first use: parsing it takes half a
// second, which a stream all in English never needs. Nil if it did not
// load (it is embedded, so geo's own tests fail first).
func (f *featurizer) gazetteer() *geo.Gazetteer {
	if !f.gazTried {
		f.gaz, _ = geo.Load()
		f.gazTried = true
	}
	return f.gaz
}

// year counts a four-digit year.
func (f *featurizer) year(v string) {
	f.counts[hashTerm(chYear, v)]++
	if y := int(v[0]-'0')*1000 + int(v[1]-'0')*100 + int(v[2]-'0')*10 + int(v[3]-'0'); y > f.maxYear {
		f.maxYear = y
	}
}

// day records an explicit day of a month (m two digits, d the day's
// digits), for the pair feature that sees a later report name the day of
// an earlier one.
func (f *featurizer) day(m, d string) {
	n, err := strconv.Atoi(strings.TrimLeft(d, "0"))
	if err != nil || n < 1 || n > 31 {
		return
	}
	f.days = append(f.days, uint16(monthNum(m)*32+n))
}

// monthNum is the number of a two-digit month, 0 if it is not one.
func monthNum(m string) int {
	n, err := strconv.Atoi(m)
	if err != nil || n < 1 || n > 12 {
		return 0
	}
	return n
}

// month returns the two-digit month of an English month name or one of
// the article's language.
func (f *featurizer) month(lower string) (string, bool) {
	if m, ok := months[lower]; ok {
		return m, true
	}
	if f.monthsL != nil {
		m, ok := f.monthsL[lex.Fold(lower)]
		return m, ok
	}
	return "", false
}

// startSenCap is a capitalised token that starts a sentence: it says
// nothing of the next word's case.
func (t token) startSenCap() bool { return t.startSen && t.cap }

// germanNounBefore reports whether a German word right before a
// capitalised one makes that one a common noun: an article or
// determiner, or any other lower-case word except the prepositions names
// follow.
func germanNounBefore(t token) bool {
	if t.number || t.cap {
		return false
	}
	return !germanPreps[t.lower]
}

var germanPreps = map[string]bool{
	"in": true, "aus": true, "nach": true, "bei": true, "von": true, "mit": true, "für": true, "gegen": true,
	"zu": true, "an": true, "auf": true, "über": true, "unter": true, "zwischen": true, "durch": true, "bis": true,
	"seit": true, "nahe": true, "und": true, "oder": true, "sagte": true, "sagt": true, "wie": true, "laut": true,
}

// dottedDate parses "16.12.2024" (day.month.year, as written in most of
// Europe) into month, day (without leading zeros) and year.
func dottedDate(s string) (month, day, year string, ok bool) {
	p := strings.Split(s, ".")
	if len(p) != 3 || len(p[0]) < 1 || len(p[0]) > 2 || len(p[1]) < 1 || len(p[1]) > 2 || len(p[2]) != 4 {
		return "", "", "", false
	}
	d, m := atoiSmall(p[0]), atoiSmall(p[1])
	if d < 1 || d > 31 || m < 1 || m > 12 || !(p[2][0] == '1' && p[2][1] >= '8' || p[2][0] == '2' && p[2][1] == '0') {
		return "", "", "", false
	}
	return fmt.Sprintf("%02d", m), strconv.Itoa(d), p[2], true
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// numValue normalises a number as written to its value, so that "1,200"
// (English), "1.200" (German) and "1 200" (French) match, as do "6.1" and
// "6,1". The decimal mark follows the article's language: a comma for most
// languages of continental Europe, a point otherwise. A single separator
// followed by exactly three digits is taken as a thousands separator in
// either convention.
func (f *featurizer) numValue(s string) string {
	if strings.Contains(s, "\u00a0") || strings.Contains(s, "\u202f") {
		s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	}
	dec := byte('.')
	if decimalComma[f.lang] {
		dec = ','
	}
	var last byte
	lastAt, seps, kinds := -1, 0, 0
	var seen [3]bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		k := strings.IndexByte(".,  ", c)
		if k < 0 {
			continue
		}
		seps++
		last, lastAt = c, i
		if k > 2 {
			k = 2
		}
		if !seen[k] {
			seen[k] = true
			kinds++
		}
	}
	intPart, frac := s, ""
	switch {
	case seps == 0 || last == ' ':
	case kinds == 1 && seps == 1 && len(s)-lastAt-1 != 3:
		// One separator not followed by three digits: a decimal mark
		// whatever the language ("6,1", "3.5").
		intPart, frac = s[:lastAt], s[lastAt+1:]
	case kinds > 1 && strings.Count(s, string(last)) == 1:
		// "1,234.5", "1.234,5": the last, different separator is decimal.
		intPart, frac = s[:lastAt], s[lastAt+1:]
	case kinds == 1 && seps == 1 && last == dec && len(s)-lastAt-1 == 3 && len(s) > 5:
		// "12,345" in French reads 12.345 only if so written; four or
		// more digits before the mark are not grouped, so it is decimal.
		intPart, frac = s[:lastAt], s[lastAt+1:]
	}
	var b strings.Builder
	for i := 0; i < len(intPart); i++ {
		if c := intPart[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	out := strings.TrimLeft(b.String(), "0")
	if out == "" {
		out = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		out += "." + frac
	}
	return out
}

var decimalComma = map[string]bool{
	"de": true, "fr": true, "es": true, "it": true, "nl": true, "pt": true, "pl": true, "cs": true, "sv": true,
	"da": true, "no": true, "nb": true, "fi": true, "ru": true, "tr": true, "el": true, "ro": true, "hu": true,
}

// monthNames are the month names of languages besides English, accent
// folded, lower case; the English ones (always recognised) are months.
var monthNames = map[string]map[string]string{
	"de": {"januar": "01", "jänner": "01", "februar": "02", "marz": "03", "maerz": "03", "april": "04", "mai": "05", "juni": "06",
		"juli": "07", "august": "08", "september": "09", "oktober": "10", "november": "11", "dezember": "12"},
	"fr": {"janvier": "01", "fevrier": "02", "mars": "03", "avril": "04", "mai": "05", "juin": "06", "juillet": "07",
		"aout": "08", "septembre": "09", "octobre": "10", "novembre": "11", "decembre": "12"},
	"es": {"enero": "01", "febrero": "02", "marzo": "03", "abril": "04", "mayo": "05", "junio": "06", "julio": "07",
		"agosto": "08", "septiembre": "09", "setiembre": "09", "octubre": "10", "noviembre": "11", "diciembre": "12"},
	"it": {"gennaio": "01", "febbraio": "02", "marzo": "03", "aprile": "04", "maggio": "05", "giugno": "06", "luglio": "07",
		"agosto": "08", "settembre": "09", "ottobre": "10", "novembre": "11", "dicembre": "12"},
	"nl": {"januari": "01", "februari": "02", "maart": "03", "april": "04", "mei": "05", "juni": "06", "juli": "07",
		"augustus": "08", "september": "09", "oktober": "10", "november": "11", "december": "12"},
	"pt": {"janeiro": "01", "fevereiro": "02", "marco": "03", "abril": "04", "maio": "05", "junho": "06", "julho": "07",
		"agosto": "08", "setembro": "09", "outubro": "10", "novembro": "11", "dezembro": "12"},
}

func newFeaturizer() *featurizer {
	return &featurizer{counts: make(map[uint64]float64, 512), lowerSet: make(map[string]bool, 256), phrases: make(map[string]int, 64)}
}

// features fills f.counts with the article's feature counts.
func (f *featurizer) features(title, text, lang string) map[uint64]float64 {
	f.lang = lang
	f.monthsL = monthNames[lang]
	clear(f.counts)
	clear(f.lowerSet)
	clear(f.phrases)
	f.maxYear = 0
	f.days, f.months = f.days[:0], 0
	spaceGroups := lang != "" && lang != "en"
	f.toks = tokenize(title, f.toks[:0], spaceGroups)
	f.tnums = f.tnums[:0]
	for _, t := range f.toks {
		if t.number {
			f.tnums = append(f.tnums, hashTerm(chNumber, f.numValue(t.text)))
		}
		if t.number || stopword(t.lower) {
			continue
		}
		f.counts[hashTerm(chTitle, lex.StemLight(t.lower))]++
	}
	// The title also counts as body text: its names and numbers are the
	// most telling ones of the article.
	f.addTokens(f.toks)
	// The body last, so that f.toks holds its tokens for the shingles.
	f.toks = tokenize(text, f.toks[:0], spaceGroups)
	f.lnums = f.lnums[:0]
	sentences := 0
	for _, t := range f.toks {
		if t.startSen {
			if sentences++; sentences > leadSentences {
				break
			}
		}
		if t.number && !isYear(t.text) {
			f.lnums = append(f.lnums, hashTerm(chNumber, f.numValue(t.text)))
		}
	}
	f.addTokens(f.toks)
	return f.counts
}

// leadSentences is the body's lead: the sentences that give the
// happening's own figures (a toll, an amount) before the background. A
// quotation or a colon also starts one (see tokenize).
const leadSentences = 2

// isYear reports a four-digit year as written (a date, not a figure).
func isYear(v string) bool {
	return len(v) == 4 && !strings.ContainsAny(v, ".,") && (v[0] == '1' && v[1] >= '8' || v[0] == '2' && v[1] == '0')
}

func (f *featurizer) addTokens(toks []token) {
	// Words written in lower case somewhere in the article are ordinary
	// words when they start a sentence capitalised ("Another", "Police").
	for _, t := range toks {
		if !t.cap && !t.number {
			f.lowerSet[t.lower] = true
		}
	}
	isName := func(t token) bool {
		if t.number || stopword(t.lower) || len(t.lower) < 2 {
			return false
		}
		if t.acronym {
			return true
		}
		if !t.cap {
			return false
		}
		if t.startSen && (f.lowerSet[t.lower] || commonCaps[t.lower]) {
			return false
		}
		if _, ok := f.month(t.lower); ok {
			return false
		}
		return !weekdays[t.lower]
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.number {
			if m, d, y, ok := dottedDate(t.lower); ok {
				// 16.12.2024: the European numeric date.
				f.counts[hashPair(chDate, m, d)]++
				f.day(m, d)
				f.year(y)
				continue
			}
			v := t.text
			if isYear(v) {
				f.year(v)
				// Also as a number: "2000 Liter" and "2 000 litres".
				f.counts[hashTerm(chNumber, v)]++
			} else {
				num := f.numValue(t.text)
				if i+1 < len(toks) && len(num) <= 2 && !strings.Contains(num, ".") {
					if m, ok := f.month(toks[i+1].lower); ok {
						// "16 December", "16. Dezember", "16 décembre".
						f.counts[hashPair(chDate, m, num)]++
						f.day(m, num)
						continue
					}
				}
				f.counts[hashTerm(chNumber, num)]++
			}
			continue
		}
		if m, ok := f.month(t.lower); ok && (t.cap || len(t.lower) > 3) {
			f.months |= 1 << monthNum(m)
			if i+1 < len(toks) && toks[i+1].number {
				n := strings.TrimLeft(toks[i+1].lower, "0")
				if len(n) <= 2 && n != "" {
					f.counts[hashPair(chDate, m, n)]++
					f.day(m, n)
				} else if len(n) == 4 {
					f.counts[hashPair(chDate, m, n)]++
				}
			}
			if i > 0 && i+1 < len(toks) && toks[i-1].number && toks[i+1].number && len(toks[i+1].lower) == 4 {
				// "16 December 2024": the month and year too.
				f.counts[hashPair(chDate, m, toks[i+1].lower)]++
			}
		}
		if f.lang == "de" && t.cap && !t.acronym && i > 0 && !toks[i-1].startSenCap() && germanNounBefore(toks[i-1]) && (i+1 >= len(toks) || !isName(toks[i+1])) {
			// German capitalises every noun: a lone capitalised word after
			// an article or a lower-case word ("den Rhein", "verschmutztes
			// Löschwasser") is a noun, not a name, while names follow
			// prepositions ("in Basel") or come in runs ("Helvora Chemie
			// AG").
			if !stopword(t.lower) && len(t.lower) >= 2 {
				f.counts[hashTerm(chWord, lex.StemLight(t.lower))]++
			}
			continue
		}
		if isName(t) {
			// Collect the whole run of name tokens.
			j := i
			f.name = f.name[:0]
			for j < len(toks) && isName(toks[j]) {
				f.name = append(f.name, lex.Fold(toks[j].lower))
				j++
			}
			for _, n := range f.name {
				f.counts[hashTerm(chName, n)]++
				f.counts[hashTerm(chWord, lex.StemLight(n))]++
			}
			// In a report not in English, a town's other names (an exonym,
			// a local form) count as its own, so reports in two languages
			// name it alike. Not in English: GeoNames' alternate names
			// hold words and personal names of English news ("Hamas" is
			// a name of Hamm), and English reports name towns as the
			// gazetteer mostly does.
			var canon []string
			if f.lang != "" && f.lang != "en" && f.gazetteer() != nil {
				for _, n := range f.name {
					if c, ok := f.gaz.Canonical(n); ok {
						canon = append(canon, c)
					}
				}
				if len(f.name) > 1 {
					if c, ok := f.gaz.Canonical(strings.Join(f.name, " ")); ok {
						canon = append(canon, c)
					}
				}
				for _, c := range canon {
					f.counts[hashTerm(chName, c)]++
				}
			}
			if len(f.name) > 1 {
				f.sb.Reset()
				for k, n := range f.name {
					if k > 0 {
						f.sb.WriteByte('_')
					}
					f.sb.WriteString(n)
				}
				f.counts[hashTerm(chPhrase, f.sb.String())]++
				f.phrase(f.sb.String(), i > 0 && placePreps[toks[i-1].lower])
			}
			if i > 0 && placePreps[toks[i-1].lower] {
				for _, n := range f.name {
					f.counts[hashTerm(chPlace, n)]++
				}
				for _, c := range canon {
					f.counts[hashTerm(chPlace, c)]++
				}
			}
			i = j - 1
			continue
		}
		if stopword(t.lower) || len(t.lower) < 2 {
			continue
		}
		f.counts[hashTerm(chWord, lex.StemLight(t.lower))]++
	}
}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// commonCaps are words that are capitalised at the start of a sentence far
// more often than they name anything.
var commonCaps = map[string]bool{
	"according": true, "after": true, "also": true, "although": true, "another": true, "as": true,
	"before": true, "but": true, "despite": true, "during": true, "earlier": true, "however": true,
	"in": true, "last": true, "later": true, "meanwhile": true, "now": true, "officials": true,
	"police": true, "so": true, "still": true, "then": true, "there": true, "today": true,
	"tomorrow": true, "yesterday": true, "while": true, "witnesses": true, "authorities": true,
	"reports": true, "update": true, "updated": true, "breaking": true, "posted": true, "published": true,
}

// stopword reports a word that makes no feature: an English function word
// (lex), or one of the words every news report carries whatever it is
// about (numbers, calendar and clock words, agencies, bylines).
func stopword(w string) bool { return lex.IsStopIn("en", w) || newsNoise[w] }

var newsNoise = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`made make mr mrs ms dr
two three four five six seven eight nine ten first second new news year years day days week weeks month months
time times today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
am pm et gmt est pst utc local report reported reports reuters ap afp copyright rights reserved`) {
		m[w] = true
	}
	return m
}()
