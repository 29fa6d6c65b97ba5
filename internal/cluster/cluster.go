// Package cluster groups a stream of articles into events. It sits between
// extract and reconcile in Dossier's pipeline and computes its own cheap
// features (content words, capitalised names and acronyms, places after a
// preposition, years, dates, numbers, headline words; see features.go), so
// that clustering stays fast on the ingest hot path. Names are
// accent-folded and numbers and dates normalised to values, so reports in
// different languages meet on them.
//
// The events are a function of the articles, not of the order they come
// in or of how they are batched:
//
//   - Each article becomes a TF-IDF vector per feature channel (doc.go).
//     It is scored against the articles in memory that share its telling
//     terms (index.go) by a learned pair scorer (score.go): the
//     probability that the two report one event. Pairs at Model.Edge or
//     above are edges of a graph; a pair is scored when the later of its
//     two articles arrives, whichever that is.
//   - Events are settled per connected component of that graph by
//     average linkage over the pair probabilities, in a canonical order
//     (publication time, then id): two groups are one event when their
//     average pair probability reaches Model.Join (settle.go). Single
//     links chain look-alike happenings (two shootings of one night);
//     the average keeps them apart.
//   - An event keeps the id most of its articles already had, so ids are
//     stable as events grow; a new event takes EventID of its earliest
//     article.
//
// Add takes a batch and returns its Outcome as a value: the event of
// every article of the batch and of every article in memory whose event
// changed. Memory is what the caller keeps in it: Restore re-enters
// stored articles (of another process, or of a time span the stream has
// come back to), Evict drops those outside a publication-time span. The
// pipeline keeps the span of the batch at hand ± Config.MaxGap, and loads
// from the store what a late article needs.
package cluster

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Config tunes the clusterer. Start from DefaultConfig.
type Config struct {
	// MaxGap is the window: the clusterer holds the articles published
	// within MaxGap of the batch at hand, and a report is compared with
	// all of them. Default 45 days.
	MaxGap time.Duration
	// Horizon is how far apart in publication time two reports of one
	// event may be and still be compared: beyond the window, a follow-up
	// (an arrest, a trial, months later) meets its event when the
	// pipeline recalls it from the store by the names they share (see
	// Keys). Default three years.
	Horizon time.Duration
	// MaxDocs caps the articles held in memory; beyond it the undated
	// ones, then those farthest in time from the newest batch, go.
	// Default 400,000.
	MaxDocs int
	// Join overrides the model's average-linkage threshold when > 0.
	Join float64
	// DupThreshold is the word-shingle Jaccard of a near-duplicate copy.
	DupThreshold float64
	// Model is the pair scorer; nil means the embedded one.
	Model *Model
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{MaxGap: 45 * 24 * time.Hour, Horizon: 3 * 365 * 24 * time.Hour, MaxDocs: 400_000, DupThreshold: 0.6}
}

// Internal knobs: they trade speed for recall in ways a user has no reason
// to change.
const (
	queryTerms    = 40  // top terms of an article used to look up candidates
	indexTerms    = 40  // top terms of an article kept in the inverted index
	maxPosting    = 400 // a term on more articles in memory is not followed
	maxCandidates = 60  // articles scored per new article
	rawTerms      = 500 // terms an article keeps for re-weighing
	vecTerms      = 250 // terms its weighed vector keeps
	shingleK      = 4   // words per shingle
	shingleKeep   = 4   // keep shingles whose hash is 0 mod this
	maxVocab      = 2_000_000
	idfPrior      = 50.0 // pseudo-documents of idf
	reweighRatio  = 1.3  // stream growth before a kept vector is re-weighed
	rareMin       = 5.0  // a name is rare while its df is at most max(rareMin, rareFrac × N)
	rareFrac      = 0.005
	sampleSize    = 12   // articles of a group sampled for average linkage
	maxComponent  = 1500 // articles of a component settled whole (see component)
)

// channelWeight scales each feature channel's raw weights (it decides
// which terms an article keeps).
var channelWeight = [numChannels]float64{
	chWord: 1.0, chName: 1.3, chPhrase: 1.3, chPlace: 0.8, chYear: 0.8, chNumber: 0.5, chDate: 0.8, chTitle: 1.0,
}

// Assignment is the event of one article after a batch.
type Assignment struct {
	Article     string  `json:"id"`
	Event       string  `json:"event"`
	DuplicateOf string  `json:"duplicate_of,omitempty"`
	Score       float64 `json:"score"` // best pair probability within the event
	NewEvent    bool    `json:"new_event"`
	// From is the event the article was in before this batch ("" for an
	// article of the batch).
	From string `json:"from,omitempty"`
}

// Outcome is what a batch did: an assignment for every article of the
// batch, and for every article in memory whose event changed, sorted by
// article id; and the events that gained or lost articles, sorted.
type Outcome struct {
	Assignments []Assignment
	Events      []string
}

// Clusterer assigns articles to events. It is not safe for concurrent use.
type Clusterer struct {
	cfg        Config
	model      Model
	feat       *featurizer
	df         map[uint64]float64
	ndocs      float64
	docs       []*doc // slots; nil when free
	free       []int32
	byID       map[string]*doc
	postings   map[uint64][]int32
	scratch    map[int32]float64
	hashes     map[string]*doc           // Article.Hash → first article with it
	held       map[string]map[int32]bool // event id → slots of the articles in memory in it
	serial     uint64                    // articles inserted so far
	pairs      pairCache                 // remembered pair probabilities (see prob)
	pairBuf    []float32                 // reused by a settle's pair table
	heap       linkHeap                  // reused by a settle's merges
	tsets      uint32                    // term-set generations handed out
	weighs     uint32                    // weighings done
	probe      probe                     // the last article remember probed (see probe.go)
	weightBuf  []float64                 // reused by candidates
	sharedBuf  []sharedAt                // reused by remember
	reached    []uint32                  // reused by reach: slot → stamp of the walk that reached it
	reachStamp uint32
	slotPos    []int32 // reused by agglomerate: slot → position in the component, -1
	settles    uint64  // settles begun
	rareGen    uint64  // while a settle runs, its number (see rareBits); else 0
}

// New returns a Clusterer. Zero fields of cfg take their defaults.
func New(cfg Config) *Clusterer {
	d := DefaultConfig()
	if cfg.MaxGap <= 0 {
		cfg.MaxGap = d.MaxGap
	}
	if cfg.Horizon <= 0 {
		cfg.Horizon = max(d.Horizon, cfg.MaxGap)
	}
	if cfg.MaxDocs <= 0 {
		cfg.MaxDocs = d.MaxDocs
	}
	if cfg.DupThreshold <= 0 {
		cfg.DupThreshold = d.DupThreshold
	}
	var m Model
	if cfg.Model == nil {
		m = DefaultModel()
	} else {
		m = *cfg.Model
	}
	if cfg.Join > 0 {
		m.Join = cfg.Join
	}
	return &Clusterer{
		cfg: cfg, model: m, feat: newFeaturizer(),
		df:       make(map[uint64]float64, 1<<16),
		byID:     make(map[string]*doc),
		postings: make(map[uint64][]int32, 1<<14),
		scratch:  make(map[int32]float64, 256),
		hashes:   make(map[string]*doc),
		held:     make(map[string]map[int32]bool),
	}
}

// EventID is the deterministic id of an event founded by the article
// firstArticleID: "e" and the first 12 hex digits of its SHA-1.
func EventID(firstArticleID string) string {
	s := sha1.Sum([]byte(firstArticleID))
	return "e" + hex.EncodeToString(s[:6])
}

// Holds reports whether the article id is in memory.
func (c *Clusterer) Holds(id string) bool { return c.byID[id] != nil }

// canonical sorts articles by publication time, then id; undated ones
// last.
func canonical(arts []news.Article) {
	slices.SortStableFunc(arts, func(x, y news.Article) int {
		switch {
		case x.Published.IsZero() != y.Published.IsZero():
			if x.Published.IsZero() {
				return 1
			}
			return -1
		case !x.Published.Equal(y.Published):
			return x.Published.Compare(y.Published)
		}
		return strings.Compare(x.ID, y.ID)
	})
}

// insert vectorizes a, links it to the articles in memory it scores with
// at Model.Edge or above, and keeps it. It returns nil for an id already
// in memory.
func (c *Clusterer) insert(a *news.Article) *doc {
	if c.byID[a.ID] != nil {
		return nil
	}
	if len(c.df) > maxVocab {
		c.forget()
	}
	d := c.vectorize(a)
	c.serial++
	d.serial = c.serial
	if len(c.free) > 0 {
		d.idx = c.free[len(c.free)-1]
		c.free = c.free[:len(c.free)-1]
		c.docs[d.idx] = d
	} else {
		d.idx = int32(len(c.docs))
		c.docs = append(c.docs, d)
	}
	c.byID[d.id] = d
	var dup *doc
	dupSim := 0.0
	if a.Hash != "" {
		if o := c.hashes[a.Hash]; o != nil {
			dup, dupSim = o, 1
		}
	}
	linked := false
	for _, o := range c.candidates(d) {
		p, m := c.probMemo(d, o)
		if dupSim < 1 && len(d.sh) > 0 && len(o.sh) > 0 {
			j := m.jac
			if !m.fits(d, o) {
				j = jaccard(d.sh, o.sh)
			}
			if j >= c.cfg.DupThreshold && j > dupSim {
				dup, dupSim = o, j
			}
		}
		if o == dup {
			p, linked = 1, true
		}
		if p >= c.model.Edge {
			c.link(d, o, p)
		}
	}
	if dup != nil {
		if !linked {
			c.link(d, dup, 1)
		}
		d.dupOf = dup.id
		if dup.dupOf != "" {
			d.dupOf = dup.dupOf
		}
	}
	c.index(d)
	if a.Hash != "" && c.hashes[a.Hash] == nil {
		c.hashes[a.Hash] = d
	}
	return d
}

// link records the edge between d and o, both ways.
func (c *Clusterer) link(d, o *doc, p float64) {
	at, n := float32(max(d.at, o.at)), float32(c.ndocs)
	// The edge takes over the memo of the pair's scoring (see prob),
	// unless it is certain, never scored again (see edgeProb).
	var m pairMemo
	k := pairKey(d.serial, o.serial)
	if e := c.pairs.find(k); e != nil && e.m.sh != nil && float32(p) < 1 {
		m = e.m
		e.m = pairMemo{}
	}
	s := &edgeScore{float32(p), at, n, m}
	d.edges = append(d.edges, edge{o.idx, s})
	o.edges = append(o.edges, edge{d.idx, s})
}

// edgeProb is the probability of d's k-th edge, scored again (both ways)
// when either article was re-weighed or the stream grew past cacheRatio
// since, like prob; a near-duplicate's edge stays certain.
func (c *Clusterer) edgeProb(d *doc, k int) float64 {
	e := d.edges[k].s
	if e.p >= 1 {
		return 1
	}
	o := c.docs[d.edges[k].to]
	d, o = c.fresh(d), c.fresh(o)
	at := float32(max(d.at, o.at))
	if e.at == at && c.ndocs <= float64(e.n)*cacheRatio+1 {
		return float64(e.p)
	}
	p := c.scoreMemo(d, o, &e.m)
	e.p, e.at, e.n = float32(p), at, float32(c.ndocs)
	return float64(e.p)
}

// Add clusters a batch and returns its outcome. Articles already in memory
// (same id) are left where they are and reported with their event.
func (c *Clusterer) Add(batch []news.Article) Outcome {
	arts := slices.Clone(batch)
	canonical(arts)
	var fresh []*doc
	var again []string
	for i := range arts {
		d := c.insert(&arts[i])
		if d == nil {
			again = append(again, arts[i].ID)
			continue
		}
		fresh = append(fresh, d)
	}
	out := c.settle(fresh)
	for _, id := range again {
		if d := c.byID[id]; d != nil && !slices.ContainsFunc(out.Assignments, func(a Assignment) bool { return a.Article == id }) {
			out.Assignments = append(out.Assignments, Assignment{Article: id, Event: d.event, DuplicateOf: d.dupOf})
		}
	}
	slices.SortFunc(out.Assignments, func(x, y Assignment) int { return strings.Compare(x.Article, y.Article) })
	return out
}

// Restore re-enters stored articles (Event and DuplicateOf set) without
// deciding anything: they are linked to what is in memory, and the next
// batch that reaches them settles them with it. Ids already in memory take
// the stored event (the store is the truth another process may have
// changed).
func (c *Clusterer) Restore(arts []news.Article) {
	arts = slices.Clone(arts)
	canonical(arts)
	for i := range arts {
		a := &arts[i]
		if d := c.byID[a.ID]; d != nil {
			c.relabel(d, a.Event)
			continue
		}
		d := c.insert(a)
		d.dupOf = a.DuplicateOf
		c.relabel(d, a.Event)
	}
}

// Relabel puts articles in memory into the events given (article id →
// event id), as another process decided; ids not in memory are ignored.
func (c *Clusterer) Relabel(events map[string]string) {
	for id, ev := range events {
		if d := c.byID[id]; d != nil {
			c.relabel(d, ev)
		}
	}
}

func (c *Clusterer) relabel(d *doc, ev string) {
	if d.event == ev {
		return
	}
	if d.event != "" {
		delete(c.held[d.event], d.idx)
		if len(c.held[d.event]) == 0 {
			delete(c.held, d.event)
		}
	}
	d.event = ev
	if ev != "" {
		if c.held[ev] == nil {
			c.held[ev] = map[int32]bool{}
		}
		c.held[ev][d.idx] = true
	}
}

// Evict drops the articles published outside [from, to] (dated ones; a
// zero bound is open) and, beyond Config.MaxDocs, the undated ones first,
// then the oldest. Their decisions are the caller's to have stored.
func (c *Clusterer) Evict(from, to time.Time) int {
	n := 0
	for _, d := range c.docs {
		if d == nil || d.t.IsZero() {
			continue
		}
		if (!from.IsZero() && d.t.Before(from)) || (!to.IsZero() && d.t.After(to)) {
			c.drop(d)
			n++
		}
	}
	if over := len(c.byID) - c.cfg.MaxDocs; over > 0 {
		all := make([]*doc, 0, len(c.byID))
		for _, d := range c.docs {
			if d != nil {
				all = append(all, d)
			}
		}
		slices.SortFunc(all, func(x, y *doc) int {
			switch {
			case x.t.IsZero() != y.t.IsZero():
				if x.t.IsZero() {
					return -1
				}
				return 1
			case !x.t.Equal(y.t):
				return x.t.Compare(y.t)
			}
			return strings.Compare(x.id, y.id)
		})
		for _, d := range all[:over] {
			c.drop(d)
			n++
		}
	}
	return n
}

func (c *Clusterer) drop(d *doc) {
	c.unindex(d)
	for _, e := range d.edges {
		if o := c.docs[e.to]; o != nil {
			o.edges = slices.DeleteFunc(o.edges, func(x edge) bool { return x.to == d.idx })
		}
	}
	if d.hash != "" && c.hashes[d.hash] == d {
		delete(c.hashes, d.hash)
	}
	c.relabel(d, "")
	delete(c.byID, d.id)
	c.docs[d.idx] = nil
	c.free = append(c.free, d.idx)
}

// normLang folds a language tag to its lower-case primary subtag.
func normLang(l string) string {
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	return strings.ToLower(strings.TrimSpace(l))
}

// MaxGap is the configured Config.MaxGap.
func (c *Clusterer) MaxGap() time.Duration { return c.cfg.MaxGap }

// Span is the publication time a batch needs in memory: its dated
// articles' span widened by gap on both sides (zero times when no article
// is dated). The pipeline loads and keeps that span; Evict takes it.
func Span(batch []news.Article, gap time.Duration) (lo, hi time.Time) {
	for _, a := range batch {
		if a.Published.IsZero() {
			continue
		}
		if lo.IsZero() || a.Published.Before(lo) {
			lo = a.Published
		}
		if a.Published.After(hi) {
			hi = a.Published
		}
	}
	if lo.IsZero() {
		return lo, hi
	}
	return lo.Add(-gap), hi.Add(gap)
}
