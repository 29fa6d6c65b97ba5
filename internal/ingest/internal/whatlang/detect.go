package whatlang

import (
	"cmp"
	"slices"
	"unicode"
)

// Detect returns the language and script of text.
func Detect(text string) Info {
	script := DetectScript(text)
	if script != nil {
		lang, confidence := detectLangBaseOnScript(text, script)
		return Info{
			Lang:       lang,
			Script:     script,
			Confidence: confidence,
		}
	}

	return Info{
		Lang:       -1,
		Script:     nil,
		Confidence: 0,
	}
}

func detectLangBaseOnScript(text string, script *unicode.RangeTable) (Lang, float64) {
	switch script {
	case unicode.Latin:
		return detectLangInProfiles(text, latinProfiles)
	case unicode.Cyrillic:
		return detectLangInProfiles(text, cyrillicProfiles)
	case unicode.Devanagari:
		return detectLangInProfiles(text, devanagariProfiles)
	case unicode.Hebrew:
		return detectLangInProfiles(text, hebrewProfiles)
	case unicode.Ethiopic:
		return detectLangInProfiles(text, ethiopicProfiles)
	case unicode.Arabic:
		return detectLangInProfiles(text, arabicProfiles)
	case unicode.Han:
		return Cmn, 1
	case unicode.Bengali:
		return Ben, 1
	case unicode.Hangul:
		return Kor, 1
	case unicode.Georgian:
		return Kat, 1
	case unicode.Greek:
		return Ell, 1
	case unicode.Kannada:
		return Kan, 1
	case unicode.Tamil:
		return Tam, 1
	case unicode.Thai:
		return Tha, 1
	case unicode.Gujarati:
		return Guj, 1
	case unicode.Gurmukhi:
		return Pan, 1
	case unicode.Telugu:
		return Tel, 1
	case unicode.Malayalam:
		return Mal, 1
	case unicode.Oriya:
		return Ori, 1
	case unicode.Myanmar:
		return Mya, 1
	case unicode.Sinhala:
		return Sin, 1
	case unicode.Khmer:
		return Khm, 1
	case _HiraganaKatakana:
		return Jpn, 1
	default:
		return -1, 0
	}
}

type langDistance struct {
	lang Lang
	dist int
}

// profile is one language's trigrams, most frequent first, as rune
// triples (see key).
type profile struct {
	lang     Lang
	trigrams []key
}

// profileSet is the profiles of one script's languages, in Lang order
// (upstream ranges over a map, so languages at equal distance came out in
// random order; here the order is fixed), with an index from each trigram
// to the profiles holding it: a text's distance to every language is then
// made from one lookup per trigram of the text, instead of one lookup per
// trigram of every profile (300 for each of up to 40 languages).
type profileSet struct {
	profiles []profile
	index    map[key][]posting
}

// posting is one profile's rank of a trigram.
type posting struct{ profile, rank int32 }

var (
	latinProfiles      = profiles(latinLangs)
	cyrillicProfiles   = profiles(cyrillicLangs)
	devanagariProfiles = profiles(devanagariLangs)
	hebrewProfiles     = profiles(hebrewLangs)
	ethiopicProfiles   = profiles(ethiopicLangs)
	arabicProfiles     = profiles(arabicLangs)
)

func profiles(list langProfileList) *profileSet {
	set := &profileSet{index: map[key][]posting{}}
	for lang, trigrams := range list {
		p := profile{lang: lang}
		for _, t := range trigrams {
			k, ok := keyOf(t)
			if !ok {
				panic("whatlang: profile trigram " + t + " is not three runes")
			}
			p.trigrams = append(p.trigrams, k)
		}
		set.profiles = append(set.profiles, p)
	}
	slices.SortFunc(set.profiles, func(a, b profile) int { return int(a.lang) - int(b.lang) })
	for i, p := range set.profiles {
		for rank, k := range p.trigrams {
			set.index[k] = append(set.index[k], posting{int32(i), int32(rank)})
		}
	}
	return set
}

func detectLangInProfiles(text string, set *profileSet) (Lang, float64) {
	trigrams := getTrigramsWithPositions(text)

	// Each profile trigram missing from the text costs maxTrigramDistance,
	// one found at position n costs |n - rank|: start from all missing and
	// correct for those found.
	langDistances := make([]langDistance, len(set.profiles))
	for i, p := range set.profiles {
		langDistances[i] = langDistance{p.lang, maxTrigramDistance * len(p.trigrams)}
	}
	for k, n := range trigrams {
		for _, ps := range set.index[k] {
			langDistances[ps.profile].dist += abs(n-int(ps.rank)) - maxTrigramDistance
		}
	}

	switch len(langDistances) {
	case 0:
		return -1, 0
	case 1:
		return langDistances[0].lang, 1
	default:
		return calculateConfidence(langDistances, trigrams)
	}
}

func calculateConfidence(langDistances []langDistance, trigrams map[key]int) (Lang, float64) {
	slices.SortStableFunc(langDistances, func(a, b langDistance) int { return cmp.Compare(a.dist, b.dist) })
	langDist1 := langDistances[0]
	langDist2 := langDistances[1]
	score1 := maxTotalDistance - langDist1.dist
	score2 := maxTotalDistance - langDist2.dist

	var confidence float64
	if score1 == 0 {
		// If score1 is 0, score2 is 0 as well, because array is sorted.
		// Therefore there is no language to return.
		return -1, 0
	} else if score2 == 0 {
		// If score2 is 0, return first language, to prevent division by zero in the rate formula.
		// In this case confidence is calculated by another formula.
		// At this point there are two options:
		// * Text contains random characters that accidentally match trigrams of one of the languages
		// * Text really matches one of the languages.
		//
		// Number 500.0 is based on experiments and common sense expectations.
		confidence = float64((score1) / 500.0)
		if confidence > 1.0 {
			confidence = 1.0
		}
		return langDist1.lang, confidence
	}

	rate := float64((score1 - score2)) / float64(score2)

	// Hyperbola function. Everything that is above the function has confidence = 1.0
	// If rate is below, confidence is calculated proportionally.
	// Numbers 12.0 and 0.05 are obtained experimentally, so the function represents common sense.

	confidentRate := float64(12.0/float64(len(trigrams))) + 0.05
	if rate > confidentRate {
		confidence = 1.0
	} else {
		confidence = rate / confidentRate
	}

	return langDist1.lang, confidence
}
