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
	"maps"
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
	EventArticles(ctx context.Context, eventID string) ([]news.Article, []news.Analysis, error)
	EventsBetween(ctx context.Context, from, to time.Time) ([]news.Event, error)
	Article(ctx context.Context, id string) (news.Article, news.Analysis, error)
	MovesSince(ctx context.Context, afterSeq int64) ([]store.Move, int64, error)
	BatchesSince(ctx context.Context, afterSeq int64) ([][]news.Article, int64, error)
	LastSeq(ctx context.Context) (int64, error)
	LastMoveSeq(ctx context.Context) (int64, error)
}

// Options tune a Pipeline.
type Options struct {
	Cluster cluster.Config
	Workers int // parallel analysers; default GOMAXPROCS
	Logger  *slog.Logger
	// RelatedWindow is how far around an event's dates storyline
	// candidates are looked for.
	RelatedWindow time.Duration
	// Replay and ReplayAtStart bound how many articles stored by other
	// processes are replayed through the clusterer at one catch-up, and at
	// the first one; beyond, the stored decisions of the time window are
	// restored instead (see catchUp). Defaults 20,000 and 2,000.
	Replay, ReplayAtStart int
}

// Pipeline ingests batches of articles into a store. It is safe for
// concurrent use; batches are serialised. Several processes may run
// pipelines on one store.
type Pipeline struct {
	st      Store
	an      *extract.Analyzer
	cl      *cluster.Clusterer
	opt     Options
	log     *slog.Logger
	mu      sync.Mutex // one batch at a time
	lastSeq int64
	// Moves of stored articles to other events, read up to lastMove.
	lastMove int64
	looked   bool // catchUp has run once
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
	if opt.Replay <= 0 {
		opt.Replay = 20000
	}
	if opt.ReplayAtStart <= 0 {
		opt.ReplayAtStart = 2000
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
		// Decide. Add may merge events; Consolidate, at the end of the
		// batch, merges what now links and splits what single linkage
		// chained, and a split may found an event again under an id a
		// merge absorbed a moment before. So the outcome is read from the
		// clusterer afterwards: where every article of the batch, and every
		// stored article that moved, is now.
		affected := make([]string, 0, len(sorted2))
		dupOf := map[string]string{}
		absorbedIDs := map[string]bool{}
		byMerge := map[string]string{} // stored article → the event a merge in Add put it in
		note := func(a cluster.Assignment) {
			affected = append(affected, a.Article)
			dupOf[a.Article] = a.DuplicateOf
			delete(byMerge, a.Article)
			for _, m := range a.Merged {
				absorbedIDs[m] = true
			}
		}
		decided = true
		for i := range sorted2 {
			a := p.cl.Add(&sorted2[i])
			if a.NewEvent {
				res.NewEvents++
			}
			note(a)
			for _, m := range p.cl.Moved() {
				note(m)
				byMerge[m.Article] = m.Event
			}
		}
		for _, a := range p.cl.Consolidate() {
			note(a)
		}
		now := p.cl.EventsOf(affected)
		touched := map[string]bool{}
		for i := range sorted2 {
			id := sorted2[i].ID
			sorted2[i].Event, sorted2[i].DuplicateOf = now[id], dupOf[id]
			touched[now[id]] = true
		}
		// Events absorbed and not founded again are merged in the store,
		// which moves their stored articles (also those the clusterer no
		// longer holds) and leaves a redirect.
		absorbed := map[string][]string{} // survivor → events merged into it
		merged := map[string]string{}
		var merges []store.Merge
		for _, from := range slices.Sorted(maps.Keys(absorbedIDs)) {
			to := p.cl.Live(from)
			if to == "" || to == from {
				continue
			}
			merged[from] = to
			merges = append(merges, store.Merge{From: from, To: to})
			absorbed[to] = append(absorbed[to], from)
			touched[to] = true
		}
		final := func(id string) string {
			if to, ok := merged[id]; ok {
				return to
			}
			return id
		}
		// Stored articles whose event changed: those a merge in Add moved
		// follow their event in the store's merge unless a split took them
		// elsewhere; the others are looked up and moved one by one.
		moved := map[string]string{} // stored article → its event now
		for _, id := range affected {
			ev, ok := now[id]
			if !ok {
				continue
			}
			if m, ok := byMerge[id]; ok && p.cl.Live(m) == ev {
				continue
			}
			moved[id] = ev
		}
		mv, err := p.movesOf(ctx, moved, sorted2, final)
		if err != nil {
			return err
		}
		for _, m := range mv.moves {
			touched[m.Event] = true
		}
		for old := range mv.out {
			touched[final(old)] = true
		}
		for from := range merged {
			delete(touched, from)
		}
		batch, err := p.reconcile(ctx, sorted2, an2, touched, absorbed, mv)
		if err != nil {
			return err
		}
		merges = append(merges, batch.Merges...)
		batch.Merges = merges
		batch.Moves = mv.moves
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
		res.New = sorted2
		for id := range touched {
			res.Events = append(res.Events, id)
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

// reset forgets the clusterer's state; the next catch-up rebuilds it from
// the store.
func (p *Pipeline) reset() {
	p.cl = cluster.New(p.opt.Cluster)
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

// catchUp brings the clusterer to the state of the store before a batch:
// the articles other processes stored since the last look (or, at start,
// what the store holds), and the merges and splits they made.
//
// Other processes' batches are replayed as they were clustered, batch by
// batch (Add in the order stored, then Consolidate): a clusterer is
// deterministic, so every process that has replayed the same batches
// holds the same events, vectors and document frequencies, and the
// events of N workers are those one process would make taking the
// batches in commit order. What the replay cannot reproduce (a process
// that restored instead, see Options.Replay) is corrected from the store: every
// article is put into the event the store says (Relabel), so decisions
// are at least taken against the store's events.
func (p *Pipeline) catchUp(ctx context.Context, batch []news.Article) error {
	newest, err := p.st.LastSeq(ctx)
	if err != nil {
		return fmt.Errorf("read article sequence: %w", err)
	}
	if newest <= p.lastSeq {
		return nil
	}
	var seen []news.Article
	limit := int64(p.opt.Replay)
	if !p.looked {
		limit = int64(p.opt.ReplayAtStart)
	}
	p.looked = true
	if newest-p.lastSeq <= limit {
		groups, last, err := p.st.BatchesSince(ctx, p.lastSeq)
		if err != nil {
			return fmt.Errorf("load batches stored by others: %w", err)
		}
		for _, g := range groups {
			for i := range g {
				a := g[i]
				p.cl.Add(&a)
			}
			p.cl.Consolidate()
			seen = append(seen, g...)
		}
		p.lastSeq = max(p.lastSeq, last)
	} else {
		stored, last, err := p.st.ArticlesSince(ctx, p.lastSeq, windowStart(batch, p.opt.Cluster.Window))
		if err != nil {
			return fmt.Errorf("load recent articles: %w", err)
		}
		for i := range stored {
			p.cl.Restore(&stored[i])
		}
		p.lastSeq = max(p.lastSeq, last)
		p.log.Info("restored stored decisions instead of replaying batches", "articles", len(stored), "behind", newest-p.lastSeq)
	}
	moves, lastMove, err := p.st.MovesSince(ctx, p.lastMove)
	if err != nil {
		return fmt.Errorf("load article moves: %w", err)
	}
	p.lastMove = lastMove
	fix := make([]cluster.Assignment, 0, len(moves)+len(seen))
	for _, m := range moves {
		fix = append(fix, cluster.Assignment{Article: m.Article, Event: m.Event})
	}
	for _, a := range seen {
		fix = append(fix, cluster.Assignment{Article: a.ID, Event: a.Event})
	}
	if n := p.cl.Relabel(fix); n > 0 {
		p.log.Debug("clusterer corrected to the store's events", "articles", n)
	}
	return nil
}

// windowStart is how far back from the batch's oldest article stored
// decisions are restored; an undated article may belong anywhere, so then
// everything is (the clusterer's own cap bounds what it keeps).
func windowStart(batch []news.Article, window time.Duration) time.Time {
	since := time.Time{}
	for _, a := range batch {
		if a.Published.IsZero() {
			return time.Time{}
		}
		if since.IsZero() || a.Published.Before(since) {
			since = a.Published
		}
	}
	if since.IsZero() {
		return since
	}
	return since.Add(-window)
}

// reconcile rebuilds the dossier of every touched event from its stored
// and new articles, and links it to related events.
func (p *Pipeline) reconcile(ctx context.Context, arts []news.Article, an []news.Analysis, touched map[string]bool, absorbed map[string][]string, mv moves) (store.Batch, error) {
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
		for _, from := range append([]string{id}, absorbed[id]...) {
			as, ans, err := p.st.EventArticles(ctx, from)
			if err != nil {
				return b, fmt.Errorf("load articles of event %s: %w", from, err)
			}
			for i := range as {
				if to, ok := mv.to[as[i].ID]; !ok || to == id {
					add(as[i], ans[i])
				}
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
	for i, ev := range b.Events {
		if ev.First.IsZero() {
			continue
		}
		lo, hi := ev.First.Add(-p.opt.RelatedWindow), ev.Last.Add(p.opt.RelatedWindow)
		var cands []news.Event
		for _, c := range pool {
			if c.ID != ev.ID && !c.First.IsZero() && !c.Last.Before(lo) && !c.First.After(hi) {
				cands = append(cands, c)
			}
		}
		rel := reconcile.Related(ev, cands)
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

// movesOf finds, among the articles Consolidate moved, the stored ones
// (those of the batch are already relabelled) and where they were.
func (p *Pipeline) movesOf(ctx context.Context, moved map[string]string, batch []news.Article, final func(string) string) (moves, error) {
	mv := moves{to: map[string]string{}, in: map[string][]storedArticle{}, out: map[string]string{}}
	inBatch := make(map[string]bool, len(batch))
	for _, a := range batch {
		inBatch[a.ID] = true
	}
	for _, id := range slices.Sorted(maps.Keys(moved)) {
		if inBatch[id] {
			continue
		}
		a, an, err := p.st.Article(ctx, id)
		if err != nil {
			if isNotFound(err) {
				continue
			}
			return mv, fmt.Errorf("load moved article %s: %w", id, err)
		}
		old, to := final(a.Event), final(moved[id])
		if old == to {
			continue
		}
		mv.moves = append(mv.moves, store.Move{Article: id, Event: to})
		mv.to[id] = to
		mv.in[to] = append(mv.in[to], storedArticle{a, an})
		mv.out[old] = to
	}
	return mv, nil
}
