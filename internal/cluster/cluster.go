// Package cluster groups a stream of articles into events, one article at a
// time, in the order they arrive. It sits between extract and reconcile in
// Dossier's pipeline but deliberately does not use extract's output: it
// computes its own cheap features (content words, capitalised names and
// acronyms, places after a preposition, years, dates, numbers, headline
// words) so that clustering stays fast enough for the ingest hot path.
//
// Each article becomes a TF-IDF vector with sublinear term frequency, where
// document frequencies are learned from the stream itself; words, names and
// dates are normalised as separate groups and their cosines mixed with
// weights, so that shared names count apart from shared vocabulary.
// Candidate events come from an inverted index over the top terms of the
// events in memory; each candidate is scored by its centroid cosine and,
// for the best two, by the cosine to its closest kept article, plus a small
// bonus for shared rare names, damped when the article's latest year is
// later than any the event mentions, and by the publication-time gap when
// both sides carry dates. The article joins the best event whose score
// clears Config.Threshold (lowered for events of one or two articles) or
// founds a new one. Near-duplicates (syndicated or lightly edited copies)
// are found by word-shingle Jaccard (or an equal Article.Hash) and marked
// DuplicateOf the earlier article, in the same event.
//
// Memory is bounded: events idle for longer than Config.Window (by
// publication time, relative to the newest time seen) are evicted, and
// beyond Config.MaxEvents the least recently updated events go, which is
// the only bound when articles carry no dates. Each event keeps at most
// maxMembers article vectors, and the document-frequency table is halved
// when it outgrows maxVocab.
//
// Decisions never change once made, and everything is computed in a fixed
// order, so the same input order always gives the same output.
package cluster

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"math"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Config tunes the clusterer. Start from DefaultConfig.
type Config struct {
	Window       time.Duration // events idle longer than this (by publication time) leave memory; default 7 days
	MaxEvents    int           // cap on events kept in memory (also used when articles have no dates); default 20000
	Threshold    float64       // similarity needed to join an event
	DupThreshold float64       // near-duplicate similarity (word-shingle Jaccard)
}

// DefaultConfig returns the tuned defaults. Threshold was tuned on the
// ECB+ train topics (see internal/eval); DupThreshold accepts copies that
// differ by a sentence or two.
func DefaultConfig() Config {
	return Config{
		Window:       7 * 24 * time.Hour,
		MaxEvents:    20000,
		Threshold:    0.28,
		DupThreshold: 0.6,
	}
}

// Internal knobs. They are constants rather than Config fields because
// they trade speed for recall in ways a user has no reason to change.
const (
	queryTerms  = 40 // top terms of an article used to look up candidates
	indexTerms  = 60 // top terms of an event kept in the inverted index
	maxMembers  = 24 // article vectors kept per event for single-article linkage
	maxVocab    = 2_000_000
	shingleK    = 4 // words per shingle
	shingleKeep = 4 // keep shingles whose hash is 0 mod this (sampling)
)

// channelWeight scales each feature channel before normalisation. Names,
// dates and multi-word names tell two events of the same kind apart; plain
// numbers are noisy (ages, counts) and weigh less.
var channelWeight = [numChannels]float64{
	chWord:   1.0,
	chName:   1.3,
	chPhrase: 1.3,
	chPlace:  0.8,
	chYear:   0.8,
	chNumber: 0.5,
	chDate:   0.8,
	chTitle:  1.0,
}

// Channels fall into groups, each normalised on its own, so that the
// similarity of two articles is a weighted mix of how alike their words
// are, how alike their names are and how alike their dates and numbers
// are. Two reports of the same kind of happening (two earthquakes, two
// rehab stays) share most words; the names and dates tell them apart, and
// a separate group keeps those from drowning in the word mass.
const (
	gWords = iota
	gNames
	gWhen
	numGroups
)

var groupOf = [numChannels]int{
	chWord: gWords, chTitle: gWords,
	chName: gNames, chPhrase: gNames, chPlace: gNames,
	chYear: gWhen, chDate: gWhen,
	// Plain numbers (ages, scores, counts) go with the words: on their own
	// they make a noisy group that pulls reports of one event apart.
	chNumber: gWords,
}

var groupWeight = [numGroups]float64{gWords: 0.35, gNames: 0.5, gWhen: 0.15}

// Assignment is the clustering decision for one article.
type Assignment struct {
	Article     string  `json:"id"`
	Event       string  `json:"event"`
	DuplicateOf string  `json:"duplicate_of,omitempty"`
	Score       float64 `json:"score"`
	NewEvent    bool    `json:"new_event"`
}

// term is one weighted feature of a sparse vector; vectors are sorted by h.
type term struct {
	h uint64
	w float64
}

type member struct {
	id       string
	mask     uint8    // groups present
	vec      []term   // L2-normalised per group, as added to the centroid
	shingles []uint64 // sorted, sampled
	year     int      // latest year mentioned, 0 if none
}

type event struct {
	id       string
	seq      uint64 // creation order, the deterministic tie-break
	lastSeq  uint64 // order of the last article added
	last     time.Time
	size     int
	centroid map[uint64]float64 // sum of the kept members' vec
	norm2    [numGroups]float64
	members  []member
	indexed  []uint64    // terms currently in the inverted index for this event
	hashes   []string    // text hashes of its articles, dropped with the event
	years    map[int]int // latest year mentioned → kept members
}

type hashRef struct {
	id  string
	seq uint64
}

// Clusterer assigns articles to events. It is not safe for concurrent use:
// streaming clustering is inherently sequential.
type Clusterer struct {
	cfg     Config
	feat    *featurizer
	df      map[uint64]float64
	ndocs   float64
	events  map[uint64]*event // by seq
	byID    map[string]*event
	index   map[uint64][]uint64 // term → event seqs
	seq     uint64
	newest  time.Time
	swept   time.Time          // newest time at the last eviction sweep
	hashes  map[string]hashRef // article Hash → first article with it, for events in memory
	scratch map[uint64]float64
}

// New returns a Clusterer. Zero fields of cfg take their DefaultConfig
// values.
func New(cfg Config) *Clusterer {
	d := DefaultConfig()
	if cfg.Window <= 0 {
		cfg.Window = d.Window
	}
	if cfg.MaxEvents <= 0 {
		cfg.MaxEvents = d.MaxEvents
	}
	if cfg.Threshold <= 0 {
		cfg.Threshold = d.Threshold
	}
	if cfg.DupThreshold <= 0 {
		cfg.DupThreshold = d.DupThreshold
	}
	return &Clusterer{
		cfg:     cfg,
		feat:    newFeaturizer(),
		df:      make(map[uint64]float64, 1<<16),
		events:  make(map[uint64]*event),
		byID:    make(map[string]*event),
		index:   make(map[uint64][]uint64, 1<<14),
		hashes:  make(map[string]hashRef),
		scratch: make(map[uint64]float64, 256),
	}
}

// EventID is the deterministic id of the event founded by the article
// firstArticleID: "e" and the first 12 hex digits of its SHA-1.
func EventID(firstArticleID string) string {
	s := sha1.Sum([]byte(firstArticleID))
	return "e" + hex.EncodeToString(s[:6])
}

// Events returns the number of events in memory.
func (c *Clusterer) Events() int { return len(c.events) }

// idf is the smoothed inverse document frequency learned so far.
func (c *Clusterer) idf(h uint64) float64 {
	// ln(1 + N/df) stays positive from the first article on, so early
	// articles of a stream still get usable (if flat) vectors.
	return math.Log(1 + c.ndocs/math.Max(c.df[h], 1))
}

// vectorize counts the article's features into the document frequencies
// and returns its TF-IDF terms (channel weight × sublinear tf × idf, not
// yet normalised, sorted by hash) and its shingles. Vectors are weighed
// once, with the idf known when the article arrives; re-weighing kept
// articles as the idf evolves was tried and changed no decision on ECB+.
func (c *Clusterer) vectorize(a *news.Article) ([]term, []uint64) {
	counts := c.feat.features(a.Title, a.Text)
	c.ndocs++
	raw := make([]term, 0, len(counts))
	for h, tf := range counts {
		df := c.df[h] + 1
		c.df[h] = df
		raw = append(raw, term{h, channelWeight[channelOf(h)] * (1 + math.Log(tf)) * math.Log(1+c.ndocs/df)})
	}
	if len(c.df) > maxVocab {
		c.forget()
	}
	// Sorted before truncation too, so that ties are cut the same way
	// whatever the map order.
	slices.SortFunc(raw, func(x, y term) int { return cmp.Compare(x.h, y.h) })
	if len(raw) > vecTerms {
		// Keep the heaviest terms: the tail of a long article is words
		// that occur once and are common, which cost time and memory and
		// add nothing to the match.
		ws := make([]term, len(raw))
		for i, t := range raw {
			ws[i] = term{uint64(i), t.w}
		}
		keep := make([]bool, len(raw))
		for _, t := range topTerms(ws, vecTerms) {
			keep[t.h] = true
		}
		kept := raw[:0]
		for i, t := range raw {
			if keep[i] {
				kept = append(kept, t)
			}
		}
		raw = slices.Clip(kept)
	}
	return raw, shingles(c.feat.toks)
}

// normalise scales the terms in place to unit length per group and
// returns them with the groups present. Sums run in hash order so that
// results do not depend on map order.
func normalise(vec []term) ([]term, uint8) {
	var n2 [numGroups]float64
	for _, t := range vec {
		n2[groupOf[channelOf(t.h)]] += t.w * t.w
	}
	var inv [numGroups]float64
	var mask uint8
	for g, n := range n2 {
		if n > 0 {
			inv[g] = 1 / math.Sqrt(n)
			mask |= 1 << g
		}
	}
	for i := range vec {
		vec[i].w *= inv[groupOf[channelOf(vec[i].h)]]
	}
	return vec, mask
}

// forget halves every document frequency and drops the terms that fall
// below one, so the vocabulary stays bounded on an endless stream while
// recent usage keeps its weight.
func (c *Clusterer) forget() {
	for h, v := range c.df {
		if v/2 < 1 {
			delete(c.df, h)
		} else {
			c.df[h] = v / 2
		}
	}
	c.ndocs /= 2
}

// Add decides the event of a and remembers it.
func (c *Clusterer) Add(a *news.Article) Assignment {
	raw, sh := c.vectorize(a)
	year := c.feat.maxYear
	vec, mask := normalise(raw)
	c.advance(a.Published)

	cands := c.candidates(vec)
	var (
		best      *event
		bestScore float64
		dupOf     string
		dupEvent  *event
		dupSim    float64
	)
	if h, ok := c.hashes[a.Hash]; ok && a.Hash != "" {
		if e := c.events[h.seq]; e != nil {
			dupOf, dupEvent, dupSim = h.id, e, 1
		}
	}
	// First the cheap centroid score for every candidate, then the
	// single-article linkage for the best few only.
	type scored struct {
		e    *event
		cent float64
	}
	ss := make([]scored, len(cands))
	for i, e := range cands {
		ss[i] = scored{e, c.adjust(e, c.centroidSim(e, vec, mask), vec, year, a.Published)}
	}
	slices.SortStableFunc(ss, func(x, y scored) int { return cmp.Compare(y.cent, x.cent) })
	for i, sc := range ss {
		e := sc.e
		s, link := sc.cent, 0.0
		if i < linkCands {
			link = linkSim(e, vec, mask)
			s = math.Max(s, c.adjust(e, linkWeight*link, vec, year, a.Published))
		}
		s /= sizeFactor(e.size)
		if s > bestScore {
			best, bestScore = e, s
		}
		// Near-duplicates can only be among close articles; checking the
		// shingles of those alone keeps the test cheap.
		if dupSim < 1 && link >= 0.5 && len(sh) > 0 {
			for i := range e.members {
				m := &e.members[i]
				if len(m.shingles) == 0 {
					continue
				}
				if j := jaccard(sh, m.shingles); j >= c.cfg.DupThreshold && j > dupSim {
					dupOf, dupEvent, dupSim = m.id, e, j
				}
			}
		}
	}
	as := Assignment{Article: a.ID}
	switch {
	case dupEvent != nil:
		best = dupEvent
		as.DuplicateOf = dupOf
		as.Score = math.Max(bestScore, dupSim)
	case best != nil && bestScore >= c.cfg.Threshold:
		as.Score = bestScore
	default:
		best = nil
		as.Score = bestScore
	}
	if best == nil {
		// An article id seen before (the same article added twice) keeps
		// its event rather than founding a second one under the same id.
		if best = c.byID[EventID(a.ID)]; best == nil {
			best = c.newEvent(EventID(a.ID))
			as.NewEvent = true
		}
	}
	as.Event = best.id
	c.join(best, a, member{id: a.ID, mask: mask, vec: vec, shingles: sh, year: year})
	return as
}

// Restore re-enters a stored decision (a.Event and a.DuplicateOf already
// set) without deciding, so a Clusterer can be warmed up from the database.
// An article without an event founds one under EventID(a.ID).
func (c *Clusterer) Restore(a *news.Article) {
	raw, sh := c.vectorize(a)
	year := c.feat.maxYear
	vec, mask := normalise(raw)
	c.advance(a.Published)
	id := a.Event
	if id == "" {
		id = EventID(a.ID)
	}
	e := c.byID[id]
	if e == nil {
		e = c.newEvent(id)
	}
	c.join(e, a, member{id: a.ID, mask: mask, vec: vec, shingles: sh, year: year})
}

// advance moves the clock to t and evicts events idle for longer than the
// window, and the least recently updated events beyond MaxEvents.
func (c *Clusterer) advance(t time.Time) {
	if !t.IsZero() && t.After(c.newest) {
		c.newest = t
		// Eviction scans every event, so only do it when the clock has
		// moved by a sixty-fourth of the window since the last sweep:
		// events then overstay the window by at most that much.
		if c.swept.IsZero() || t.Sub(c.swept) >= c.cfg.Window/64 {
			c.swept = t
			cut := c.newest.Add(-c.cfg.Window)
			var drop []*event
			for _, e := range c.events {
				if !e.last.IsZero() && e.last.Before(cut) {
					drop = append(drop, e)
				}
			}
			slices.SortFunc(drop, func(x, y *event) int { return cmp.Compare(x.seq, y.seq) })
			for _, e := range drop {
				c.evict(e)
			}
		}
	}
	if len(c.events) >= c.cfg.MaxEvents {
		// Evict down to 90% of the cap at once so the scan is amortised.
		all := make([]*event, 0, len(c.events))
		for _, e := range c.events {
			all = append(all, e)
		}
		slices.SortFunc(all, func(x, y *event) int { return cmp.Compare(x.lastSeq, y.lastSeq) })
		n := len(all) - c.cfg.MaxEvents*9/10
		if n < 1 {
			n = 1
		}
		for _, e := range all[:n] {
			c.evict(e)
		}
	}
}

func (c *Clusterer) evict(e *event) {
	for _, h := range e.indexed {
		c.unindex(h, e.seq)
	}
	for _, h := range e.hashes {
		if c.hashes[h].seq == e.seq {
			delete(c.hashes, h)
		}
	}
	delete(c.events, e.seq)
	delete(c.byID, e.id)
}

func (c *Clusterer) unindex(h, seq uint64) {
	p := c.index[h]
	for i, s := range p {
		if s == seq {
			p[i] = p[len(p)-1]
			p = p[:len(p)-1]
			break
		}
	}
	if len(p) == 0 {
		delete(c.index, h)
	} else {
		c.index[h] = p
	}
}

func (c *Clusterer) newEvent(id string) *event {
	c.seq++
	e := &event{id: id, seq: c.seq, centroid: make(map[uint64]float64, 256)}
	c.events[e.seq] = e
	c.byID[id] = e
	return e
}

// candidates returns the events sharing top terms with vec, best first by
// the summed weight of the shared terms, at most maxCandidates of them.
func (c *Clusterer) candidates(vec []term) []*event {
	top := topTerms(vec, queryTerms)
	acc := c.scratch
	clear(acc)
	for _, t := range top {
		for _, s := range c.index[t.h] {
			acc[s] += t.w
		}
	}
	type cand struct {
		seq uint64
		w   float64
	}
	cs := make([]cand, 0, len(acc))
	for s, w := range acc {
		cs = append(cs, cand{s, w})
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		return cmp.Compare(x.seq, y.seq)
	})
	if len(cs) > maxCandidates {
		cs = cs[:maxCandidates]
	}
	out := make([]*event, len(cs))
	for i, x := range cs {
		out[i] = c.events[x.seq]
	}
	return out
}

// centroidSim is the group-mixed cosine of vec to the event's centroid.
func (c *Clusterer) centroidSim(e *event, vec []term, mask uint8) float64 {
	var dot [numGroups]float64
	for _, x := range vec {
		dot[groupOf[channelOf(x.h)]] += x.w * e.centroid[x.h]
	}
	var emask uint8
	for g := range dot {
		if e.norm2[g] > 0 {
			dot[g] /= math.Sqrt(e.norm2[g])
			emask |= 1 << g
		}
	}
	return mix(dot, mask&emask)
}

// linkSim is the best group-mixed cosine of vec to one kept article.
func linkSim(e *event, vec []term, mask uint8) float64 {
	link := 0.0
	for i := range e.members {
		m := &e.members[i]
		if d := mix(dotSorted(vec, m.vec), mask&m.mask); d > link {
			link = d
		}
	}
	return link
}

// adjust turns a similarity into a score: plus a small bonus for shared
// rare names, damped on a year conflict and by the publication-time gap.
func (c *Clusterer) adjust(e *event, s float64, vec []term, year int, t time.Time) float64 {
	// Shared rare names: a name seen in few documents so far that both
	// the article and the event mention is strong evidence of one story.
	var bonus float64
	for _, x := range vec {
		ch := channelOf(x.h)
		if ch != chPhrase && ch != chName {
			continue
		}
		if e.centroid[x.h] == 0 {
			continue
		}
		if df := c.df[x.h]; df >= 2 && df <= rareDF(c.ndocs) {
			bonus += nameBonus
		}
	}
	s += math.Min(bonus, maxBonus)
	// A latest year later than every year the event's articles mention
	// means a new happening of the same kind (this year's flood, not that
	// of four years ago), whatever the words say. The latest year is used
	// because older years are background ("his 2001 film"); an article
	// whose latest year is earlier than the event's is not penalised for
	// the same reason (an obituary citing "the 1950s").
	if year != 0 && year > e.maxYear() && len(e.years) > 0 {
		s *= yearConflict
	}
	if !t.IsZero() && !e.last.IsZero() {
		gap := t.Sub(e.last)
		if gap < 0 {
			gap = -gap
		}
		if gap > 24*time.Hour {
			s *= math.Exp(-float64(gap-24*time.Hour) / float64(3*24*time.Hour))
		}
	}
	return s
}

// Scoring knobs, tuned on the ECB+ train topics. They are variables only
// so that the tuning test can sweep them.
var (
	linkWeight = 0.9  // single-article cosine relative to centroid cosine
	nameBonus  = 0.01 // per shared rare name
	maxBonus   = 0.05
	// maxCandidates is how many candidates are scored against their
	// centroid.
	maxCandidates = 8
	// linkCands is how many of the best candidates by centroid are also
	// scored against their single articles.
	linkCands = 2
	// vecTerms is how many of an article's heaviest terms its vector
	// keeps.
	vecTerms   = 250
	smallEvent = 0.5 // threshold factor for events of one article
	rampSize   = 3.0 // events of this many articles or more get the full threshold
	// A name is rare while its document frequency is at most
	// max(rareMin, rareFrac × documents seen).
	rareMin  = 10.0
	rareFrac = 0.02
	// yearConflict multiplies the score when the article's latest year is
	// later than the latest year of every kept article of the event.
	yearConflict = 0.6
)

// sizeFactor scales the threshold by event size. An article is compared
// with one other article less favourably than with the centroid of many
// reports of the same story, whose idiosyncrasies average out, so small
// events get a lower bar, rising linearly to the full threshold.
func sizeFactor(n int) float64 {
	if float64(n) >= rampSize {
		return 1
	}
	return smallEvent + (1-smallEvent)*float64(n-1)/(rampSize-1)
}

// mix combines per-group cosines over the groups both sides have.
func mix(cos [numGroups]float64, both uint8) float64 {
	var s, w float64
	for g, c := range cos {
		if both&(1<<g) != 0 {
			s += groupWeight[g] * c
			w += groupWeight[g]
		}
	}
	if w == 0 {
		return 0
	}
	return s / w
}

// rareDF is the largest document frequency counted as rare: a name in
// more than about one document in a hundred names a recurring actor, not
// a story.
func rareDF(n float64) float64 { return math.Max(rareMin, n*rareFrac) }

// join adds the article to e.
func (c *Clusterer) join(e *event, a *news.Article, m member) {
	if len(e.members) >= maxMembers {
		// Keep the founder, drop the oldest of the rest, and take it out
		// of the centroid: the centroid follows the kept members, so it
		// stays bounded and tracks how the story develops.
		old := e.members[1]
		e.addCentroid(old.vec, -1)
		if old.year != 0 {
			if e.years[old.year]--; e.years[old.year] == 0 {
				delete(e.years, old.year)
			}
		}
		copy(e.members[1:], e.members[2:])
		e.members[len(e.members)-1] = m
	} else {
		e.members = append(e.members, m)
	}
	e.addCentroid(m.vec, 1)
	if m.year != 0 {
		if e.years == nil {
			e.years = map[int]int{}
		}
		e.years[m.year]++
	}
	e.size++
	c.seq++
	e.lastSeq = c.seq
	if a.Published.After(e.last) {
		e.last = a.Published
	}
	if a.Hash != "" {
		if _, ok := c.hashes[a.Hash]; !ok {
			c.hashes[a.Hash] = hashRef{a.ID, e.seq}
			e.hashes = append(e.hashes, a.Hash)
		}
	}
	if e.size <= 8 || e.size%8 == 0 {
		c.reindex(e)
	}
}

func (e *event) maxYear() int {
	m := 0
	for y := range e.years {
		m = max(m, y)
	}
	return m
}

func (e *event) addCentroid(vec []term, sign float64) {
	for _, x := range vec {
		old := e.centroid[x.h]
		nw := old + sign*x.w
		if nw < 1e-9 {
			nw = 0
			delete(e.centroid, x.h)
		} else {
			e.centroid[x.h] = nw
		}
		e.norm2[groupOf[channelOf(x.h)]] += nw*nw - old*old
	}
}

// reindex puts the event's current top terms into the inverted index.
func (c *Clusterer) reindex(e *event) {
	ts := make([]term, 0, len(e.centroid))
	for h, w := range e.centroid {
		ts = append(ts, term{h, w})
	}
	top := topTerms(ts, indexTerms)
	want := make(map[uint64]bool, len(top))
	for _, t := range top {
		want[t.h] = true
	}
	kept := e.indexed[:0]
	have := make(map[uint64]bool, len(e.indexed))
	for _, h := range e.indexed {
		if want[h] {
			kept = append(kept, h)
			have[h] = true
		} else {
			c.unindex(h, e.seq)
		}
	}
	for _, t := range top {
		if !have[t.h] {
			c.index[t.h] = append(c.index[t.h], e.seq)
			kept = append(kept, t.h)
		}
	}
	e.indexed = kept
}

// topTerms returns the n heaviest terms, heaviest first, ties broken by
// hash so the result does not depend on map order. It selects with a
// min-heap of size n, so large centroids cost O(len log n).
func topTerms(ts []term, n int) []term {
	less := func(x, y term) bool { // x lighter than y
		if x.w != y.w {
			return x.w < y.w
		}
		return x.h > y.h
	}
	h := make([]term, 0, n)
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && less(h[r], h[l]) {
				m = r
			}
			if !less(h[m], h[i]) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, t := range ts {
		if len(h) < n {
			h = append(h, t)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !less(h[i], h[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if n > 0 && less(h[0], t) {
			h[0] = t
			down(0)
		}
	}
	slices.SortFunc(h, func(x, y term) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		return cmp.Compare(x.h, y.h)
	})
	return h
}

func dotSorted(a, b []term) [numGroups]float64 {
	var d [numGroups]float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			d[groupOf[channelOf(a[i].h)]] += a[i].w * b[j].w
			i++
			j++
		}
	}
	return d
}

// shingles returns the sorted, sampled hashes of the body's word k-grams,
// over lowercase words including stop words so that copies match word for
// word.
func shingles(toks []token) []uint64 {
	if len(toks) < shingleK {
		return nil
	}
	out := make([]uint64, 0, len(toks)/shingleKeep+1)
	for i := 0; i+shingleK <= len(toks); i++ {
		h := uint64(14695981039346656037)
		for _, t := range toks[i : i+shingleK] {
			for k := 0; k < len(t.lower); k++ {
				h ^= uint64(t.lower[k])
				h *= 1099511628211
			}
			h ^= ' '
			h *= 1099511628211
		}
		if h%shingleKeep == 0 {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard of two sorted sets.
func jaccard(a, b []uint64) float64 {
	inter := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
