package web

import (
	"context"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Store is the read side of the store that the server uses. *store.DB
// satisfies it; declaring it here keeps the server's needs visible and lets
// tests wrap a real store to force failures.
type Store interface {
	Events(ctx context.Context, f store.EventFilter) ([]news.Event, int, error)
	Event(ctx context.Context, id string) (news.Event, error)
	Storyline(ctx context.Context, id string) ([]news.Event, error)
	EventSources(ctx context.Context, ids []string) (map[string][]news.Article, error)
	EventArticles(ctx context.Context, eventID string) ([]news.Article, []news.Analysis, error)
	Article(ctx context.Context, id string) (news.Article, news.Analysis, error)
	Entity(ctx context.Context, id string) (news.Entity, []news.Event, error)
	Entities(ctx context.Context, typ news.EntityType, limit, offset int) ([]news.Entity, int, error)
	Search(ctx context.Context, q string, limit, offset int) ([]store.SearchHit, int, error)
	Stats(ctx context.Context) (store.Stats, error)
}

// Ingester runs articles through the pipeline (extract, cluster,
// reconcile, store). It returns the articles with Event set.
type Ingester interface {
	Ingest(ctx context.Context, arts []news.Article) ([]news.Article, error)
}

var _ Store = (*store.DB)(nil)
