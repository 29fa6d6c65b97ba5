package cluster_test

import (
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
)

func TestDbgTopic1(t *testing.T) {
	gold, err := eval.ReadGold(filepath.Join("..", "..", "..", "shared", "data", "ecbplus", "ecbplus.dev.jsonl.gz"))
	if err != nil {
		t.Skip(err)
	}
	c := cluster.New(cluster.DefaultConfig())
	for i := 0; i < 40; i++ {
		as := c.Add(&gold[i].Article)
		t.Logf("%s %s %.3f %v", gold[i].ID, as.Event, as.Score, as.NewEvent)
	}
}
