// Package cluster groups a stream of articles into events, one article at a
// time. It sits between extract and reconcile in Dossier's pipeline but
// deliberately does not use extract's output: it computes its own cheap
// features (content words, capitalised names and acronyms, places after a
// preposition, years, dates, numbers, headline words) so that clustering
// stays fast enough for the ingest hot path. Names are accent-folded and
// numbers and dates normalised to values ("16.12.2024", "16. Dezember
// 2024" and "December 16, 2024" give the same features), so that reports
// in different languages can meet on them.
//
// Each article becomes a TF-IDF vector with sublinear term frequency;
// document frequencies are learned from the stream, smoothed by
// pseudo-documents, and kept vectors are re-weighed as the stream grows.
// Words, names and dates are normalised as separate groups and their
// cosines mixed with weights; across languages the words group is left
// out.
//
// The final partition does not depend on arrival order (up to memory
// limits and the idf at the time of each comparison): two articles are
// linked when their pair score reaches Config.Threshold, or when they
// form a triangle with a third article whose three pairs all reach
// triangleFactor × Threshold, and events are the connected components of
// those links. An article that links two events merges them
// (Assignment.Merged); the survivor is the event whose earliest article
// comes first. Single linkage chains two happenings of one kind through
// one or two close pairs, so Consolidate, at the end of a batch, splits
// each event by group-average linkage over its kept articles re-weighed
// with the batch's final idf (see split): the links find candidate
// groups, the averages decide them. It merges two events on the same
// average, and examines an event again whenever the stream has doubled
// since it last did, so that a judgement taken under early weights does
// not stick: the events do not depend on how the articles were cut into
// batches or in which order the batches came (see TestBatchOrder). Pair scores are symmetric: the group-mixed cosine, a small
// bonus for shared rare names, damped when the two latest years differ and
// by the publication-time gap. Candidate events come from an inverted
// index over the top terms of each event's centroid. Near-duplicates
// (syndicated or lightly edited copies) are found by word-shingle Jaccard
// (or an equal Article.Hash) and marked DuplicateOf, in the same event.
//
// Memory is bounded: events idle for longer than Config.Window +
// Config.Lateness (by publication time, relative to the newest time seen)
// are evicted, and beyond Config.MaxEvents the least recently updated
// events go, which is the only bound when articles carry no dates. Each
// event keeps at most maxMembers article vectors, and the
// document-frequency table is halved when it outgrows maxVocab.
//
// Everything is computed in a fixed order, so the same input order always
// gives the same output, ids included.
package cluster

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Config tunes the clusterer. Start from DefaultConfig.
type Config struct {
	Window time.Duration // events idle longer than this (by publication time) leave memory; default 7 days
	// Lateness is how far behind the newest publication time seen an
	// article may arrive and still find the events it belongs to: events
	// leave memory only when idle for Window + Lateness. Without it, a
	// shuffled stream (several workers, a re-ingest) evicts an event
	// before its older reports arrive and they found a second one, so
	// the result depends on arrival order. Default 7 days.
	Lateness     time.Duration
	MaxEvents    int     // cap on events kept in memory (also used when articles have no dates); default 20000
	Threshold    float64 // similarity needed to join an event
	DupThreshold float64 // near-duplicate similarity (word-shingle Jaccard)
}

// DefaultConfig returns the tuned defaults. Threshold was tuned on the
// ECB+ train topics (see internal/eval); DupThreshold accepts copies that
// differ by a sentence or two.
func DefaultConfig() Config {
	return Config{
		Window:       7 * 24 * time.Hour,
		Lateness:     7 * 24 * time.Hour,
		MaxEvents:    20000,
		Threshold:    0.26,
		DupThreshold: 0.6,
	}
}

// Internal knobs. They are constants rather than Config fields because
// they trade speed for recall in ways a user has no reason to change.
const (
	queryTerms = 40 // top terms of an article used to look up candidates
	indexTerms = 60 // top terms of an event kept in the inverted index
	// maxMembers is how many article vectors an event keeps for linkage
	// and for Consolidate's split. Fewer cut the events that chain two or
	// more ECB+ happenings, so the split saw only part of them and left
	// the rest where arrival order had put it (24: 90.4 in file order,
	// 89.4 shuffled; 48, 64 and 96 all give 91.2 and 91.1). An event
	// larger than this is split on its kept articles only.
	maxMembers  = 48
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
	// Merged lists the ids of events absorbed into Event by this decision,
	// because the article linked them: their articles now belong to Event.
	// Consumers that keep assignments must relabel them (cluster.Run does
	// so by writing a fresh line for every moved article).
	Merged []string `json:"merged,omitempty"`
	// SplitFrom is set by Consolidate on an article it moved out of the
	// event SplitFrom into Event (a new event, or a new id of the
	// article's own story), because group-average linkage split what
	// single linkage had chained. Consumers that keep assignments must
	// move the article, as for a merge.
	SplitFrom string `json:"split_from,omitempty"`
}

// term is one weighted feature of a sparse vector; vectors are sorted by h.
type term struct {
	h uint64
	w float64
}

type member struct {
	id       string
	mask     uint8    // groups present
	raw      []term   // channel weight × sublinear tf, sorted by hash
	vec      []term   // raw × idf, L2-normalised per group
	cvec     []term   // vec as it was added to the centroid (before any re-weighing)
	at       float64  // documents seen when vec was weighed
	shingles []uint64 // sorted, sampled
	year     int      // latest year mentioned, 0 if none
	lang     string   // ISO 639-1 as given, "" if unknown
	t        time.Time
}

// artRef is one article assigned to an event while the event is in
// memory, kept so that a merge can tell which articles moved.
type artRef struct {
	id, dupOf string
}

// founderKey orders articles by publication time, then id: the event
// whose earliest article comes first keeps its id in a merge. Undated
// articles sort after dated ones.
type founderKey struct {
	t  time.Time
	id string
}

func (k founderKey) less(o founderKey) bool {
	switch {
	case k.t.IsZero() != o.t.IsZero():
		return !k.t.IsZero()
	case !k.t.Equal(o.t):
		return k.t.Before(o.t)
	}
	return k.id < o.id
}

type event struct {
	id       string
	seq      uint64 // creation order, the deterministic tie-break
	lastSeq  uint64 // order of the last article added
	last     time.Time
	size     int
	first    founderKey         // earliest article ever assigned
	centroid map[uint64]float64 // sum of the kept members' vec
	norm2    [numGroups]float64
	members  []member
	arts     []artRef // every article assigned while in memory
	aliases  []string // ids of events merged into this one
	indexed  []uint64 // terms currently in the inverted index for this event
	hashes   []string // text hashes of its articles, dropped with the event
	// dirty is set when an article joins or an event merges in, and
	// cleared by Consolidate: only dirty events are re-examined, so that
	// a call per batch costs what the batch changed, not the whole memory.
	dirty bool
	// settled is the number of documents seen when Consolidate last
	// examined the event (see Consolidate).
	settled float64
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
	alias   map[string]string  // id of a merged-away event → id of the event that absorbed it
	moved   []Assignment       // articles whose event changed in the last Add
	scratch map[uint64]float64
}

// New returns a Clusterer. Zero fields of cfg take their DefaultConfig
// values.
func New(cfg Config) *Clusterer {
	d := DefaultConfig()
	if cfg.Window <= 0 {
		cfg.Window = d.Window
	}
	if cfg.Lateness <= 0 {
		cfg.Lateness = d.Lateness
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
		alias:   make(map[string]string),
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
//
// ln(1 + (N+P)/df) stays positive from the first article on, and the P
// pseudo-documents (which contain none of the terms) keep the weights
// nearly flat while few documents have been seen: a document frequency
// learned from a handful of articles says more about the order they came
// in than about the words, and flat early weights make the first pair
// scores of a stream depend little on that order.
func (c *Clusterer) idf(h uint64) float64 {
	return math.Log(1 + (c.ndocs+idfPrior)/math.Max(c.df[h], 1))
}

// newMember counts a's features into the document frequencies and
// returns its member, weighed with the current idf.
func (c *Clusterer) newMember(a *news.Article) member {
	raw, vec, sh := c.vectorize(a)
	m := member{id: a.ID, raw: raw, shingles: sh, year: c.feat.maxYear, lang: normLang(a.Lang), t: a.Published}
	m.vec, m.mask = normalise(vec)
	m.at = c.ndocs
	return m
}

// weigh sets m.vec from m.raw with the current idf.
func (c *Clusterer) weigh(m *member) {
	m.vec, m.mask = normalise(c.weighed(m.raw))
	m.at = c.ndocs
}

// stale reports whether m was weighed with an idf of a stream more than
// reweighRatio smaller or larger than now. Kept vectors are re-weighed
// then, so that a pair is always compared with (nearly) the same idf on
// both sides whichever article came first; the cost is amortised, as each
// vector is re-weighed a logarithmic number of times.
func (c *Clusterer) stale(m *member) bool {
	return c.ndocs > m.at*reweighRatio+1 || c.ndocs*reweighRatio < m.at
}

// reweigh re-weighs the stale kept vectors of e. The centroid, which only
// serves to index the event for candidate retrieval, keeps the vectors as
// first added (cvec): updating it too cost a sixth of the time.
func (c *Clusterer) reweigh(e *event) {
	for i := range e.members {
		if m := &e.members[i]; c.stale(m) {
			c.weigh(m)
		}
	}
}

// vectorize counts the article's features into the document frequencies
// and returns its terms, channel weight × sublinear tf, sorted by hash
// (at most rawTerms of them, the heaviest by that weight); the vecTerms
// heaviest of them weighed by the current idf (not normalised, sorted by
// hash); and its shingles.
//
// The raw terms are cut without the idf, so that which terms an article
// keeps does not depend on the stream seen before it: re-weighing then
// gives the same vector whatever the arrival order.
func (c *Clusterer) vectorize(a *news.Article) (raw, vec []term, sh []uint64) {
	counts := c.feat.features(a.Title, a.Text, normLang(a.Lang))
	c.ndocs++
	if len(c.df)+len(counts) > maxVocab {
		c.forget()
	}
	raw = make([]term, 0, len(counts))
	for h, tf := range counts {
		c.df[h]++
		raw = append(raw, term{h, channelWeight[channelOf(h)] * (1 + math.Log(tf))})
	}
	if len(raw) > rawTerms {
		raw = topTerms(raw, rawTerms) // ties by hash: independent of map order
	}
	slices.SortFunc(raw, func(x, y term) int { return cmp.Compare(x.h, y.h) })
	return raw, c.weighed(raw), shingles(c.feat.toks)
}

// weighed returns the vecTerms heaviest of raw × idf, sorted by hash. The
// tail of a long article is words that occur once and are common, which
// cost time and memory and add nothing to the match.
func (c *Clusterer) weighed(raw []term) []term {
	vec := make([]term, len(raw))
	for i, t := range raw {
		vec[i] = term{t.h, t.w * c.idf(t.h)}
	}
	if len(vec) <= vecTerms {
		return vec
	}
	vec = topTerms(vec, vecTerms)
	slices.SortFunc(vec, func(x, y term) int { return cmp.Compare(x.h, y.h) })
	return vec
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
//
// The decision is single linkage over pairs of articles: a joins every
// event in memory holding an article whose pair score with a reaches
// Config.Threshold, and when there are several, a links them and they are
// merged into one (Assignment.Merged). Pair scores depend on the two
// articles only (and on the document frequencies, see idf), not on which
// came first, so the partition reached is the connected components of the
// "scores above threshold" graph whatever the arrival order — up to the
// limits of memory (Window, MaxEvents, maxMembers kept vectors per event)
// and of candidate retrieval.
//
// The surviving id of a merge is that of the event whose earliest article
// (by publication time, then id) comes first; an event otherwise keeps the
// id of the article that founded it, even when an older article joins it
// later, so that ids never change without a merge. In publication order
// the id is therefore EventID of the event's earliest article.
func (c *Clusterer) Add(a *news.Article) Assignment {
	c.moved = c.moved[:0]
	m := c.newMember(a)
	sh := m.shingles
	c.advance(a.Published)

	cands := c.candidates(m.vec)
	var (
		dupOf    string
		dupEvent *event
		dupSim   float64
	)
	if h, ok := c.hashes[a.Hash]; ok && a.Hash != "" {
		if e := c.events[h.seq]; e != nil {
			dupOf, dupEvent, dupSim = h.id, e, 1
		}
	}
	type hit struct {
		e *event
		s float64
	}
	var hits []hit
	bestScore := 0.0
	type near struct {
		e *event
		m *member
		s float64
	}
	var weak []near
	lo := c.cfg.Threshold * triangleFactor
	for _, e := range cands {
		c.reweigh(e)
		s, link := 0.0, 0.0
		for i := range e.members {
			ps, cos := c.pairScore(&m, &e.members[i])
			s, link = math.Max(s, ps), math.Max(link, cos)
			if ps >= lo {
				weak = append(weak, near{e, &e.members[i], ps})
			}
		}
		bestScore = math.Max(bestScore, s)
		if s >= c.cfg.Threshold || e == dupEvent {
			hits = append(hits, hit{e, s})
		}
		// Near-duplicates can only be among close articles; checking the
		// shingles of those alone keeps the test cheap.
		if dupSim < 1 && link >= 0.5 && len(sh) > 0 {
			for i := range e.members {
				mm := &e.members[i]
				if len(mm.shingles) == 0 {
					continue
				}
				if j := jaccard(sh, mm.shingles); j >= c.cfg.DupThreshold && j > dupSim {
					if dupEvent != nil && dupEvent != e && !slices.ContainsFunc(hits, func(h hit) bool { return h.e == dupEvent }) {
						hits = append(hits, hit{dupEvent, 0})
					}
					dupOf, dupEvent, dupSim = mm.id, e, j
					if !slices.ContainsFunc(hits, func(h hit) bool { return h.e == e }) {
						hits = append(hits, hit{e, s})
					}
				}
			}
		}
	}
	if dupEvent != nil && !slices.ContainsFunc(hits, func(h hit) bool { return h.e == dupEvent }) {
		hits = append(hits, hit{dupEvent, 1})
	}
	// Triangles: two kept articles that both come close to a (at least
	// Threshold × triangleFactor) and close to each other link all three,
	// though no pair alone reaches Threshold. Whether a triangle exists
	// does not depend on which of its articles comes last, so this stays
	// order-free, and it needs corroboration that a single weak pair (the
	// start of a chain between two similar happenings) does not have.
	slices.SortStableFunc(weak, func(x, y near) int { return cmp.Compare(y.s, x.s) })
	if len(weak) > maxWeak {
		weak = weak[:maxWeak]
	}
	for i := range weak {
		for j := i + 1; j < len(weak); j++ {
			p, q := weak[i], weak[j]
			inP := slices.ContainsFunc(hits, func(h hit) bool { return h.e == p.e })
			inQ := slices.ContainsFunc(hits, func(h hit) bool { return h.e == q.e })
			if inP && inQ {
				continue
			}
			if s, _ := c.pairScore(p.m, q.m); s >= lo {
				if !inP {
					hits = append(hits, hit{p.e, p.s})
				}
				if !inQ && q.e != p.e {
					hits = append(hits, hit{q.e, q.s})
				}
			}
		}
	}
	as := Assignment{Article: a.ID, Score: bestScore, DuplicateOf: dupOf}
	if dupEvent != nil {
		as.Score = math.Max(bestScore, dupSim)
	}
	var target *event
	if len(hits) == 0 {
		// An article id seen before (the same article added twice) keeps
		// its event rather than founding a second one under the same id.
		if target = c.lookup(EventID(a.ID)); target == nil {
			target = c.newEvent(EventID(a.ID))
			as.NewEvent = true
		}
	} else {
		// The survivor is the event whose earliest article comes first;
		// the others are absorbed, in creation order.
		target = hits[0].e
		for _, h := range hits[1:] {
			if h.e.first.less(target.first) || !target.first.less(h.e.first) && h.e.seq < target.seq {
				target = h.e
			}
		}
		slices.SortFunc(hits, func(x, y hit) int { return cmp.Compare(x.e.seq, y.e.seq) })
		for _, h := range hits {
			if h.e != target {
				as.Merged = append(as.Merged, h.e.id)
				c.merge(target, h.e)
			}
		}
	}
	as.Event = target.id
	c.join(target, a, m, dupOf)
	return as
}

// Moved returns, for the last Add, an assignment for every article other
// than the one added whose event changed because of a merge, with its new
// Event (and its DuplicateOf). The slice is reused by the next Add.
func (c *Clusterer) Moved() []Assignment { return c.moved }

// lookup finds an event in memory by id, following merges.
func (c *Clusterer) lookup(id string) *event {
	for range 64 {
		if e := c.byID[id]; e != nil {
			return e
		}
		to, ok := c.alias[id]
		if !ok {
			return nil
		}
		id = to
	}
	return nil
}

// Restore re-enters a stored decision (a.Event and a.DuplicateOf already
// set) without deciding, so a Clusterer can be warmed up from the database.
// Stored articles carry their final event id, so after a merge all of them
// name the survivor and are restored into one event; an id that this
// Clusterer saw merged away is followed to its survivor. An article without
// an event founds one under EventID(a.ID).
func (c *Clusterer) Restore(a *news.Article) {
	c.moved = c.moved[:0]
	m := c.newMember(a)
	c.advance(a.Published)
	id := a.Event
	if id == "" {
		id = EventID(a.ID)
	}
	e := c.lookup(id)
	if e == nil {
		e = c.newEvent(id)
	}
	c.join(e, a, m, a.DuplicateOf)
}

// EventsOf returns the event each of the articles ids is in now, for those
// held in memory: the truth after any sequence of Add, Consolidate and
// Relabel, whatever merges and splits happened on the way (a split may
// found an event again under an id a merge had absorbed a moment before).
func (c *Clusterer) EventsOf(ids []string) map[string]string {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	out := make(map[string]string, len(ids))
	for _, e := range c.events {
		for _, r := range e.arts {
			if want[r.id] {
				out[r.id] = e.id
			}
		}
	}
	return out
}

// Live returns the id of the event in memory that id names now: id
// itself, the event it was merged into, or "" if there is none.
func (c *Clusterer) Live(id string) string {
	if e := c.lookup(id); e != nil {
		return e.id
	}
	return ""
}

// Relabel applies decisions another clusterer took on stored articles,
// given in the order they were taken: each article held in memory moves,
// with its kept vector, to the last event the list names for it (founded
// if not in memory); the events it passed through on the way do not
// matter. An event left without articles is forgotten. Workers sharing a
// store replay each other's merges and splits this way, so that every one
// of them holds the partition the store holds. Articles not in memory are
// ignored. It returns how many articles moved.
func (c *Clusterer) Relabel(moves []Assignment) int {
	if len(moves) == 0 {
		return 0
	}
	last := make(map[string]int, len(moves)) // article → its last move
	for i, m := range moves {
		last[m.Article] = i
	}
	final := make([]Assignment, 0, len(last))
	for i, m := range moves {
		if last[m.Article] == i {
			final = append(final, m)
		}
	}
	moves = final
	where := make(map[string]*event, len(moves))
	for _, e := range c.events {
		for _, r := range e.arts {
			if _, ok := last[r.id]; ok {
				where[r.id] = e
			}
		}
	}
	touched := map[*event]bool{}
	n := 0
	for _, mv := range moves {
		src := where[mv.Article]
		if src == nil {
			continue
		}
		dst := c.byID[mv.Event]
		if dst == nil {
			delete(c.alias, mv.Event)
			dst = c.newEvent(mv.Event)
		}
		if dst == src {
			continue
		}
		c.relabel(src, dst, mv.Article)
		n++
		where[mv.Article] = dst
		touched[src], touched[dst] = true, true
	}
	evs := slices.Collect(maps.Keys(touched))
	slices.SortFunc(evs, func(x, y *event) int { return cmp.Compare(x.seq, y.seq) })
	for _, e := range evs {
		if c.events[e.seq] == e {
			c.reindex(e)
		}
	}
	return n
}

// relabel moves article id from src to dst.
func (c *Clusterer) relabel(src, dst *event, id string) {
	var ref artRef
	for i, r := range src.arts {
		if r.id == id {
			ref = r
			src.arts = slices.Delete(src.arts, i, i+1)
			break
		}
	}
	src.size--
	if i := slices.IndexFunc(src.members, func(m member) bool { return m.id == id }); i >= 0 {
		m := src.members[i]
		src.addCentroid(m.cvec, -1)
		src.members = slices.Delete(src.members, i, i+1)
		c.addMember(dst, m)
		k := founderKey{m.t, m.id}
		if dst.size == 0 || k.less(dst.first) {
			dst.first = k
		}
		if m.t.After(dst.last) {
			dst.last = m.t
		}
		if src.first.id == id && len(src.members) > 0 {
			src.first = founderKey{src.members[0].t, src.members[0].id}
			for _, o := range src.members[1:] {
				if k := (founderKey{o.t, o.id}); k.less(src.first) {
					src.first = k
				}
			}
		}
	}
	if ref.dupOf != "" && !slices.ContainsFunc(dst.arts, func(r artRef) bool { return r.id == ref.dupOf }) {
		ref.dupOf = ""
	}
	dst.arts = append(dst.arts, ref)
	dst.size++
	dst.lastSeq = max(dst.lastSeq, src.lastSeq)
	for i := 0; i < len(src.hashes); i++ {
		if h := src.hashes[i]; c.hashes[h].id == id {
			c.hashes[h] = hashRef{id, dst.seq}
			dst.hashes = append(dst.hashes, h)
			src.hashes = slices.Delete(src.hashes, i, i+1)
			i--
		}
	}
	if src.size <= 0 && len(src.arts) == 0 {
		dst.aliases = append(dst.aliases, src.aliases...)
		src.aliases = nil
		c.evict(src)
	}
}

// Consolidate re-examines the events in memory that changed since its
// last call, and those it last examined when the stream was half as long
// (settleRatio), with the current idf, and merges those that now link: a
// kept article of one scoring at least Config.Threshold with a kept
// article of another, or an average pair score between the two reaching
// splitLink (what the split keeps together). Links are judged when the
// later article arrives, with the idf of that moment, so two articles
// that link under the idf of the whole batch may have missed each other
// when one of them came early; calling Consolidate at the end of a batch
// (Run does) makes the final partition independent of arrival order. It
// returns an assignment for every article whose event changed, with
// Merged set on the first article moved into each survivor. Then it
// splits each event by group-average linkage (see split); the articles
// moved by a split carry SplitFrom.
func (c *Clusterer) Consolidate() []Assignment {
	var out []Assignment
	seqs := make([]uint64, 0, len(c.events))
	for s, e := range c.events {
		seqs = append(seqs, s)
		// An event last examined when the stream was half as long is
		// examined again: its merges and splits were judged with weights
		// the stream has since moved away from, and one whose reports
		// came in another order would be judged now. Each event is
		// re-examined a logarithmic number of times.
		if !e.dirty && c.ndocs > e.settled*settleRatio+1 {
			e.dirty = true
		}
	}
	slices.Sort(seqs)
	for _, s := range seqs {
		e := c.events[s]
		if e == nil || !e.dirty {
			continue // merged away, or unchanged since the last call
		}
		c.reweigh(e)
		avgTried := map[*event]bool{}
		for i := 0; i < len(e.members); i++ {
			m := e.members[i]
			for _, o := range c.candidates(m.vec) {
				if o == e || c.events[o.seq] != o {
					continue
				}
				c.reweigh(o)
				linked := false
				near := false // a pair reaches splitLink: the average may
				for j := range o.members {
					ps, _ := c.pairScore(&m, &o.members[j])
					if ps >= c.cfg.Threshold {
						linked = true
						break
					}
					near = near || ps >= splitLink
				}
				// Two groups whose average pair score reaches splitLink are
				// what the split keeps together: merge them too, so that
				// a report the split once set apart (under an earlier idf)
				// comes back when the average says so, as it would have
				// stayed had it come later. The average needs a pair at
				// least that high, which is looked for first.
				if !linked && near && !avgTried[o] {
					avgTried[o] = true
					linked = c.avgLink(e, o) >= splitLink
				}
				if !linked {
					continue
				}
				surv, gone := e, o
				if o.first.less(e.first) || !e.first.less(o.first) && o.seq < e.seq {
					surv, gone = o, e
				}
				c.moved = c.moved[:0]
				c.merge(surv, gone)
				for k, mv := range c.moved {
					if k == 0 {
						mv.Merged = []string{gone.id}
					}
					out = append(out, mv)
				}
				c.moved = c.moved[:0]
				if surv != e {
					// e is gone; its articles are re-examined as part of
					// the survivor when the loop reaches it, or not at all
					// if it came before: good enough for one pass.
					e = surv
					i = -1
					break
				}
			}
		}
	}
	// Then split what single linkage chained (see split).
	seqs = seqs[:0]
	for s := range c.events {
		seqs = append(seqs, s)
	}
	slices.Sort(seqs)
	for _, s := range seqs {
		if e := c.events[s]; e.dirty {
			out = append(out, c.split(e)...)
			e.dirty = false
			e.settled = c.ndocs
		}
	}
	return out
}

// settleRatio is how far the stream must grow after Consolidate examined
// an event before it examines it again (see Consolidate). A doubling keeps
// the cost to a few per cent in batches (BenchmarkBatches: 1.3 cost a
// third) and gave the same events in every batch order of the sample
// corpus tried (TestBatchOrder).
const settleRatio = 2.0

// avgLink is the average pair score between the kept articles of a and
// b, every vector weighed with the current idf (as split weighs them).
func (c *Clusterer) avgLink(a, b *event) float64 {
	if len(a.members) == 0 || len(b.members) == 0 {
		return 0
	}
	for _, e := range [2]*event{a, b} {
		for i := range e.members {
			if e.members[i].at != c.ndocs {
				c.weigh(&e.members[i])
			}
		}
	}
	sum := 0.0
	for i := range a.members {
		for j := range b.members {
			s, _ := c.pairScore(&a.members[i], &b.members[j])
			sum += s
		}
	}
	return sum / float64(len(a.members)*len(b.members))
}

// merge moves everything of b into a and forgets b, remembering its id as
// an alias of a.
func (c *Clusterer) merge(a, b *event) {
	a.dirty = true
	for _, r := range b.arts {
		c.moved = append(c.moved, Assignment{Article: r.id, Event: a.id, DuplicateOf: r.dupOf})
	}
	a.arts = append(a.arts, b.arts...)
	for i := range b.members {
		c.addMember(a, b.members[i])
	}
	a.size += b.size - len(b.members)
	if b.first.less(a.first) {
		a.first = b.first
	}
	if b.last.After(a.last) {
		a.last = b.last
	}
	a.lastSeq = max(a.lastSeq, b.lastSeq)
	for _, h := range b.hashes {
		if r, ok := c.hashes[h]; ok && r.seq == b.seq {
			c.hashes[h] = hashRef{r.id, a.seq}
			a.hashes = append(a.hashes, h)
		}
	}
	b.hashes = nil
	c.alias[b.id] = a.id
	a.aliases = append(a.aliases, b.id)
	a.aliases = append(a.aliases, b.aliases...)
	b.aliases = nil
	c.evict(b)
	c.reindex(a)
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
			cut := c.newest.Add(-c.cfg.Window - c.cfg.Lateness)
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
	for _, id := range e.aliases {
		delete(c.alias, id)
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

// linkScore is the best pair score of m with a kept article of e, and
// the best plain cosine (for the near-duplicate test).
func (c *Clusterer) linkScore(e *event, m *member) (score, link float64) {
	c.reweigh(e)
	for i := range e.members {
		o := &e.members[i]
		s, cos := c.pairScore(m, o)
		score = math.Max(score, s)
		link = math.Max(link, cos)
	}
	return score, link
}

// pairScore is the similarity of two articles as used for linking, and
// their plain group-mixed cosine. It is symmetric and depends on the two
// articles alone (and the idf at the time), which is what makes the final
// partition independent of arrival order: the group-mixed cosine, with
// group weights chosen by the two languages, plus a small bonus for
// shared rare names, damped when the two articles' latest years differ
// and by their publication-time gap.
func (c *Clusterer) pairScore(x, y *member) (score, cos float64) {
	var dot [numGroups]float64
	var bonus float64
	rare := rareDF(c.ndocs)
	a, b := x.vec, y.vec
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			h := a[i].h
			ch := channelOf(h)
			dot[groupOf[ch]] += a[i].w * b[j].w
			if ch == chPhrase || ch == chName {
				if df := c.df[h]; df >= 2 && df <= rare {
					bonus += nameBonus
				}
			}
			i++
			j++
		}
	}
	gw := &groupWeight
	if x.lang != "" && y.lang != "" && x.lang != y.lang {
		// Across languages shared words are mostly chance (and the
		// stemmer is English); names, numbers and dates are written
		// alike, so they carry the match.
		gw = &crossWeight
	}
	cos = mixWith(gw, dot, x.mask&y.mask)
	s := cos + math.Min(bonus, maxBonus)
	// Two different latest years mean two happenings of the same kind
	// (this year's flood, not that of four years ago), whatever the words
	// say. The latest year is used because older years are background
	// ("his 2001 film").
	if x.year != 0 && y.year != 0 && x.year != y.year {
		s *= yearConflict
	}
	if !x.t.IsZero() && !y.t.IsZero() {
		gap := x.t.Sub(y.t)
		if gap < 0 {
			gap = -gap
		}
		if gap > 24*time.Hour {
			s *= math.Exp(-float64(gap-24*time.Hour) / float64(gapScale))
		}
	}
	return s, cos
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
	vecTerms = 250
	// rawTerms is how many terms (by channel weight × tf) an article
	// keeps for re-weighing.
	rawTerms   = 500
	smallEvent = 0.5 // threshold factor for events of one article
	rampSize   = 3.0 // events of this many articles or more get the full threshold
	// A name is rare while its document frequency is at most
	// max(rareMin, rareFrac × documents seen).
	rareMin  = 10.0
	rareFrac = 0.02
	// yearConflict multiplies the score when the article's latest year is
	// later than the latest year of every kept article of the event.
	yearConflict = 0.6
	// triangleFactor is the share of Threshold that the three pairs of a
	// triangle must each reach to link.
	triangleFactor = 0.8
	// maxWeak is how many of the closest kept articles are tried as
	// triangle corners.
	maxWeak = 6
	// idfPrior is the number of pseudo-documents of idf.
	idfPrior = 50.0
	// reweighRatio is how far the stream may grow (or shrink, see
	// forget) before a kept vector is re-weighed.
	reweighRatio = 1.3
	// gapScale is the e-folding time of the publication-gap damping,
	// beyond a first day that costs nothing.
	gapScale = 3 * 24 * time.Hour
)

// crossWeight replaces groupWeight for two articles in different
// languages.
var crossWeight = [numGroups]float64{gWords: 0, gNames: 0.6, gWhen: 0.4}

// normLang folds a language tag to its lower-case primary subtag, so that
// "en-GB" and "EN" compare equal.
func normLang(l string) string {
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	return strings.ToLower(strings.TrimSpace(l))
}

// mix combines per-group cosines over the groups both sides have.
func mix(cos [numGroups]float64, both uint8) float64 {
	return mixWith(&groupWeight, cos, both)
}

func mixWith(gw *[numGroups]float64, cos [numGroups]float64, both uint8) float64 {
	var s, w float64
	for g, c := range cos {
		if both&(1<<g) != 0 && gw[g] > 0 {
			s += gw[g] * c
			w += gw[g]
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
func (c *Clusterer) join(e *event, a *news.Article, m member, dupOf string) {
	e.dirty = true
	c.addMember(e, m)
	e.arts = append(e.arts, artRef{a.ID, dupOf})
	k := founderKey{a.Published, a.ID}
	if e.size == 0 || k.less(e.first) {
		e.first = k
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

// addMember keeps m's vector in e. Beyond maxMembers the oldest kept
// vector other than the first goes, and leaves the centroid: the centroid
// follows the kept members, so it stays bounded and tracks how the story
// develops.
func (c *Clusterer) addMember(e *event, m member) {
	if len(e.members) >= maxMembers {
		old := e.members[1]
		e.addCentroid(old.cvec, -1)
		copy(e.members[1:], e.members[2:])
		e.members[len(e.members)-1] = m
	} else {
		e.members = append(e.members, m)
	}
	if m.cvec == nil {
		m.cvec = m.vec
	}
	e.addCentroid(m.cvec, 1)
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
