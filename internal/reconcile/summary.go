package reconcile

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// MMR trade-off: how much a sentence's own worth counts against its
// redundancy with sentences already chosen. Redundancy is the share of a
// sentence's feature weight the chosen sentences already hold; past
// maxCovered a sentence only repeats them (paraphrases of the lead share
// names, numbers and places, not wording, so a symmetric similarity
// would miss them).
const (
	mmrLambda  = 0.6
	maxCovered = 0.55
)

// summary picks 3 to 5 claims (fewer for a tiny event) by maximal marginal
// relevance. A claim's worth is how many independent outlets make it, how
// early it comes in its article (news leads with the essentials) and how
// much of the event's main actors and places it names that the summary
// does not cover yet; its redundancy is its greatest similarity to a
// chosen claim. Each chosen sentence cites the article it came from and
// every article with an aligned claim; a conflicting claim's sentence
// states one side, so it counts and cites only the articles of that side
// (the claims section shows the other).
func (c *buildCtx) summary(clusters []*cluster, claims []news.Claim, infos []claimInfo, sents []sent, ft *featTable) []news.SummarySentence {
	want := 5
	switch {
	case len(c.arts) <= 2:
		want = 3
	case len(c.arts) <= 4:
		want = 4
	}
	salience := map[string]float64{}
	for _, x := range c.an {
		seen := map[string]bool{}
		for _, m := range x.Mentions {
			seen[entityKey(m)] = true
		}
		for _, p := range x.Places {
			seen["p:"+fold(p.Name)] = true
		}
		for k := range seen {
			salience[k] += 1 / float64(len(c.arts))
		}
	}
	keysOf := func(s *sent) []string {
		ks := make([]string, 0, len(s.people)+len(s.ents)+len(s.places))
		ks = append(ks, s.people...)
		ks = append(ks, s.ents...)
		for _, p := range s.places {
			ks = append(ks, "p:"+p)
		}
		return ks
	}
	groups := map[int]bool{}
	for _, g := range c.group {
		groups[g] = true
	}

	var cands []int
	inLang := 0
	for i := range claims {
		s := &sents[infos[i].rep]
		n := s.nwords
		if n < 5 || n > 70 || s.nstems < 3 || !endsSentence(s.text) {
			continue // fragments, headlines and run-ons read badly
		}
		cands = append(cands, i)
		if s.lang == c.mainLang {
			inLang++
		}
	}
	if inLang >= min(want, len(cands)) && inLang > 0 {
		kept := cands[:0]
		for _, i := range cands {
			if sents[infos[i].rep].lang == c.mainLang {
				kept = append(kept, i)
			}
		}
		cands = kept
	}
	base := make(map[int]float64, len(cands))
	for _, i := range cands {
		ci := infos[i]
		base[i] = 0.6*float64(ci.groups)/float64(len(groups)) + 0.4/(1+float64(ci.firstPos))
		if claims[i].Status == news.Conflicting {
			// It can only be told as one side says it.
			base[i] = 0.6*float64(len(sideOf(claims[i], sents[ci.rep].art, c)))/float64(len(groups)) + 0.4/(1+float64(ci.firstPos))
		}
	}
	// Only the best candidates by worth enter the quadratic MMR loop.
	sort.SliceStable(cands, func(a, b int) bool { return base[cands[a]] > base[cands[b]] })
	if len(cands) > 200 {
		cands = cands[:200]
	}

	covered := map[string]bool{}
	seen := map[int32]bool{} // features of the chosen sentences
	var chosen []int
	for len(chosen) < want {
		best, bestScore := -1, 0.0
		for _, i := range cands {
			if contains(chosen, i) {
				continue
			}
			s := &sents[infos[i].rep]
			gain := 0.0
			for _, k := range keysOf(s) {
				if !covered[k] {
					gain += salience[k]
				}
			}
			worth := base[i] + 0.3*min(gain, 1.5)
			red := coveredShare(s.feats, seen, ft)
			score := mmrLambda*worth - (1-mmrLambda)*red
			if red > maxCovered {
				continue // it mostly repeats what the summary says
			}
			if best < 0 || score > bestScore+1e-12 {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			break
		}
		chosen = append(chosen, best)
		for _, k := range keysOf(&sents[infos[best].rep]) {
			covered[k] = true
		}
		for _, f := range sents[infos[best].rep].feats {
			seen[f] = true
		}
	}
	sort.Slice(chosen, func(a, b int) bool {
		x, y := infos[chosen[a]], infos[chosen[b]]
		if x.firstPos != y.firstPos {
			return x.firstPos < y.firstPos
		}
		return x.firstArt < y.firstArt
	})
	out := make([]news.SummarySentence, 0, len(chosen))
	for _, i := range chosen {
		src := claims[i].Sources
		if claims[i].Status == news.Conflicting {
			src = sideOf(claims[i], sents[infos[i].rep].art, c)
		}
		out = append(out, news.SummarySentence{Text: claims[i].Text, Sources: src})
	}
	return out
}

// sideOf returns the articles that give the same value as article art in a
// conflicting claim: a sentence stating one side cites only its side.
func sideOf(claim news.Claim, art int, c *buildCtx) []string {
	id := c.arts[art].ID
	for _, v := range claim.Values {
		for _, s := range v.Sources {
			if s == id {
				return v.Sources
			}
		}
	}
	return []string{id}
}

// coveredShare is the share of feats' weight found in seen.
func coveredShare(feats []int32, seen map[int32]bool, ft *featTable) float64 {
	var in, all float64
	for _, f := range feats {
		w := ft.weight[f]
		all += w
		if seen[f] {
			in += w
		}
	}
	if all == 0 {
		return 0
	}
	return in / all
}

// endsSentence reports whether s ends like a sentence, not a headline.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'’”»)")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// dateline matches the wire-style dateline that opens a report: the place
// in capitals, an optional date, an optional agency in parentheses, then a
// dash ("TALLINN, Dec 13 (Nordic Wire) - ", "WASHINGTON (Reuters) — ",
// "BERLIN, 16. Dezember (dpa) - ").
var dateline = regexp.MustCompile(`^\p{Lu}[\p{Lu}\p{M}.'’ -]{2,40}(?:/[\p{Lu}\p{M}.'’ -]{2,40})?(?:,[^()\-–—\n]{1,30}?)?\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s+`)

// stripDateline drops a report's dateline from a sentence that states a
// claim (and may open the summary), where it would name one outlet's place
// and agency as if they were the event's; the article page keeps it.
func stripDateline(s string) string {
	loc := dateline.FindStringIndex(s)
	if loc == nil {
		return s
	}
	head := s[:loc[1]]
	caps := 0
	for _, r := range head {
		if unicode.IsUpper(r) {
			caps++
		}
	}
	rest := s[loc[1]:]
	if caps < 3 || rest == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(rest)
	return string(unicode.ToUpper(r)) + rest[size:]
}

// tidy readies a sentence to state a claim on its own: without the
// report's dateline, and with the quotation marks a quote running over
// several sentences opened or closed in another sentence ('We are against
// salaries that do not pay the rent," union leader Rui Canelas said.').
func tidy(s string) string {
	return balanceQuotes(stripDateline(s))
}

// balanceQuotes adds the quotation mark a sentence cut out of a longer
// quote lacks: an opening one before it when it closes a quote it did not
// open, a closing one after it when it opens one it does not close. « and
// „ always open, » and ” always close; “ and " open when they start a word
// and close when they end one (“ closes German quotes).
func balanceQuotes(s string) string {
	depth, minDepth := 0, 0
	firstClose, lastOpen := "", ""
	prev := ' '
	for _, r := range s {
		opening, closing := false, false
		switch r {
		case '«', '„':
			opening = true
		case '»', '”':
			closing = true
		case '“', '"':
			if unicode.IsSpace(prev) || prev == '(' || prev == '[' {
				opening = true
			} else {
				closing = true
			}
		}
		switch {
		case opening:
			depth++
			lastOpen = string(r)
		case closing:
			depth--
			if depth < minDepth {
				minDepth = depth
				if firstClose == "" {
					firstClose = string(r)
				}
			}
		}
		prev = r
	}
	opener := map[string]string{"”": "“", "»": "«", "“": "„", `"`: `"`}
	closer := map[string]string{"“": "”", "«": "»", "„": "“", `"`: `"`}
	if minDepth < 0 && firstClose != "" {
		s = opener[firstClose] + s
		depth -= minDepth
	}
	if depth > 0 && lastOpen != "" {
		s += closer[lastOpen]
	}
	return s
}
