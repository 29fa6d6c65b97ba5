package web

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// fakeStore serves a Batch from memory. It exists only until the real
// store compiles; the final tests run against SQLite.
type fakeStore struct {
	b      store.Batch
	arts   map[string]news.Article
	ans    map[string]news.Analysis
	events map[string]news.Event
}

func newFakeStore(b store.Batch) *fakeStore {
	f := &fakeStore{b: b, arts: map[string]news.Article{}, ans: map[string]news.Analysis{}, events: map[string]news.Event{}}
	for _, a := range b.Articles {
		f.arts[a.ID] = a
	}
	for _, a := range b.Analyses {
		f.ans[a.Article] = a
	}
	for _, e := range b.Events {
		f.events[e.ID] = e
	}
	for _, l := range b.Links {
		for _, p := range [][2]string{{l.From, l.To}, {l.To, l.From}} {
			e := f.events[p[0]]
			e.Related = append(e.Related, news.Related{Event: p[1], Title: f.events[p[1]].Title, Score: l.Score, Reason: l.Reason})
			f.events[p[0]] = e
		}
	}
	return f
}

func (f *fakeStore) sorted() []news.Event {
	var evs []news.Event
	for _, e := range f.events {
		evs = append(evs, e)
	}
	slices.SortFunc(evs, func(a, b news.Event) int { return b.Last.Compare(a.Last) })
	return evs
}

func (f *fakeStore) Events(ctx context.Context, fl store.EventFilter) ([]news.Event, int, error) {
	var out []news.Event
	for _, e := range f.sorted() {
		if fl.Lang != "" && !slices.Contains(e.Langs, fl.Lang) || fl.Outlet != "" && !slices.Contains(e.Sources, fl.Outlet) {
			continue
		}
		if !fl.From.IsZero() && e.Last.Before(fl.From) || !fl.To.IsZero() && e.First.After(fl.To) {
			continue
		}
		if fl.Entity != "" && !slices.ContainsFunc(e.Entities, func(x news.Entity) bool { return x.ID == fl.Entity || x.Name == fl.Entity }) {
			continue
		}
		if fl.Place != "" && !slices.ContainsFunc(e.Places, func(x news.GeoPlace) bool { return x.Name == fl.Place }) {
			continue
		}
		out = append(out, e)
	}
	if fl.Sort == "biggest" {
		slices.SortStableFunc(out, func(a, b news.Event) int { return cmp.Compare(len(b.Articles), len(a.Articles)) })
	}
	total := len(out)
	lim := cmp.Or(fl.Limit, 50)
	out = out[min(fl.Offset, total):min(fl.Offset+lim, total)]
	return out, total, nil
}

func (f *fakeStore) Event(ctx context.Context, id string) (news.Event, error) {
	e, ok := f.events[id]
	if !ok {
		return e, store.ErrNotFound
	}
	return e, nil
}

func (f *fakeStore) EventArticles(ctx context.Context, id string) ([]news.Article, []news.Analysis, error) {
	e, ok := f.events[id]
	if !ok {
		return nil, nil, store.ErrNotFound
	}
	var as []news.Article
	var ns []news.Analysis
	for _, a := range e.Articles {
		as = append(as, f.arts[a])
		ns = append(ns, f.ans[a])
	}
	return as, ns, nil
}

func (f *fakeStore) Article(ctx context.Context, id string) (news.Article, news.Analysis, error) {
	a, ok := f.arts[id]
	if !ok {
		return a, news.Analysis{}, store.ErrNotFound
	}
	return a, f.ans[id], nil
}

func (f *fakeStore) Entity(ctx context.Context, id string) (news.Entity, []news.Event, error) {
	var ent news.Entity
	var evs []news.Event
	for _, e := range f.sorted() {
		for _, x := range e.Entities {
			if x.ID == id {
				ent = x
				evs = append(evs, e)
			}
		}
	}
	if ent.ID == "" {
		return ent, nil, store.ErrNotFound
	}
	return ent, evs, nil
}

func (f *fakeStore) Entities(ctx context.Context, typ news.EntityType, limit, offset int) ([]news.Entity, int, error) {
	seen := map[string]bool{}
	var out []news.Entity
	for _, e := range f.sorted() {
		for _, x := range e.Entities {
			if !seen[x.ID] && (typ == "" || x.Type == typ) {
				seen[x.ID] = true
				out = append(out, x)
			}
		}
	}
	total := len(out)
	return out[min(offset, total):min(offset+limit, total)], total, nil
}

func (f *fakeStore) Search(ctx context.Context, q string, limit, offset int) ([]store.SearchHit, int, error) {
	var hits []store.SearchHit
	q = strings.ToLower(q)
	for _, a := range f.b.Articles {
		if strings.Contains(strings.ToLower(a.Text+" "+a.Title), q) {
			hits = append(hits, store.SearchHit{Kind: "article", ID: a.ID, Event: a.Event, Title: a.Title, Snippet: a.Text[:min(len(a.Text), 120)], Published: a.Published})
		}
	}
	total := len(hits)
	return hits[min(offset, total):min(offset+limit, total)], total, nil
}

func (f *fakeStore) Stats(ctx context.Context) (store.Stats, error) {
	return store.Stats{Articles: len(f.arts), Events: len(f.events), Sources: 10, Newest: f.sorted()[0].Last}, nil
}

func (f *fakeStore) Commit(ctx context.Context, b store.Batch) error {
	for _, a := range b.Articles {
		f.arts[a.ID] = a
		f.b.Articles = append(f.b.Articles, a)
	}
	for _, a := range b.Analyses {
		f.ans[a.Article] = a
	}
	for _, e := range b.Events {
		f.events[e.ID] = e
	}
	return nil
}
