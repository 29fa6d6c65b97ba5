package web

import (
	"context"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

// statsTTL is how long the counts shown on the event list are reused.
// Counting a store of 100k articles takes tens to hundreds of milliseconds,
// more than the rest of the page; counts a few seconds old are fine for a
// line of context under the headline.
const statsTTL = 30 * time.Second

// statsCache serves store.Stats from memory, refreshing in the background
// once stale so that no page request waits for the count except the first.
type statsCache struct {
	mu         sync.Mutex
	val        store.Stats
	at         time.Time
	refreshing bool
}

func (s *Server) stats(ctx context.Context) (store.Stats, error) {
	c := &s.statsCache
	c.mu.Lock()
	if !c.at.IsZero() {
		val := c.val
		if time.Since(c.at) > statsTTL && !c.refreshing {
			c.refreshing = true
			go s.refreshStats(context.WithoutCancel(ctx))
		}
		c.mu.Unlock()
		return val, nil
	}
	c.mu.Unlock()
	st, err := s.st.Stats(ctx)
	if err != nil {
		return st, err
	}
	c.mu.Lock()
	c.val, c.at = st, time.Now()
	c.mu.Unlock()
	return st, nil
}

func (s *Server) refreshStats(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := s.st.Stats(ctx)
	c := &s.statsCache
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refreshing = false
	if err != nil {
		s.log.Warn("refresh stats", "error", err)
		return
	}
	c.val, c.at = st, time.Now()
}
