package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
func tokenize(s string, out []token) []token {
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

func lowerASCIIFast(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// stem is a deliberately small suffix stripper: it folds the plural and
// verb endings that make the same word look different across reports
// ("quakes"/"quake", "killed"/"kill"), not a full Porter stemmer.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return w[:n-1]
	}
	return w
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
	maxYear  int // latest year mentioned: the year of the happening, as older years are background
	lang     string
}

func newFeaturizer() *featurizer {
	return &featurizer{counts: make(map[uint64]float64, 512), lowerSet: make(map[string]bool, 256)}
}

// features fills f.counts with the article's feature counts.
func (f *featurizer) features(title, text, lang string) map[uint64]float64 {
	f.lang = lang
	clear(f.counts)
	clear(f.lowerSet)
	f.maxYear = 0
	f.toks = tokenize(title, f.toks[:0])
	for _, t := range f.toks {
		if t.number || stopwords[t.lower] {
			continue
		}
		f.counts[hashTerm(chTitle, stem(t.lower))]++
	}
	// The title also counts as body text: its names and numbers are the
	// most telling ones of the article.
	f.addTokens(f.toks)
	// The body last, so that f.toks holds its tokens for the shingles.
	f.toks = tokenize(text, f.toks[:0])
	f.addTokens(f.toks)
	return f.counts
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
		if t.number || stopwords[t.lower] || len(t.lower) < 2 {
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
		if _, ok := months[t.lower]; ok {
			return false
		}
		return !weekdays[t.lower]
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.number {
			v := t.lower
			if len(v) == 4 && !strings.ContainsAny(v, ".") && (v[0] == '1' && v[1] >= '8' || v[0] == '2' && v[1] == '0') {
				f.counts[hashTerm(chYear, v)]++
				if y := int(v[0]-'0')*1000 + int(v[1]-'0')*100 + int(v[2]-'0')*10 + int(v[3]-'0'); y > f.maxYear {
					f.maxYear = y
				}
			} else {
				f.counts[hashTerm(chNumber, v)]++
			}
			continue
		}
		if m, ok := months[t.lower]; ok && (t.cap || len(t.lower) > 3) {
			if i+1 < len(toks) && toks[i+1].number {
				n := toks[i+1].lower
				if len(n) <= 2 {
					f.counts[hashPair(chDate, m, n)]++
				} else if len(n) == 4 {
					f.counts[hashPair(chDate, m, n)]++
				}
			}
		}
		if isName(t) {
			// Collect the whole run of name tokens.
			j := i
			f.name = f.name[:0]
			for j < len(toks) && isName(toks[j]) {
				f.name = append(f.name, toks[j].lower)
				j++
			}
			for _, n := range f.name {
				f.counts[hashTerm(chName, n)]++
				f.counts[hashTerm(chWord, stem(n))]++
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
			}
			if i > 0 && placePreps[toks[i-1].lower] {
				for _, n := range f.name {
					f.counts[hashTerm(chPlace, n)]++
				}
			}
			i = j - 1
			continue
		}
		if stopwords[t.lower] || len(t.lower) < 2 {
			continue
		}
		f.counts[hashTerm(chWord, stem(t.lower))]++
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

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all almost also although am among an and any are
aren't around as at be became because been before being below between both but by can cannot could
did didn't do does doesn't doing don't down during each either else even ever every few for from further
get gets got had hadn't has hasn't have haven't having he he'd he'll her here here's hers herself him himself
his how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let like made make
many may me might more most much must my myself neither no nor not now of off often on once one only or other
ought our ours ourselves out over own per quite rather said same say says she should shouldn't since so some
still such than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those though through thus to too under until up upon us very was wasn't we we'd we'll
we're we've were weren't what what's when where which while who whom whose why will with within without
won't would wouldn't yet you your yours yourself yourselves s t d ll re ve m mr mrs ms dr also told according
two three four five six seven eight nine ten first second new news year years day days week weeks month months
time times today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
am pm et gmt est pst utc local report reported reports reuters ap afp copyright rights reserved`) {
		m[w] = true
	}
	return m
}()
