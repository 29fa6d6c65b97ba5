// Package pipeline runs articles through Dossier's stages in order —
// extract → cluster → reconcile → store — one batch at a time.
//
// A batch is analysed in parallel (the expensive, independent part), then,
// under the store's cluster lock, the clustering decision is taken in
// publication order against the events of the time window, the events the
// batch touched are reconciled again (and only those: dossiers are updated
// incrementally), and everything is committed in one transaction. Several
// processes may run pipelines against one PostgreSQL store: the lock makes
// their clustering decisions serial and each one first catches up with the
// articles the others stored.
package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/reconcile"
	"github.com/dossier-news/dossier/internal/store"
)

// Store is what the pipeline needs of the store.
type Store interface {
	Known(ctx context.Context, ids, hashes []string) (map[string]bool, error)
	Commit(ctx context.Context, b store.Batch) error
	WithClusterLock(ctx context.Context, fn func(ctx context.Context) error) error
	ArticlesSince(ctx context.Context, afterSeq int64, publishedSince time.Time) ([]news.Article, int64, error)
	ArticlesPublished(ctx context.Context, from, to time.Time) ([]news.Article, error)
	EventArticles(ctx context.Context, eventID string) ([]news.Article, []news.Analysis, error)
	EventsBetween(ctx context.Context, from, to time.Time) ([]news.Event, error)
	Article(ctx context.Context, id string) (news.Article, news.Analysis, error)
	MovesSince(ctx context.Context, afterSeq int64) ([]store.Move, int64, error)
	LastSeq(ctx context.Context) (int64, error)
	LastMoveSeq(ctx context.Context) (int64, error)
	Recall(ctx context.Context, keys []string, lo, hi time.Time, posting, limit int) ([]news.Article, error)
}

// Options tune a Pipeline.
type Options struct {
	Cluster cluster.Config
	Workers int // parallel analysers; default GOMAXPROCS
	Logger  *slog.Logger
	// RelatedWindow is how far around an event's dates storyline
	// candidates are looked for.
	RelatedWindow time.Duration
}

// Pipeline ingests batches of articles into a store. It is safe for
// concurrent use; batches are serialised. Several processes may run
// pipelines on one store.
type Pipeline struct {
	st  Store
	an  *extract.Analyzer
	cl  *cluster.Clusterer
	opt Options
	log *slog.Logger
	mu  sync.Mutex // one batch at a time
	// The clusterer holds every stored article published in [lo, hi]
	// (none while lo is zero), and the articles up to lastSeq and the
	// moves up to lastMove of the store.
	lo, hi   time.Time
	lastSeq  int64
	lastMove int64
	looked   bool // the sequences have been read once
}

// New returns a pipeline writing into st. Its methods may be called from
// several goroutines; batches are ingested one at a time.
func New(st Store, an *extract.Analyzer, opt Options) *Pipeline {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.RelatedWindow == 0 {
		opt.RelatedWindow = 10 * 24 * time.Hour
	}
	if opt.Cluster == (cluster.Config{}) {
		opt.Cluster = cluster.DefaultConfig()
	}
	return &Pipeline{st: st, an: an, cl: cluster.New(opt.Cluster), opt: opt, log: opt.Logger}
}

// Result tells what a batch did.
type Result struct {
	New       []news.Article // stored articles, with Event and DuplicateOf set
	Duplicate []news.Article // already stored (same id or same text)
	Events    []string       // events created or changed, sorted
	NewEvents int
	Merged    int // events found to be one with another and folded into it
}

// Ingest analyses, clusters, reconciles and stores arts. Articles already
// in the store (by id or content hash) are skipped and reported in
// Result.Duplicate. The whole batch is committed in one transaction.
func (p *Pipeline) Ingest(ctx context.Context, arts []news.Article) (Result, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var res Result
	arts, dups := dedupe(arts)
	for i := range arts {
		// Cluster what the store will hold (it keeps microseconds), so
		// that other processes replaying this batch from the store decide
		// exactly as this one.
		arts[i].Published = arts[i].Published.Truncate(time.Microsecond)
	}
	res.Duplicate = append(res.Duplicate, dups...)
	fresh, dups, err := p.unknown(ctx, arts)
	if err != nil {
		return res, err
	}
	res.Duplicate = append(res.Duplicate, dups...)
	if len(fresh) == 0 {
		return res, nil
	}
	analyses := p.analyse(ctx, fresh)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// Publication order; undated articles keep their arrival order after
	// the dated ones of the batch.
	order := make([]int, len(fresh))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return comparePublished(fresh[a].Published, fresh[b].Published)
	})
	sorted := make([]news.Article, len(fresh))
	sortedAn := make([]news.Analysis, len(fresh))
	for i, j := range order {
		sorted[i], sortedAn[i] = fresh[j], analyses[j]
	}

	keys := make(map[string][]string, len(sorted))
	for _, a := range sorted {
		keys[a.ID] = cluster.Keys(a.Title, a.Text, a.Lang)
	}

	decided := false // the clusterer holds the batch
	err = p.st.WithClusterLock(ctx, func(ctx context.Context) error {
		// Another process may have stored some of these meanwhile.
		sorted2, an2, dups, err := p.recheck(ctx, sorted, sortedAn)
		if err != nil {
			return err
		}
		res.Duplicate = append(res.Duplicate, dups...)
		if len(sorted2) == 0 {
			return nil
		}
		if err := p.catchUp(ctx, sorted2); err != nil {
			return err
		}
		if err := p.recall(ctx, sorted2, keys); err != nil {
			return err
		}
		decided = true
		out := p.cl.Add(sorted2)
		byArt := make(map[string]cluster.Assignment, len(out.Assignments))
		for _, a := range out.Assignments {
			byArt[a.Article] = a
		}
		inBatch := make(map[string]bool, len(sorted2))
		for i := range sorted2 {
			a := byArt[sorted2[i].ID]
			if a.Event == "" {
				return fmt.Errorf("cluster: no event for article %s", sorted2[i].ID)
			}
			sorted2[i].Event, sorted2[i].DuplicateOf = a.Event, a.DuplicateOf
			inBatch[sorted2[i].ID] = true
			if a.NewEvent {
				res.NewEvents++
			}
		}
		// Stored articles whose event the batch changed.
		mv := moves{to: map[string]string{}, in: map[string][]storedArticle{}, out: map[string]string{}}
		for _, a := range out.Assignments {
			if inBatch[a.Article] || a.From == a.Event {
				continue
			}
			st, an, err := p.st.Article(ctx, a.Article)
			if err != nil {
				if isNotFound(err) {
					continue
				}
				return fmt.Errorf("load moved article %s: %w", a.Article, err)
			}
			if st.Event == a.Event {
				continue
			}
			mv.moves = append(mv.moves, store.Move{Article: a.Article, Event: a.Event})
			mv.to[a.Article] = a.Event
			mv.in[a.Event] = append(mv.in[a.Event], storedArticle{st, an})
			mv.out[st.Event] = a.Event
		}
		touched := map[string]bool{}
		for _, id := range out.Events {
			touched[id] = true
		}
		for old := range mv.out {
			touched[old] = true
		}
		batch, err := p.reconcile(ctx, sorted2, an2, touched, mv)
		if err != nil {
			return err
		}
		batch.Moves = mv.moves
		batch.Keys = make(map[string][]string, len(sorted2))
		for _, a := range sorted2 {
			batch.Keys[a.ID] = keys[a.ID]
		}
		merges := batch.Merges
		res.Merged += len(merges)
		if err := p.st.Commit(ctx, batch); err != nil {
			return fmt.Errorf("commit batch of %d articles: %w", len(sorted2), err)
		}
		// Our own moves are in the clusterer already.
		if last, err := p.st.LastMoveSeq(ctx); err == nil {
			p.lastMove = max(p.lastMove, last)
		} else {
			return fmt.Errorf("read move sequence: %w", err)
		}
		// Step past our own articles, already in the clusterer: under the
		// lock nobody else committed, so the newest seq is ours.
		last, err := p.st.LastSeq(ctx)
		if err != nil {
			return fmt.Errorf("read article sequence: %w", err)
		}
		p.lastSeq = max(p.lastSeq, last)
		p.evict(sorted2)
		res.New = sorted2
		for _, ev := range batch.Events {
			res.Events = append(res.Events, ev.ID)
		}
		slices.Sort(res.Events)
		return nil
	})
	if err != nil && decided {
		// The clusterer decided a batch the store does not hold (the
		// commit failed, or the process is being stopped): start again
		// from what the store holds at the next batch.
		p.reset()
		res.New = nil
	}
	return res, err
}

// reset forgets the clusterer's state; the next batch loads what it needs
// from the store again.
func (p *Pipeline) reset() {
	p.cl = cluster.New(p.opt.Cluster)
	p.lo, p.hi = time.Time{}, time.Time{}
	p.lastSeq, p.lastMove, p.looked = 0, 0, false
}

func comparePublished(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// dedupe drops repeats of an id or text hash within one batch.
func dedupe(arts []news.Article) (keep, dups []news.Article) {
	seen := make(map[string]bool, 2*len(arts))
	for _, a := range arts {
		if seen["i"+a.ID] || (a.Hash != "" && seen["h"+a.Hash]) {
			dups = append(dups, a)
			continue
		}
		seen["i"+a.ID] = true
		if a.Hash != "" {
			seen["h"+a.Hash] = true
		}
		keep = append(keep, a)
	}
	return keep, dups
}

func (p *Pipeline) unknown(ctx context.Context, arts []news.Article) (fresh, dups []news.Article, err error) {
	ids := make([]string, 0, len(arts))
	hashes := make([]string, 0, len(arts))
	for _, a := range arts {
		ids = append(ids, a.ID)
		if a.Hash != "" {
			hashes = append(hashes, a.Hash)
		}
	}
	known, err := p.st.Known(ctx, ids, hashes)
	if err != nil {
		return nil, nil, fmt.Errorf("look up known articles: %w", err)
	}
	for _, a := range arts {
		if known[a.ID] || (a.Hash != "" && known[a.Hash]) {
			dups = append(dups, a)
			continue
		}
		fresh = append(fresh, a)
	}
	return fresh, dups, nil
}

func (p *Pipeline) recheck(ctx context.Context, arts []news.Article, an []news.Analysis) ([]news.Article, []news.Analysis, []news.Article, error) {
	fresh, dups, err := p.unknown(ctx, arts)
	if err != nil || len(dups) == 0 {
		return fresh, an, dups, err
	}
	keep := make(map[string]bool, len(fresh))
	for _, a := range fresh {
		keep[a.ID] = true
	}
	var an2 []news.Analysis
	for _, x := range an {
		if keep[x.Article] {
			an2 = append(an2, x)
		}
	}
	return fresh, an2, dups, nil
}

// analyse runs the extractor over arts with a bounded number of workers;
// the result is in the order of arts.
func (p *Pipeline) analyse(ctx context.Context, arts []news.Article) []news.Analysis {
	out := make([]news.Analysis, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(p.opt.Workers, len(arts)) {
		wg.Go(func() {
			for i := range next {
				out[i] = p.an.Analyze(&arts[i])
			}
		})
	}
	for i := range arts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// span is the publication time a batch needs in memory (cluster.Span
// with the clusterer's MaxGap).
func (p *Pipeline) span(batch []news.Article) (lo, hi time.Time) {
	return cluster.Span(batch, p.cl.MaxGap())
}

// catchUp brings the clusterer to the store before a batch is decided.
// The window is one of publication time, not of arrival: the clusterer
// must hold every stored article published within MaxGap of the batch,
// so an article that arrives late (a re-ingest in another order, another
// worker's batch, a follow-up weeks later) is matched against the events
// of its own time. What memory lacks of that span is read from the store;
// the articles other processes stored since the last look, and the
// moves they made, are taken in too. Stored articles are restored with
// their events, and the batch's decision settles them with it, so N
// processes decide as one process taking their batches in commit order.
func (p *Pipeline) catchUp(ctx context.Context, batch []news.Article) error {
	if !p.looked {
		// Articles stored before this process started are loaded by span.
		last, err := p.st.LastSeq(ctx)
		if err != nil {
			return fmt.Errorf("read article sequence: %w", err)
		}
		lastMove, err := p.st.LastMoveSeq(ctx)
		if err != nil {
			return fmt.Errorf("read move sequence: %w", err)
		}
		p.lastSeq, p.lastMove, p.looked = last, lastMove, true
	}
	newest, err := p.st.LastSeq(ctx)
	if err != nil {
		return fmt.Errorf("read article sequence: %w", err)
	}
	if newest > p.lastSeq {
		stored, last, err := p.st.ArticlesSince(ctx, p.lastSeq, time.Time{})
		if err != nil {
			return fmt.Errorf("load articles stored by others: %w", err)
		}
		keep := stored[:0]
		for _, a := range stored {
			if a.Published.IsZero() || (!p.lo.IsZero() && !a.Published.Before(p.lo) && !a.Published.After(p.hi)) {
				keep = append(keep, a)
			}
		}
		p.cl.Restore(keep)
		p.lastSeq = max(p.lastSeq, last)
	}
	moves, lastMove, err := p.st.MovesSince(ctx, p.lastMove)
	if err != nil {
		return fmt.Errorf("load article moves: %w", err)
	}
	p.lastMove = lastMove
	if len(moves) > 0 {
		to := make(map[string]string, len(moves))
		for _, m := range moves {
			to[m.Article] = m.Event
		}
		p.cl.Relabel(to)
	}
	lo, hi := p.span(batch)
	if lo.IsZero() {
		return nil
	}
	var load [][2]time.Time
	switch {
	case p.lo.IsZero() || hi.Before(p.lo) || lo.After(p.hi):
		load = append(load, [2]time.Time{lo, hi})
		p.lo, p.hi = lo, hi
	default:
		if lo.Before(p.lo) {
			load = append(load, [2]time.Time{lo, p.lo})
			p.lo = lo
		}
		if hi.After(p.hi) {
			load = append(load, [2]time.Time{p.hi, hi})
			p.hi = hi
		}
	}
	for _, r := range load {
		stored, err := p.st.ArticlesPublished(ctx, r[0], r[1])
		if err != nil {
			return fmt.Errorf("load articles published %s to %s: %w", r[0].Format(time.DateOnly), r[1].Format(time.DateOnly), err)
		}
		p.cl.Restore(stored)
	}
	return nil
}

// recall brings back from the store the events beyond the window that
// share keys with the batch (see cluster.Keys): a follow-up months later
// meets its event, and the pair scorer decides.
func (p *Pipeline) recall(ctx context.Context, batch []news.Article, keys map[string][]string) error {
	if p.lo.IsZero() {
		return nil
	}
	var all []string
	for _, a := range batch {
		all = append(all, keys[a.ID]...)
	}
	slices.Sort(all)
	arts, err := p.st.Recall(ctx, slices.Compact(all), p.lo, p.hi, cluster.RecallPosting, cluster.RecallArticles)
	if err != nil {
		return fmt.Errorf("recall events beyond the window: %w", err)
	}
	if len(arts) > 0 {
		p.log.Debug("recalled events beyond the window", "articles", len(arts))
		p.cl.Restore(arts)
	}
	return nil
}

// evict keeps in memory the span the batch needed, and forgets the rest:
// all of it is stored.
func (p *Pipeline) evict(batch []news.Article) {
	lo, hi := p.span(batch)
	if lo.IsZero() {
		p.cl.Evict(time.Time{}, time.Time{})
		return
	}
	if n := p.cl.Evict(lo, hi); n > 0 {
		p.log.Debug("clusterer forgot articles outside the batch's span", "articles", n, "from", lo, "to", hi)
	}
	p.lo, p.hi = lo, hi
}

// reconcile rebuilds the dossier of every touched event from its stored
// and new articles, and links it to related events.
func (p *Pipeline) reconcile(ctx context.Context, arts []news.Article, an []news.Analysis, touched map[string]bool, mv moves) (store.Batch, error) {
	b := store.Batch{Articles: arts, Analyses: an}
	newByEvent := map[string][]int{}
	for i, a := range arts {
		newByEvent[a.Event] = append(newByEvent[a.Event], i)
	}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		// Build recomputes every field from the articles, so the stored
		// dossier is not read back.
		base := news.Event{ID: id}
		var evArts []news.Article
		var evAn []news.Analysis
		seen := map[string]bool{}
		add := func(a news.Article, x news.Analysis) {
			if !seen[a.ID] {
				seen[a.ID] = true
				a.Event = id
				evArts, evAn = append(evArts, a), append(evAn, x)
			}
		}
		as, ans, err := p.st.EventArticles(ctx, id)
		if err != nil {
			return b, fmt.Errorf("load articles of event %s: %w", id, err)
		}
		for i := range as {
			if to, ok := mv.to[as[i].ID]; !ok || to == id {
				add(as[i], ans[i])
			}
		}
		for _, x := range mv.in[id] {
			add(x.a, x.an)
		}
		for _, i := range newByEvent[id] {
			add(arts[i], an[i])
		}
		if len(evArts) == 0 {
			// Every article moved away: the event answers with where
			// they went.
			if to := mv.out[id]; to != "" && to != id {
				b.Merges = append(b.Merges, store.Merge{From: id, To: to})
			}
			continue
		}
		base.Articles = base.Articles[:0]
		for _, a := range evArts {
			base.Articles = append(base.Articles, a.ID)
		}
		ev := reconcile.Build(base, evArts, evAn)
		b.Events = append(b.Events, ev)
	}
	// Storylines: link each touched event to related ones nearby in time.
	// The candidates of the whole batch are loaded once.
	var from, to time.Time
	for _, ev := range b.Events {
		if ev.First.IsZero() {
			continue
		}
		if from.IsZero() || ev.First.Before(from) {
			from = ev.First
		}
		if ev.Last.After(to) {
			to = ev.Last
		}
	}
	if from.IsZero() {
		return b, nil
	}
	stored, err := p.st.EventsBetween(ctx, from.Add(-p.opt.RelatedWindow), to.Add(p.opt.RelatedWindow))
	if err != nil {
		return b, fmt.Errorf("load storyline candidates: %w", err)
	}
	// The fresh versions of events rebuilt in this batch replace the stored ones.
	fresh := make(map[string]int, len(b.Events))
	for i, e := range b.Events {
		fresh[e.ID] = i
	}
	pool := slices.DeleteFunc(stored, func(c news.Event) bool { _, ok := fresh[c.ID]; return ok })
	pool = append(pool, b.Events...)
	slices.SortFunc(pool, func(a, b news.Event) int { return cmp.Compare(a.ID, b.ID) })
	lines := reconcile.NewStorylines(pool)
	for i, ev := range b.Events {
		if ev.First.IsZero() {
			continue
		}
		rel := lines.Related(ev, ev.First.Add(-p.opt.RelatedWindow), ev.Last.Add(p.opt.RelatedWindow))
		b.Events[i].Related = rel
		for _, r := range rel {
			b.Links = append(b.Links, store.Link{From: ev.ID, To: r.Event, Score: r.Score, Reason: r.Reason})
		}
	}
	return b, nil
}

func isNotFound(err error) bool {
	return err != nil && errors.Is(err, store.ErrNotFound)
}

// Summary counts what a run of IngestAll did.
type Summary struct {
	Read      int            `json:"read"`
	New       int            `json:"new"`
	Duplicate int            `json:"duplicate"`
	Rejected  int            `json:"rejected"`
	NewEvents int            `json:"new_events"`
	Merged    int            `json:"merged_events"`
	Events    map[string]int `json:"-"` // event id → articles added
	Errors    []error        `json:"-"` // one per rejected input
}

// IngestAll drains walk, which calls its callback with each article read or
// with the error of each rejected input, and ingests the articles in batches
// of batchSize. A rejected input is counted and kept in Summary.Errors; it
// never stops the others. onBatch, if not nil, is called after each
// committed batch.
func (p *Pipeline) IngestAll(ctx context.Context, walk func(fn func(*news.Article, error) error) error, batchSize int, onBatch func(Result)) (Summary, error) {
	if batchSize <= 0 {
		batchSize = 256
	}
	s := Summary{Events: map[string]int{}}
	var pending []news.Article
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, err := p.Ingest(ctx, pending)
		pending = pending[:0]
		if err != nil {
			return err
		}
		s.New += len(res.New)
		s.Duplicate += len(res.Duplicate)
		s.NewEvents += res.NewEvents
		s.Merged += res.Merged
		for _, a := range res.New {
			s.Events[a.Event]++
		}
		if onBatch != nil {
			onBatch(res)
		}
		return nil
	}
	err := walk(func(a *news.Article, err error) error {
		if err != nil {
			s.Rejected++
			s.Errors = append(s.Errors, err)
			return nil
		}
		s.Read++
		pending = append(pending, *a)
		if len(pending) >= batchSize {
			return flush()
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	return s, flush()
}

// moves are stored articles that Consolidate put into another event.
type moves struct {
	moves []store.Move
	to    map[string]string // article → its new event
	in    map[string][]storedArticle
	out   map[string]string // old event → an event its articles went to
}

type storedArticle struct {
	a  news.Article
	an news.Analysis
}
