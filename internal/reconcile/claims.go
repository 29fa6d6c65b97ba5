package reconcile

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Feature kinds. A sentence's features are interned as "kind:value".
const (
	kWord   = 'w'
	kEnt    = 'e' // org or misc entity (canonical key)
	kPerson = 'h' // person entity (canonical key)
	kPlace  = 'p'
	kNum    = 'n'
	kDate   = 'd'
	kCount  = 'c' // what a figure counts, e.g. "dead"
)

// Thresholds of alignment, on the weighted Jaccard similarity of two
// sentences' features. alignMin joins sentences that say the same thing;
// conflictMin joins sentences that agree on everything except one slot
// (which has been taken out of both), so it is stricter: a sentence that
// shares only its frame with another must share most of it. alignMin was
// set on the golden events (testdata/events): paraphrases and translations
// of one statement scored 0.25 to 0.45 there, the closest unrelated pair
// 0.20 (go test -run TestDumpPairs -v -dump prints them).
const (
	alignMin    = 0.25
	conflictMin = 0.42
	// candidateClusters caps how many existing claims one sentence is
	// compared with in full: those sharing the most feature weight with it.
	candidateClusters = 8
	// membersCompared caps the members of one claim a sentence is compared
	// with (the first and the latest ones).
	membersCompared = 4
	// postingsCap skips, when looking for candidates, features held by
	// more claims than this.
	postingsCap = 256
)

// figure is one number of a sentence with the class of what it counts.
type figure struct {
	class string
	lo    float64
	hi    float64
	text  string
	// approx is set when the number is hedged ("about 40").
	approx bool
	// unit is the base unit of an amount ("litres", "tonnes"; see
	// amountClass), lo and hi being in it.
	unit string
}

// sent is one sentence of one article, reduced to the features that decide
// alignment.
type sent struct {
	art    int // index into the sorted articles
	pos    int // sentence index within its article
	group  int // independence group of its article
	text   string
	nwords int
	nstems int // content words
	lang   string
	feats  []int32 // sorted unique feature ids
	ents   []string
	people []string
	places []string
	dates  []string // day-granular dates, sorted unique
	figs   []figure
}

// featTable interns features and keeps their document frequency (number of
// sentences holding them) and, after weigh, their weights.
type featTable struct {
	ids    map[string]int32
	kinds  []byte
	values []string // the value of each feature, without its kind
	df     []int32
	weight []float64
}

func newFeatTable() *featTable { return &featTable{ids: map[string]int32{}} }

func (ft *featTable) id(kind byte, v string) int32 {
	key := string(kind) + ":" + v
	if id, ok := ft.ids[key]; ok {
		return id
	}
	id := int32(len(ft.kinds))
	ft.ids[key] = id
	ft.kinds = append(ft.kinds, kind)
	ft.values = append(ft.values, v)
	ft.df = append(ft.df, 0)
	return id
}

// kindBoost says how much a shared feature of each kind tells that two
// sentences state the same claim. Names and numbers survive translation and
// paraphrase; content words do not always.
var kindBoost = map[byte]float64{kWord: 1, kEnt: 1.6, kPerson: 1.6, kPlace: 1.4, kNum: 1.6, kDate: 1.3, kCount: 1.2}

func (ft *featTable) weigh(n int) {
	ft.weight = make([]float64, len(ft.df))
	for i, df := range ft.df {
		ft.weight[i] = kindBoost[ft.kinds[i]] * math.Log(1+float64(n)/float64(df))
	}
}

// crossLangWord is how much a content word found in only one of two
// sentences in different languages counts against their similarity: a
// translation cannot share most of its words, so only the shared ones
// (cognates, names written as words) and the language-neutral features
// (entities, places, numbers, dates) should decide.
const crossLangWord = 0.25

// sim is the weighted Jaccard similarity of two sorted feature lists,
// ignoring features whose kind is in skip.
func (ft *featTable) sim(a, b []int32, skip kindSet) float64 {
	return ft.simLang(a, b, skip, false)
}

// simLang is sim for two sentences that may be in different languages
// (cross), where unshared content words weigh crossLangWord.
func (ft *featTable) simLang(a, b []int32, skip kindSet, cross bool) float64 {
	var inter, union float64
	lone := 1.0
	if cross {
		lone = crossLangWord
	}
	alone := func(f int32) float64 {
		if ft.kinds[f] == kWord {
			return lone * ft.weight[f]
		}
		return ft.weight[f]
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		switch {
		case x < y:
			if !skip.has(ft.kinds[x]) {
				union += alone(x)
			}
			i++
		case y < x:
			if !skip.has(ft.kinds[y]) {
				union += alone(y)
			}
			j++
		default:
			if !skip.has(ft.kinds[x]) {
				w := ft.weight[x]
				inter += w
				union += w
			}
			i++
			j++
		}
	}
	for ; i < len(a); i++ {
		if !skip.has(ft.kinds[a[i]]) {
			union += alone(a[i])
		}
	}
	for ; j < len(b); j++ {
		if !skip.has(ft.kinds[b[j]]) {
			union += alone(b[j])
		}
	}
	if union == 0 {
		return 0
	}
	return inter / union
}

// kindSet is a set of feature kinds.
type kindSet uint8

func kindBit(k byte) kindSet {
	switch k {
	case kWord:
		return 1
	case kEnt:
		return 2
	case kPerson:
		return 4
	case kPlace:
		return 8
	case kNum:
		return 16
	case kDate:
		return 32
	case kCount:
		return 64
	}
	return 0
}

func kinds(ks ...byte) kindSet {
	var s kindSet
	for _, k := range ks {
		s |= kindBit(k)
	}
	return s
}

func (s kindSet) has(k byte) bool { return s != 0 && s&kindBit(k) != 0 }

// sharedWords counts the content-word features two sentences share.
func (ft *featTable) sharedWords(a, b []int32) int {
	n := 0
	for f := range shared(a, b) {
		if ft.kinds[f] == kWord {
			n++
		}
	}
	return n
}

// differingSlot names the one slot on which two sentences disagree, if they
// disagree on exactly one: "figure" (a number of the same class), "date"
// (one day each, different), "place" (disjoint places) or "person"
// (disjoint, dissimilar people). It returns the feature kinds to leave out
// when comparing the rest.
func differingSlot(a, b *sent) (slot string, skip kindSet) {
	var slots []string
	if figuresDiffer(a.figs, b.figs) {
		slots = append(slots, "figure")
		skip |= kinds(kNum)
	}
	if len(a.dates) == 1 && len(b.dates) == 1 && a.dates[0] != b.dates[0] {
		slots = append(slots, "date")
		skip |= kinds(kDate, kNum)
	}
	if len(a.places) > 0 && len(b.places) > 0 && disjoint(a.places, b.places) {
		slots = append(slots, "place")
		skip |= kinds(kPlace)
	}
	if len(a.people) == 1 && len(b.people) == 1 && a.people[0] != b.people[0] {
		slots = append(slots, "person")
		skip |= kinds(kPerson)
	}
	if len(slots) != 1 {
		return "", 0
	}
	return slots[0], skip
}

func figuresDiffer(a, b []figure) bool {
	for _, x := range a {
		for _, y := range b {
			if x.class != "" && x.class == y.class && !overlaps(x, y) {
				return true
			}
		}
	}
	return false
}

// overlaps reports whether two figures can be the same value: ranges that
// meet, in the same unit.
func overlaps(x, y figure) bool { return x.unit == y.unit && x.lo <= y.hi && y.lo <= x.hi }

func disjoint(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return false
			}
		}
	}
	return true
}

// cluster is one claim under construction.
type cluster struct {
	members []int // indexes into sents
	arts    map[int]bool
}

// alignSentences groups sentences into claims. Sentences are visited in
// publication order; each joins the best existing claim it aligns with (one
// sentence per article per claim) or starts a new one. Candidate claims
// come from an inverted index of features, scored by the weight of the
// features they share with the sentence (as a search engine ranks
// documents); only the best few are compared in full.
func alignSentences(sents []sent, ft *featTable) []*cluster {
	var clusters []*cluster
	postings := make([][]int32, len(ft.kinds)) // feature → clusters holding it
	acc := make([]float64, len(sents))         // per cluster, reset after each sentence
	var touched []int32
	for si := range sents {
		s := &sents[si]
		touched = touched[:0]
		for _, f := range s.feats {
			p := postings[f]
			if len(p) > postingsCap {
				continue // a feature this common says little and costs much
			}
			w := ft.weight[f]
			for _, c := range p {
				if acc[c] == 0 {
					touched = append(touched, c)
				}
				acc[c] += w
			}
		}
		slices.SortFunc(touched, func(x, y int32) int {
			if acc[x] != acc[y] {
				if acc[x] > acc[y] {
					return -1
				}
				return 1
			}
			return int(x - y)
		})
		best, bestScore := int32(-1), 0.0
		compared := 0
		for _, c := range touched {
			cl := clusters[c]
			if cl.arts[s.art] {
				continue
			}
			if compared == candidateClusters {
				break
			}
			compared++
			score := 0.0
			for k, m := range cl.members {
				if k >= 1 && k < len(cl.members)-(membersCompared-1) {
					continue
				}
				if v := pairScore(s, &sents[m], ft); v > score {
					score = v
				}
			}
			if score > bestScore {
				best, bestScore = c, score
			}
		}
		for _, c := range touched {
			acc[c] = 0
		}
		var cl *cluster
		var cid int32
		if best >= 0 && bestScore > 0 {
			cl, cid = clusters[best], best
		} else {
			cl = &cluster{arts: map[int]bool{}}
			cid = int32(len(clusters))
			clusters = append(clusters, cl)
		}
		cl.members = append(cl.members, si)
		cl.arts[s.art] = true
		for _, f := range s.feats {
			p := postings[f]
			if len(p) == 0 || p[len(p)-1] != cid {
				postings[f] = append(p, cid)
			}
		}
	}
	return clusters
}

// pairScore is how well two sentences align: their similarity when they
// state the same thing, or when they differ on exactly one slot, the
// similarity of the rest (if high enough); 0 when they do not align.
func pairScore(a, b *sent, ft *featTable) float64 {
	if a.art == b.art {
		return 0
	}
	cross := a.lang != b.lang
	if s := ft.simLang(a.feats, b.feats, 0, cross); s >= alignMin {
		// Two sentences that share only names (no content word, number or
		// date) are about the same people, not the same statement.
		if ft.sharedWords(a.feats, b.feats) > 0 || sharesKind(a.feats, b.feats, ft, kNum, kDate) {
			return s
		}
	}
	slot, skip := differingSlot(a, b)
	if slot == "" {
		return 0
	}
	if s := ft.simLang(a.feats, b.feats, skip, cross); s >= conflictMin && ft.sharedWords(a.feats, b.feats) >= 2 {
		return s * 0.9
	}
	return 0
}

func sharesKind(a, b []int32, ft *featTable, kinds ...byte) bool {
	for f := range shared(a, b) {
		if slices.Contains(kinds, ft.kinds[f]) {
			return true
		}
	}
	return false
}

// claimOf turns a cluster into a news.Claim: its text (the most central
// member, in the event's main language when one is), its sources and
// independent outlets, and its status. A slot on which members disagree
// makes it conflicting, with each value and who gives it.
func claimOf(cl *cluster, sents []sent, ft *featTable, ctx *buildCtx) news.Claim {
	rep := representative(cl, sents, ft, ctx.mainLang)
	c := news.Claim{Text: tidy(sents[rep].text)}
	groups := map[int]bool{}
	for _, m := range cl.members {
		s := &sents[m]
		c.Sources = append(c.Sources, ctx.arts[s.art].ID)
		groups[s.group] = true
	}
	c.Sources = ctx.sortIDs(c.Sources)
	c.Outlets = ctx.outletsOf(c.Sources)
	if slot, values := conflictOf(cl, sents, ft, ctx); slot != "" {
		c.Status = news.Conflicting
		c.Slot = slot
		c.Values = values
		c.Kind = ctx.disagreementKind(slot, cl, sents, values)
		// The claim is told as its best-supported side tells it.
		side := &cluster{arts: map[int]bool{}}
		for _, m := range cl.members {
			if slices.Contains(values[0].Sources, ctx.arts[sents[m].art].ID) {
				side.members = append(side.members, m)
			}
		}
		if len(side.members) > 0 {
			c.Text = tidy(sents[representative(side, sents, ft, ctx.mainLang)].text)
		}
		return c
	}
	if len(groups) >= 2 {
		c.Status = news.Corroborated
	} else {
		c.Status = news.Single
	}
	return c
}

func representative(cl *cluster, sents []sent, ft *featTable, mainLang string) int {
	cands := cl.members
	var inLang []int
	for _, m := range cl.members {
		if sents[m].lang == mainLang {
			inLang = append(inLang, m)
		}
	}
	if len(inLang) > 0 {
		cands = inLang
	}
	if len(cands) > 12 {
		cands = cands[:12]
	}
	scores := make([]float64, len(cands))
	bestScore := -1.0
	for i, a := range cands {
		for _, b := range cl.members {
			if a != b {
				scores[i] += ft.sim(sents[a].feats, sents[b].feats, 0)
			}
		}
		bestScore = max(bestScore, scores[i])
	}
	// Among the nearly most central, the earliest report's wording: the
	// first report is usually the original the others rewrite, translate
	// or garble, and reads best.
	best := -1
	for i, a := range cands {
		if scores[i] >= repSlack*bestScore-1e-12 && (best < 0 || sents[a].art < sents[best].art) {
			best = a
		}
	}
	return best
}

// repSlack is how close to the most central sentence of a claim another
// must be to stand for it (see representative).
const repSlack = 0.85

// conflictOf looks for a slot on which the members of a claim disagree. A
// figure slot is per class of what is counted; values that overlap (a range
// and a number inside it) agree. Only members that give exactly one value
// for the slot vote, so a sentence listing several dates does not conflict
// with each of them.
func conflictOf(cl *cluster, sents []sent, ft *featTable, ctx *buildCtx) (string, []news.ClaimValue) {
	if len(cl.members) < 2 {
		return "", nil
	}

	slots := map[string][]vote{}
	// Places and people every voting member names are the claim's frame,
	// not a value ("Blinken met Safadi in Amman ... Gaza" against "... in
	// Cairo ... Gaza": the value is Amman or Cairo).
	commonPlaces := common(cl, sents, func(s *sent) []string { return s.places })
	commonPeople := common(cl, sents, func(s *sent) []string { return s.people })
	for _, m := range cl.members {
		s := &sents[m]
		// Only places the gazetteer resolved vote: a name merely typed as
		// a place ("Indians") is too often not one.
		places := slices.DeleteFunc(without(s.places, commonPlaces), func(p string) bool { _, ok := ctx.placeGeo[p]; return !ok })
		people := without(s.people, commonPeople)
		perClass := map[string][]figure{}
		for _, f := range s.figs {
			if f.class != "" {
				perClass[f.class] = append(perClass[f.class], f)
			}
		}
		for class, fs := range perClass {
			for _, f := range figureVotes(s, class, fs) {
				slots["figure:"+class] = append(slots["figure:"+class], vote{value: formatFigure(f), fig: f, art: s.art, sent: m})
			}
		}
		if len(s.dates) == 1 {
			slots["date"] = append(slots["date"], vote{value: s.dates[0], art: s.art, sent: m})
		}
		if len(places) == 1 {
			slots["place"] = append(slots["place"], vote{value: places[0], art: s.art, sent: m})
		}
		// Only a sentence naming one person votes for who: with several,
		// which one fills the slot is anyone's guess.
		if len(s.people) == 1 && len(people) == 1 {
			slots["person"] = append(slots["person"], vote{value: people[0], art: s.art, sent: m})
		}
	}
	names := make([]string, 0, len(slots))
	for k := range slots {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		return slotRank(names[i]) < slotRank(names[j]) || (slotRank(names[i]) == slotRank(names[j]) && names[i] < names[j])
	})
	apart := false
	for _, slot := range names {
		votes := slots[slot]
		byValue := map[string][]int{}
		var order []string
		for i, v := range votes {
			key := v.value
			for _, o := range order {
				first := votes[byValue[o][0]]
				// A range absorbs the numbers inside it; a country its
				// cities.
				if (strings.HasPrefix(slot, "figure:") && overlaps(first.fig, v.fig)) || (slot == "place" && ctx.samePlace(first.value, v.value)) {
					key = o
					break
				}
			}
			if _, ok := byValue[key]; !ok {
				order = append(order, key)
			}
			byValue[key] = append(byValue[key], i)
		}
		if len(order) < 2 {
			continue
		}
		if slot == "person" && !ctx.distinctPeople(order) {
			continue
		}
		if needsStrict(slot) && !strictlyAligned(votes, byValue, order, slot, sents, ft) {
			continue
		}
		if class, ok := strings.CutPrefix(slot, "figure:"); ok && !tollClasses[class] && daysApart(votes, byValue, order, sents) {
			// Two happenings, each with its day: their days differ
			// as much as their figures, and neither is disagreed on.
			apart = true
			continue
		}
		if slot == "date" && apart {
			continue
		}
		var values []news.ClaimValue
		for _, key := range order {
			var ids []string
			for _, i := range byValue[key] {
				ids = append(ids, ctx.arts[votes[i].art].ID)
			}
			ids = ctx.sortIDs(ids)
			values = append(values, news.ClaimValue{Value: ctx.displayValue(slot, key), Sources: ids, Outlets: ctx.outletsOf(ids)})
		}
		sort.SliceStable(values, func(i, j int) bool { return len(values[i].Outlets) > len(values[j].Outlets) })
		return slot, values
	}
	return "", nil
}

// daysApart reports whether each value of a slot is given only by
// sentences naming days, and no two values share one: "a magnitude 6.1
// earthquake struck on Tuesday" and "a magnitude 4.7 aftershock shook the
// coast on Wednesday" measure two shocks, not one disagreed on. Tolls are
// exempt: they rise from one day to the next, which is an update.
func daysApart(votes []vote, byValue map[string][]int, order []string, sents []sent) bool {
	var days [][]string
	for _, key := range order {
		var ds []string
		for _, i := range byValue[key] {
			d := sents[votes[i].sent].dates
			if len(d) == 0 {
				return false
			}
			ds = append(ds, d...)
		}
		for _, other := range days {
			if !disjoint(ds, other) {
				return false
			}
		}
		days = append(days, ds)
	}
	return true
}

// common returns the values that every member of cl with any values has.
func common(cl *cluster, sents []sent, of func(*sent) []string) []string {
	var out []string
	first := true
	for _, m := range cl.members {
		vs := of(&sents[m])
		if len(vs) == 0 {
			continue
		}
		if first {
			out = slices.Clone(vs)
			first = false
			continue
		}
		out = slices.DeleteFunc(out, func(v string) bool { return !slices.Contains(vs, v) })
	}
	return out
}

func without(xs, drop []string) []string {
	if len(drop) == 0 {
		return xs
	}
	var out []string
	for _, x := range xs {
		if !slices.Contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

// vote is one member's value for a slot.
type vote struct {
	value string
	fig   figure
	art   int
	sent  int // index into sents
}

// strictMin is how similar, the slot aside, two sentences giving different
// people or places must be for that to be a conflict. Who said something
// and which places a sentence names vary a lot between reports of the
// same fact, so only near-identical statements count.
const strictMin = 0.5

// strictPersonMin is strictMin for people, stricter still: reports
// attribute the same words to different speakers all the time.
const strictPersonMin = 0.6

// needsStrict reports whether a slot's conflicts need strictlyAligned
// sentences: people, places, and figures counting things outside the
// known vocabulary of countClass (where "AK-47 rifles" and "three guns"
// easily pair up).
func needsStrict(slot string) bool {
	if k, ok := strings.CutPrefix(slot, "figure:"); ok {
		if k == amountClass {
			return false // units are a known vocabulary too
		}
		for _, c := range countClass {
			if c == k {
				return false
			}
		}
		return true
	}
	return slot == "person" || slot == "place"
}

// strictlyAligned reports whether some sentence of the first value and
// some sentence of another value are, with the slot's features left out,
// at least strictMin alike.
func strictlyAligned(votes []vote, byValue map[string][]int, order []string, slot string, sents []sent, ft *featTable) bool {
	skip := kinds(kNum)
	switch slot {
	case "place":
		skip = kinds(kPlace)
	case "person":
		skip = kinds(kPerson)
	}
	min := strictMin
	if slot == "person" {
		min = strictPersonMin
	}
	for _, i := range byValue[order[0]] {
		a := &sents[votes[i].sent]
		for _, other := range order[1:] {
			for _, j := range byValue[other] {
				b := &sents[votes[j].sent]
				if ft.simLang(a.feats, b.feats, skip, a.lang != b.lang) >= min {
					return true
				}
			}
		}
	}
	return false
}

func slotRank(s string) int {
	switch {
	case strings.HasPrefix(s, "figure:"):
		return 0
	case s == "date":
		return 1
	case s == "place":
		return 2
	}
	return 3
}

func formatFigure(f figure) string {
	v := strconv.FormatFloat(f.lo, 'f', -1, 64)
	if f.hi > f.lo {
		v += "–" + strconv.FormatFloat(f.hi, 'f', -1, 64)
	}
	switch {
	case f.unit != "":
		v += " " + f.unit
	case f.class != "":
		v += " " + f.class
	}
	return v
}

// tollConflicts finds figures of the known classes (dead, injured,
// missing...) on which independent outlets disagree even where their
// sentences did not align: "At least 12 people died after a ferry
// capsized" and "Norwegian police now say 15 people died" word the same
// fact too differently to align, yet a toll that differs between sources
// is the conflict a reader most needs to see. Each such class (dead,
// injured, missing) becomes one extra claim made of the sentences giving a
// single value for it. Sentences about another time (a date more than two
// weeks from the event, or another year named) or another place (one that
// is not among the event's main places or within them) are left out, so a
// background paragraph on an earlier disaster does not conflict with
// today's toll. Classes already in conflict in an aligned claim are
// skipped.
func (c *buildCtx) tollConflicts(clusters []*cluster, sents []sent, ft *featTable) []*cluster {
	known := map[string]bool{"dead": true, "injured": true, "missing": true, amountClass: true}
	done := map[string]bool{}
	for _, cl := range clusters {
		if slot, _ := conflictOf(cl, sents, ft, c); strings.HasPrefix(slot, "figure:") {
			done[strings.TrimPrefix(slot, "figure:")] = true
		}
	}
	main := where(c.eventPlaces(), c.locScores())
	elsewhere := func(s *sent) bool {
		for _, p := range s.places {
			if _, ok := c.placeGeo[p]; !ok {
				continue
			}
			if !slices.ContainsFunc(main, func(w news.GeoPlace) bool { return c.samePlace(p, fold(w.Name)) }) {
				return true
			}
		}
		return false
	}
	when := c.when()
	start, errStart := time.Parse(time.DateOnly, when.Start)
	type hit struct {
		sent  int
		value figure
	}
	byClass := map[string][]hit{}
	for i := range sents {
		s := &sents[i]
		if (errStart == nil && !sameTime(s, start)) || elsewhere(s) {
			continue
		}
		perClass := map[string][]figure{}
		for _, f := range s.figs {
			if known[f.class] {
				perClass[f.class] = append(perClass[f.class], f)
			}
		}
		for class, fs := range perClass {
			if done[class] {
				continue
			}
			for _, f := range figureVotes(s, class, fs) {
				byClass[class] = append(byClass[class], hit{i, f})
			}
		}
	}
	classes := make([]string, 0, len(byClass))
	for class := range byClass {
		classes = append(classes, class)
	}
	sort.Strings(classes)
	var out []*cluster
	for _, class := range classes {
		hits := byClass[class]
		groups := map[int]bool{}
		distinct := false
		for _, h := range hits {
			groups[sents[h.sent].group] = true
			if !overlaps(h.value, hits[0].value) {
				distinct = true
			}
		}
		if !distinct || len(groups) < 2 {
			continue
		}
		cl := &cluster{arts: map[int]bool{}}
		for _, h := range hits {
			a := sents[h.sent].art
			// An amount's article may give each side in a sentence of
			// its own ("The company says 2,000 litres." ... "Campaigners
			// say ten tonnes."); a toll's gives one count.
			if !cl.arts[a] || (class == amountClass && !slices.Contains(cl.members, h.sent) && !givesValue(cl, sents, a, h.value)) {
				cl.arts[a] = true
				cl.members = append(cl.members, h.sent)
			}
		}
		// Kept to one sentence per article, the members may agree after
		// all; the claim would then only repeat aligned ones.
		if slot, _ := conflictOf(cl, sents, ft, c); slot == "" {
			continue
		}
		out = append(out, cl)
	}
	return out
}

// mergeConflicts joins claims that disagree on the same figure slot and
// share a value: "The company said 2,000 litres" (against one source's ten
// tonnes) and "Campaigners estimate ten tonnes" (against one source's 2,000
// litres) are one disagreement, and the reader should see it once with every
// source on each side. The merged claim takes the place of the first.
func (c *buildCtx) mergeConflicts(clusters []*cluster, sents []sent, ft *featTable) []*cluster {
	type conflict struct {
		at     int
		values []news.ClaimValue
	}
	bySlot := map[string][]conflict{}
	var slots []string
	for i, cl := range clusters {
		slot, values := conflictOf(cl, sents, ft, c)
		if !strings.HasPrefix(slot, "figure:") {
			continue
		}
		if _, ok := bySlot[slot]; !ok {
			slots = append(slots, slot)
		}
		bySlot[slot] = append(bySlot[slot], conflict{i, values})
	}
	drop := map[int]bool{}
	for _, slot := range slots {
		cs := bySlot[slot]
		for j := 1; j < len(cs); j++ {
			if !shareValue(cs[0].values, cs[j].values) {
				continue
			}
			into, from := clusters[cs[0].at], clusters[cs[j].at]
			for _, m := range from.members {
				if !slices.Contains(into.members, m) {
					into.members = append(into.members, m)
					into.arts[sents[m].art] = true
				}
			}
			slices.Sort(into.members)
			drop[cs[j].at] = true
		}
	}
	if len(drop) == 0 {
		return clusters
	}
	out := clusters[:0]
	for i, cl := range clusters {
		if !drop[i] {
			out = append(out, cl)
		}
	}
	return out
}

func shareValue(a, b []news.ClaimValue) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Value == y.Value {
				return true
			}
		}
	}
	return false
}

// figureVotes returns the values of class a sentence votes for, given its
// figures fs of that class: the one figure it gives; for an amount, each
// side of a sentence that contrasts sources (amountVotes); none otherwise.
func figureVotes(s *sent, class string, fs []figure) []figure {
	if class == amountClass {
		return amountVotes(s, fs)
	}
	if len(fs) == 1 {
		return fs
	}
	return nil
}

// givesValue reports whether a member of cl from article art already gives
// a figure overlapping v.
func givesValue(cl *cluster, sents []sent, art int, v figure) bool {
	for _, m := range cl.members {
		if sents[m].art == art && slices.ContainsFunc(sents[m].figs, func(f figure) bool { return overlaps(f, v) }) {
			return true
		}
	}
	return false
}

// sameTime reports whether a sentence speaks of the event's time: no day
// more than 14 days from start, and no year named other than start's.
func sameTime(s *sent, start time.Time) bool {
	for _, d := range s.dates {
		t, err := time.Parse(time.DateOnly, d)
		if err == nil && (t.Sub(start) > 14*24*time.Hour || start.Sub(t) > 14*24*time.Hour) {
			return false
		}
	}
	for _, w := range words(s.text) {
		if len(w) == 4 && isNumber(w) && (w[0] == '1' || w[0] == '2') && w != strconv.Itoa(start.Year()) {
			return false
		}
	}
	return true
}
