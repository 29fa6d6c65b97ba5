package cluster

import (
	"cmp"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Memory beyond the window. The clusterer holds the articles of the
// window (Config.MaxGap around the batch); a follow-up weeks or months
// later (an arrest, a name released, a trial) must still meet its event.
// Every stored article carries its keys, the multi-word names it writes
// of someone or something (never as a place: a town names many events);
// before a batch the pipeline recalls from the store the events of the
// articles outside the window that share a key with it, as eval does
// from what it has seen, and the pair scorer decides, as for any other
// candidate within Config.Horizon.

// Recall bounds: a key carried by more stored articles than RecallPosting
// is too common to tell events apart and is not followed, and a batch
// recalls at most RecallArticles articles (whole events, largest
// sharing first).
const (
	RecallPosting  = 40
	RecallArticles = 400
	maxKeys        = 12
)

// Keys returns an article's keys: the multi-word names it writes at least
// once not after in/at/near/from, most written first (ties by name), at
// most maxKeys, folded and joined by "_" ("tara_reid").
func Keys(title, text, lang string) []string {
	f := keyFeaturizers.Get().(*featurizer)
	defer keyFeaturizers.Put(f)
	f.features(title, text, normLang(lang))
	return f.keys()
}

// keyFeaturizers are reused by Keys, which the pipeline calls for every
// article of a batch (a featurizer holds maps of hundreds of entries).
var keyFeaturizers = sync.Pool{New: func() any { return newFeaturizer() }}

// keys returns the keys of the article last featurized.
func (f *featurizer) keys() []string {
	type kc struct {
		k string
		n int
	}
	var ks []kc
	for k, n := range f.phrases {
		if n > 0 {
			ks = append(ks, kc{k, n})
		}
	}
	slices.SortFunc(ks, func(x, y kc) int {
		if x.n != y.n {
			return cmp.Compare(y.n, x.n)
		}
		return cmp.Compare(x.k, y.k)
	})
	out := make([]string, 0, min(len(ks), maxKeys))
	for _, x := range ks[:min(len(ks), maxKeys)] {
		out = append(out, x.k)
	}
	return out
}

// keyHashes returns the sorted hashes of keys, as a doc keeps them.
func keyHashes(keys []string) []uint64 {
	if len(keys) == 0 {
		return nil
	}
	out := make([]uint64, len(keys))
	for i, k := range keys {
		out[i] = hashTerm(chPhrase, k)
	}
	slices.Sort(out)
	return out
}

// intersects tells whether two sorted sets share an element (keys, figures).
func intersects(a, b []uint64) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		x, y := a[i], b[j]
		if x == y {
			return true
		}
		i += b2i(x < y)
		j += b2i(y < x)
	}
	return false
}

// phrase counts a multi-word name; one written as a place once is a place.
func (f *featurizer) phrase(p string, asPlace bool) {
	switch n := f.phrases[p]; {
	case asPlace || n < 0:
		f.phrases[p] = -1
	default:
		f.phrases[p] = n + 1
	}
}

// Archive is an in-memory archive of articles by key, with the event each
// is in: what the store's key index gives the pipeline, for eval and
// tests, which run the clusterer without a store.
type Archive struct {
	arts    map[string]*news.Article
	byKey   map[string][]string
	byEvent map[string]map[string]bool
}

// NewArchive returns an empty archive.
func NewArchive() *Archive {
	return &Archive{arts: map[string]*news.Article{}, byKey: map[string][]string{}, byEvent: map[string]map[string]bool{}}
}

// Put stores a (its Event set), filing it under keys the first time.
func (ar *Archive) Put(a news.Article, keys []string) {
	if old := ar.arts[a.ID]; old != nil {
		ar.Move(a.ID, a.Event)
		return
	}
	ar.arts[a.ID] = &a
	for _, k := range keys {
		ar.byKey[k] = append(ar.byKey[k], a.ID)
	}
	ar.file(a.ID, a.Event)
}

// Move puts a stored article into another event.
func (ar *Archive) Move(id, event string) {
	a := ar.arts[id]
	if a == nil || a.Event == event {
		return
	}
	delete(ar.byEvent[a.Event], id)
	if len(ar.byEvent[a.Event]) == 0 {
		delete(ar.byEvent, a.Event)
	}
	a.Event = event
	ar.file(id, event)
}

func (ar *Archive) file(id, event string) {
	if event == "" {
		return
	}
	if ar.byEvent[event] == nil {
		ar.byEvent[event] = map[string]bool{}
	}
	ar.byEvent[event][id] = true
}

// Recall returns the articles of the events that share keys with a batch
// through articles published outside [lo, hi] (the window, which memory
// holds already): keys on more than RecallPosting articles are not
// followed; the events sharing the most keys come first (ties by id),
// whole, while they fit in RecallArticles articles. The articles come in publication
// order, then id.
func (ar *Archive) Recall(keys []string, lo, hi time.Time) []news.Article {
	shared := map[string]map[string]bool{} // event → keys it shares
	for _, k := range keys {
		p := ar.byKey[k]
		if len(p) > RecallPosting {
			continue
		}
		for _, id := range p {
			a := ar.arts[id]
			if a.Event == "" || !outside(a.Published, lo, hi) {
				continue
			}
			if shared[a.Event] == nil {
				shared[a.Event] = map[string]bool{}
			}
			shared[a.Event][k] = true
		}
	}
	events := slices.Collect(maps.Keys(shared))
	slices.SortFunc(events, func(x, y string) int {
		if n, m := len(shared[x]), len(shared[y]); n != m {
			return cmp.Compare(m, n)
		}
		return cmp.Compare(x, y)
	})
	var out []news.Article
	for _, ev := range events {
		ids := ar.byEvent[ev]
		if len(out)+len(ids) > RecallArticles {
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(ids)) {
			out = append(out, *ar.arts[id])
		}
	}
	slices.SortFunc(out, func(x, y news.Article) int {
		if c := x.Published.Compare(y.Published); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out
}

// outside tells whether t lies outside [lo, hi]; undated articles are in
// every window.
func outside(t, lo, hi time.Time) bool {
	return !t.IsZero() && !lo.IsZero() && (t.Before(lo) || t.After(hi))
}
