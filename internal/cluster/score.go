package cluster

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"
)

// The pair scorer: the probability that two articles report the same
// event, a logistic regression over similarity features of the two
// (Miranda et al. 2018, "Multilingual clustering of streaming news", score
// article-cluster pairs the same way). The weights are learned from the
// labeled corpora of ../shared/data by `go generate ./internal/cluster`
// (see train/) and embedded as model.json.

// Pair features, in the order of Model.Weights.
const (
	fBias = iota
	fCosWord
	fCosName
	fCosPhrase
	fCosPlace
	fCosYear
	fCosNumber
	fCosDate
	fCosTitle
	fPlaceConflict  // both name places, none shared
	fPhraseConflict // both have multi-word names, none shared
	fDateConflict   // both give dates, none shared
	fYearConflict   // latest years differ
	fLogGap         // ln(1 + days apart)
	fGapWeek        // more than 7 days apart
	fGapUnknown     // one is undated
	fLangDiffer
	fSameOutlet
	fShingles // word-shingle Jaccard
	fRareNames
	fNamesLate    // name similarity of reports more than a week apart
	fWordsNames   // words × names
	fCrossNames   // name similarity across languages
	fCrossWhen    // date and number similarity across languages
	fRefersDay    // the later report, days after, names the earlier one's day (or the day or two before)
	fRefersMonth  // the later report, over a week after, names the earlier one's month, another month than its own
	fRareLate     // rare names shared by reports more than a week apart
	fPlaceLate    // place similarity of reports more than a week apart
	fPhraseLate   // multi-word name similarity of reports more than a week apart
	fTitleNumbers // both headlines give numbers, none shared (a toll, an amount)
	fLeadNumbers  // both leads give numbers, none shared
	numFeatures
)

// FeatureNames names the pair features, for the model file.
var FeatureNames = [numFeatures]string{
	"bias", "cos_word", "cos_name", "cos_phrase", "cos_place", "cos_year", "cos_number", "cos_date", "cos_title",
	"place_conflict", "phrase_conflict", "date_conflict", "year_conflict", "log_gap_days", "gap_over_week",
	"gap_unknown", "lang_differ", "same_outlet", "shingle_jaccard", "rare_names", "names_late", "words_x_names",
	"cross_names", "cross_when", "refers_day", "refers_month", "rare_late", "place_late", "phrase_late",
	"title_number_conflict", "lead_number_conflict",
}

// Model is the pair scorer's weights and the thresholds tuned with them.
type Model struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	// Late are the weights for pairs published more than Config.MaxGap
	// apart, which only meet by sharing a key (see Keys): a follow-up
	// months later is told by other evidence than a report of the same
	// week. Empty: Weights score them too.
	Late []float64 `json:"late,omitempty"`
	// Join is the average pair probability two groups of articles need to
	// be one event (average linkage, see settle).
	Join float64 `json:"join"`
	// Edge is the pair probability that links two articles into one
	// component to be settled.
	Edge float64 `json:"edge"`
	// Trained says on what and how, for the record.
	Trained string `json:"trained,omitempty"`
}

//go:generate go run ./train -out model.json
//go:embed model.json
var modelJSON []byte

// DefaultModel is the embedded model.
func DefaultModel() Model {
	m, err := ParseModel(modelJSON)
	if err != nil {
		panic(fmt.Sprintf("cluster: embedded model.json: %v", err))
	}
	return m
}

// ParseModel decodes a model file and checks it against this build's
// features.
func ParseModel(b []byte) (Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return m, err
	}
	if len(m.Weights) != numFeatures || len(m.Features) != numFeatures {
		return m, fmt.Errorf("%d weights for %d features, this build has %d", len(m.Weights), len(m.Features), numFeatures)
	}
	for i, n := range m.Features {
		if n != FeatureNames[i] {
			return m, fmt.Errorf("feature %d is %q, this build has %q", i, n, FeatureNames[i])
		}
	}
	if len(m.Late) != 0 && len(m.Late) != numFeatures {
		return m, fmt.Errorf("%d late weights for %d features", len(m.Late), numFeatures)
	}
	if m.Join <= 0 || m.Join >= 1 || m.Edge <= 0 || m.Edge >= 1 {
		return m, fmt.Errorf("thresholds join %v, edge %v out of (0, 1)", m.Join, m.Edge)
	}
	return m, nil
}

// features fills f with the pair features of x and y.
func (c *Clusterer) features(x, y *doc, f *[numFeatures]float64) {
	x, y = c.fresh(x), c.fresh(y)
	var dot [numChannels]float64
	rare := 0
	rareMax := c.rareMax()
	a, b := x.vec, y.vec
	ha, hb := x.hs, y.hs
	// A merge of the two sorted vectors (their hashes, packed) whose
	// steps are computed, not branched on: most terms are not shared, and
	// a branch on which side is smaller is mispredicted half the time.
	for i, j := 0, 0; i < len(ha) && j < len(hb); {
		ah, bh := ha[i], hb[j]
		if ah == bh {
			ch := channelOf(ah)
			dot[ch] += a[i].w * b[j].w
			if ch == chName || ch == chPhrase {
				if df := c.df[ah]; df >= 2 && df <= rareMax {
					rare++
				}
			}
		}
		i += b2i(ah <= bh)
		j += b2i(bh <= ah)
	}
	jac := 0.0
	if len(x.sh) > 0 && len(y.sh) > 0 {
		jac = jaccard(x.sh, y.sh)
	}
	pairFeatures(x, y, &dot, rare, jac, f)
}

// rareMax is the largest document frequency of a rare name.
func (c *Clusterer) rareMax() float64 { return math.Max(rareMin, c.ndocs*rareFrac) }

// pairFeatures fills f from the per-channel dot products of x's and y's
// vectors, the count of rare names they share and their shingle Jaccard.
func pairFeatures(x, y *doc, dot *[numChannels]float64, rare int, jac float64, f *[numFeatures]float64) {
	*f = [numFeatures]float64{}
	both := x.mask & y.mask
	has := func(ch int) bool { return both&(1<<ch) != 0 }
	f[fBias] = 1
	for ch := range numChannels {
		if has(ch) {
			f[fCosWord+ch] = dot[ch]
		}
	}
	conflict := func(ch int) float64 {
		if has(ch) && dot[ch] == 0 {
			return 1
		}
		return 0
	}
	f[fPlaceConflict] = conflict(chPlace)
	f[fPhraseConflict] = conflict(chPhrase)
	f[fDateConflict] = conflict(chDate)
	if len(x.tnums) > 0 && len(y.tnums) > 0 && !intersects(x.tnums, y.tnums) {
		f[fTitleNumbers] = 1
	}
	if len(x.lnums) > 0 && len(y.lnums) > 0 && !intersects(x.lnums, y.lnums) {
		f[fLeadNumbers] = 1
	}
	if x.year != 0 && y.year != 0 && x.year != y.year {
		f[fYearConflict] = 1
	}
	if x.t.IsZero() || y.t.IsZero() {
		f[fGapUnknown] = 1
	} else {
		gap := x.t.Sub(y.t).Abs()
		days := float64(gap) / float64(24*time.Hour)
		f[fLogGap] = math.Log1p(days)
		if days > 7 {
			f[fGapWeek] = 1
		}
	}
	cross := x.lang != "" && y.lang != "" && x.lang != y.lang
	if cross {
		f[fLangDiffer] = 1
	}
	if x.outlet != "" && x.outlet == y.outlet {
		f[fSameOutlet] = 1
	}
	f[fShingles] = jac
	f[fRareNames] = math.Log1p(float64(rare))
	names := math.Max(f[fCosName], f[fCosPhrase])
	f[fNamesLate] = names * f[fGapWeek]
	f[fWordsNames] = f[fCosWord] * names
	if cross {
		f[fCrossNames] = names
		f[fCrossWhen] = (f[fCosDate] + f[fCosNumber] + f[fCosYear]) / 3
	}
	f[fRefersDay], f[fRefersMonth] = refersBack(x, y)
	f[fRareLate] = f[fRareNames] * f[fGapWeek]
	f[fPlaceLate] = f[fCosPlace] * f[fGapWeek]
	f[fPhraseLate] = f[fCosPhrase] * f[fGapWeek]
}

// refersBack sees a follow-up name the time of the first report: "the
// shooting on November 12", "arrested in the February killing". The
// earlier article's publication day stands for its happening (which is
// often the day or two before).
func refersBack(x, y *doc) (day, month float64) {
	if x.t.IsZero() || y.t.IsZero() {
		return 0, 0
	}
	early, late := x, y
	if late.t.Before(early.t) {
		early, late = late, early
	}
	gap := late.t.Sub(early.t)
	if gap <= 2*24*time.Hour {
		return 0, 0
	}
	for back := range 3 {
		t := early.t.AddDate(0, 0, -back)
		if _, ok := slices.BinarySearch(late.days, uint16(int(t.Month())*32+t.Day())); ok {
			day = 1
			break
		}
	}
	if gap > 7*24*time.Hour && early.t.Month() != late.t.Month() && late.months&(1<<int(early.t.Month())) != 0 {
		month = 1
	}
	return day, month
}

// prob is the model's probability that x and y report one event,
// remembered while neither article is re-weighed (settling a component
// again each batch would otherwise score its pairs again).
func (c *Clusterer) prob(x, y *doc) float64 {
	p, _ := c.probMemo(x, y)
	return p
}

// probMemo is prob and the pair's memo (which may be stale when the
// probability was remembered; see pairMemo.fits).
func (c *Clusterer) probMemo(x, y *doc) (float64, pairMemo) {
	x, y = c.fresh(x), c.fresh(y)
	k := pairKey(x.serial, y.serial)
	e := c.pairs.slot(k) // a new one is zero, stamped with no weighing
	if e.at == float32(max(x.at, y.at)) && c.ndocs <= float64(e.n)*cacheRatio+1 {
		return float64(e.p), e.m
	}
	p := c.scoreMemo(x, y, &e.m)
	e.p, e.at, e.n = float32(p), float32(max(x.at, y.at)), float32(c.ndocs)
	return p, e.m
}

// pairKey packs a pair of serials into one word (the smaller first), the
// map's fast path: serials wrap after 2^32 articles inserted, long after
// the cache was cleared.
func pairKey(a, b uint64) uint64 {
	if a > b {
		a, b = b, a
	}
	return a<<32 | b&(1<<32-1)
}

// cached is a remembered pair probability, when its vectors were
// weighed, and the documents seen when it was scored (the rare-name count
// moves with the stream); and the pair's memo (see memo.go).
type cached struct {
	p, at, n float32
	m        pairMemo
}

// cacheRatio is how far the stream may grow before a remembered pair is
// scored again.
const cacheRatio = 1.05

// maxCache bounds the remembered pair probabilities (both generations).
const maxCache = 1 << 19

// weights are the model's weights for the pair x, y: Model.Late beyond
// the window, when the model has them.
func (c *Clusterer) weights(x, y *doc) []float64 {
	if len(c.model.Late) > 0 && c.late(x, y) {
		return c.model.Late
	}
	return c.model.Weights
}

// late tells whether x and y are published more than Config.MaxGap apart.
func (c *Clusterer) late(x, y *doc) bool {
	return !x.t.IsZero() && !y.t.IsZero() && x.t.Sub(y.t).Abs() > c.cfg.MaxGap
}

func dotWeights(w []float64, f *[numFeatures]float64) float64 {
	s := 0.0
	for i, v := range f {
		s += w[i] * v
	}
	return s
}

// b2i is 1 for true and 0 for false, compiled without a branch.
func b2i(b bool) int {
	n := 0
	if b {
		n = 1
	}
	return n
}

func logistic(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
