// Package eval scores Dossier's event clustering against labeled corpora
// (the shared data README's format and metrics): BCubed and pairwise
// precision, recall and F1, with the number of gold and predicted clusters.
package eval

import (
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// Scores are clustering metrics, as fractions in [0, 1].
type Scores struct {
	BCubedP, BCubedR, BCubedF1 float64
	PairP, PairR, PairF1       float64
	GoldClusters, PredClusters int
	Articles                   int
}

// Score compares predicted clusters with gold clusters, both mapping
// article id → cluster label, with the data README's definitions: the
// articles scored are those of gold; an article missing from pred is a
// singleton; ids of pred not in gold are ignored; a ratio whose
// denominator is 0 counts as 0.
func Score(gold, pred map[string]string) Scores {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	// Give each article's prediction a label; missing ones get a label
	// of their own that no other article can have.
	predOf := make(map[string]string, len(ids))
	for _, id := range ids {
		if p, ok := pred[id]; ok {
			predOf[id] = "p\x00" + p
		} else {
			predOf[id] = "m\x00" + id
		}
	}
	goldSize := map[string]int{}
	predSize := map[string]int{}
	type cell struct{ g, p string }
	both := map[cell]int{}
	for _, id := range ids {
		g, p := gold[id], predOf[id]
		goldSize[g]++
		predSize[p]++
		both[cell{g, p}]++
	}
	s := Scores{GoldClusters: len(goldSize), PredClusters: len(predSize), Articles: len(ids)}
	if len(ids) == 0 {
		return s
	}
	var bp, br float64
	for _, id := range ids {
		g, p := gold[id], predOf[id]
		n := float64(both[cell{g, p}])
		bp += n / float64(predSize[p])
		br += n / float64(goldSize[g])
	}
	s.BCubedP = bp / float64(len(ids))
	s.BCubedR = br / float64(len(ids))
	s.BCubedF1 = f1(s.BCubedP, s.BCubedR)

	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, pp, gp float64
	for _, n := range both {
		tp += pairs(n)
	}
	for _, n := range predSize {
		pp += pairs(n)
	}
	for _, n := range goldSize {
		gp += pairs(n)
	}
	s.PairP = ratio(tp, pp)
	s.PairR = ratio(tp, gp)
	s.PairF1 = f1(s.PairP, s.PairR)
	return s
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func f1(p, r float64) float64 { return ratio(2*p*r, p+r) }

// GoldArticle is an article with its gold labels.
type GoldArticle struct {
	news.Article
	Cluster string `json:"cluster"`
	Topic   string `json:"topic"`
}

// ReadGold reads a labeled corpus (.jsonl or .jsonl.gz, gzip detected by
// its magic bytes) through ingest's decoder, keeping the gold fields
// "cluster" and "topic". Every article needs an id, a text and a cluster;
// the first bad one fails the read with an *ingest.Error naming the file,
// line and field.
func ReadGold(path string) ([]GoldArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	defer f.Close()
	out, err := readGold(f, path)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	return out, nil
}

func readGold(r io.Reader, name string) ([]GoldArticle, error) {
	d := ingest.Decoder{Name: name, RequireID: true, Gzip: true, Keep: []string{"cluster", "topic"}}
	var out []GoldArticle
	err := d.Decode(r, func(rec *ingest.Record, err error) error {
		if err != nil {
			return err
		}
		bad := func(field string, err error) error {
			return &ingest.Error{Path: name, Line: rec.Line, Element: rec.Element, Field: field, Err: err}
		}
		c, err := label(rec.Extra["cluster"])
		if err != nil {
			return bad("cluster", err)
		}
		if c == "" {
			return bad("cluster", errors.New("missing: a labeled corpus needs a cluster for every article"))
		}
		t, err := label(rec.Extra["topic"])
		if err != nil {
			return bad("topic", err)
		}
		out = append(out, GoldArticle{Article: rec.Article, Cluster: c, Topic: t})
		return nil
	})
	return out, err
}

// label accepts a string or a number, since corpora spell labels both ways.
func label(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("got %s, want a string or a number", raw)
	}
	return n.String(), nil
}

// ECB+ topic splits from the data README (Cybulska & Vossen 2015).
var (
	trainTopics = topicSet(1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)
	devTopics   = topicSet(2, 5, 12, 18, 21, 23, 34, 35)
)

func topicSet(ns ...int) map[string]bool {
	m := map[string]bool{}
	for _, n := range ns {
		m[strconv.Itoa(n)] = true
	}
	return m
}

// Split returns the articles of a split: "train", "dev" or "all". ECB+
// (articles with a topic) is split by topic as its README gives; any
// other corpus by gold cluster, a third of the clusters to dev (the first
// byte of sha1("dossier-train:" + cluster) divisible by 3), so no event is
// on both sides.
func Split(gold []GoldArticle, name string) ([]GoldArticle, error) {
	if name == "all" {
		return gold, nil
	}
	if name != "train" && name != "dev" {
		return nil, fmt.Errorf("split %q: want train, dev or all", name)
	}
	var out []GoldArticle
	for _, g := range gold {
		if InSplit(g, name) {
			out = append(out, g)
		}
	}
	return out, nil
}

// InSplit reports whether g belongs to the split "train" or "dev" (see
// Split).
func InSplit(g GoldArticle, name string) bool {
	if g.Topic != "" {
		if name == "train" {
			return trainTopics[g.Topic]
		}
		return devTopics[g.Topic]
	}
	h := sha1.Sum([]byte("dossier-train:" + g.Cluster))
	dev := h[0]%3 == 0
	return dev == (name == "dev")
}

// Report is the result of clustering a labeled corpus.
type Report struct {
	Scores
	Seconds           float64
	ArticlesPerSecond float64
	Split             string
	// Gaps breaks pair recall and precision down by the days between
	// the two articles' publication times.
	Gaps []GapBucket `json:"gaps,omitempty"`
}

// Run clusters gold with a fresh Clusterer in file order — or in
// publication order (stable) when every article has a date — scores the
// final partition (after the merges the clusterer made along the way)
// against the gold clusters and times the clustering.
func Run(gold []GoldArticle, cfg cluster.Config) Report {
	return RunOrder(gold, cfg, nil)
}

// RunOrder is Run with the arrival order given: order[k] is the index in
// gold of the k-th article to add. A nil order means Run's order.
func RunOrder(gold []GoldArticle, cfg cluster.Config, order []int) Report {
	if order != nil {
		return run(gold, cfg, order)
	}
	order = make([]int, len(gold))
	dated := true
	for i := range gold {
		order[i] = i
		if gold[i].Published.IsZero() {
			dated = false
		}
	}
	if dated {
		slices.SortStableFunc(order, func(x, y int) int { return gold[x].Published.Compare(gold[y].Published) })
	}
	return run(gold, cfg, order)
}

// Batch is how many articles eval gives the clusterer at a time, as the
// pipeline does by default.
var Batch = 256

func run(gold []GoldArticle, cfg cluster.Config, order []int) Report {
	c := cluster.New(cfg)
	pred := make(map[string]string, len(gold))
	arts := make([]news.Article, len(gold))
	for i := range gold {
		arts[i] = gold[i].Article
	}
	index := make(map[string]int, len(gold))
	for i := range gold {
		index[gold[i].ID] = i
	}
	archive := cluster.NewArchive()
	start := time.Now()
	for s := 0; s < len(order); s += Batch {
		b := make([]news.Article, 0, Batch)
		for _, i := range order[s:min(s+Batch, len(order))] {
			b = append(b, arts[i])
		}
		// As the pipeline does from the store: the events beyond the
		// window that share names with the batch are recalled first.
		keys := make(map[string][]string, len(b))
		var all []string
		for _, a := range b {
			keys[a.ID] = cluster.Keys(a.Title, a.Text, a.Lang)
			all = append(all, keys[a.ID]...)
		}
		slices.Sort(all)
		lo, hi := cluster.Span(b, c.MaxGap())
		c.Restore(archive.Recall(slices.Compact(all), lo, hi))
		for _, a := range c.Add(b).Assignments {
			pred[a.Article] = a.Event
			if k, ok := keys[a.Article]; ok {
				na := arts[index[a.Article]]
				na.Event = a.Event
				archive.Put(na, k)
			} else {
				archive.Move(a.Article, a.Event)
			}
		}
		// As the pipeline does: keep the batch's span ± MaxGap (it would
		// load from the store what a later batch needs before that).
		c.Evict(cluster.Span(b, c.MaxGap()))
	}
	secs := time.Since(start).Seconds()
	g := make(map[string]string, len(gold))
	for _, a := range gold {
		g[a.ID] = a.Cluster
	}
	r := Report{Scores: Score(g, pred), Seconds: secs, Split: "all", Gaps: ScoreGaps(gold, pred)}
	if secs > 0 {
		r.ArticlesPerSecond = float64(len(gold)) / secs
	}
	return r
}
