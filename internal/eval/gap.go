package eval

import (
	"math"
	"time"
)

// GapBucket scores the article pairs whose publication times lie a range
// of days apart: of the gold same-event pairs, how many the prediction
// joins (recall), and of the pairs it joins, how many are gold
// same-event (precision). Follow-ups weeks later are where a windowed
// clusterer loses recall; crowded days are where it loses precision.
type GapBucket struct {
	Label     string  `json:"label"`
	MinDays   int     `json:"min_days"`
	MaxDays   int     `json:"max_days"` // -1: no upper bound
	GoldPairs int     `json:"gold_pairs"`
	PredPairs int     `json:"predicted_pairs"`
	Joined    int     `json:"joined"` // gold pairs the prediction joins
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
}

// gapBuckets are the ranges of the clustering issue: same or next day,
// 2-7 days, more than 7.
var gapBuckets = []GapBucket{
	{Label: "0-1 days", MinDays: 0, MaxDays: 1},
	{Label: "2-7 days", MinDays: 2, MaxDays: 7},
	{Label: "> 7 days", MinDays: 8, MaxDays: -1},
}

// ScoreGaps buckets the pairs of gold and pred (article id → label, as
// Score takes them) by the whole days between the articles' publication
// times. Undated articles are left out.
func ScoreGaps(gold []GoldArticle, pred map[string]string) []GapBucket {
	out := append([]GapBucket(nil), gapBuckets...)
	pub := make(map[string]time.Time, len(gold))
	goldOf := make(map[string]string, len(gold))
	byGold := map[string][]string{}
	byPred := map[string][]string{}
	for _, g := range gold {
		if g.Published.IsZero() {
			continue
		}
		pub[g.ID] = g.Published
		goldOf[g.ID] = g.Cluster
		byGold[g.Cluster] = append(byGold[g.Cluster], g.ID)
		if p, ok := pred[g.ID]; ok {
			byPred[p] = append(byPred[p], g.ID)
		}
	}
	bucket := func(a, b string) int {
		d := int(math.Floor(math.Abs(pub[a].Sub(pub[b]).Hours()) / 24))
		for i, bk := range out {
			if d >= bk.MinDays && (bk.MaxDays < 0 || d <= bk.MaxDays) {
				return i
			}
		}
		return len(out) - 1
	}
	for _, ids := range byGold {
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				k := bucket(ids[i], ids[j])
				out[k].GoldPairs++
				if p, ok := pred[ids[i]]; ok && p == pred[ids[j]] {
					out[k].Joined++
				}
			}
		}
	}
	for _, ids := range byPred {
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				k := bucket(ids[i], ids[j])
				out[k].PredPairs++
			}
		}
	}
	// Precision: joined gold pairs over predicted pairs of the bucket.
	for i := range out {
		out[i].Recall = ratio(float64(out[i].Joined), float64(out[i].GoldPairs))
		out[i].Precision = ratio(float64(out[i].Joined), float64(out[i].PredPairs))
	}
	return out
}
