package eval

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/ingest"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred map[string]string
		want       Scores
	}{
		{
			name: "perfect",
			gold: map[string]string{"a": "x", "b": "x", "c": "y"},
			pred: map[string]string{"a": "1", "b": "1", "c": "2"},
			want: Scores{1, 1, 1, 1, 1, 1, 2, 2, 3},
		},
		{
			// Gold {a,b,c} {d}; predicted {a,b} {c,d}.
			// BCubed P: a 1, b 1, c 1/2, d 1/2 → 3/4; R: a 2/3, b 2/3, c 1/3, d 1 → 2/3.
			// Pairs: TP = ab = 1; predicted pairs ab, cd = 2; gold pairs ab, ac, bc = 3.
			name: "hand computed",
			gold: map[string]string{"a": "x", "b": "x", "c": "x", "d": "y"},
			pred: map[string]string{"a": "1", "b": "1", "c": "2", "d": "2"},
			want: Scores{0.75, 2.0 / 3, 2 * 0.75 * (2.0 / 3) / (0.75 + 2.0/3), 0.5, 1.0 / 3, 0.4, 2, 2, 4},
		},
		{
			// A missing prediction is a singleton; extra ids are ignored.
			name: "missing and extra ids",
			gold: map[string]string{"a": "x", "b": "x"},
			pred: map[string]string{"a": "1", "zz": "1"},
			want: Scores{1, 0.5, 2.0 / 3, 0, 0, 0, 1, 2, 2},
		},
		{
			// Every article alone: no predicted pairs, so pairwise P is 0/0 = 0.
			name: "all singletons",
			gold: map[string]string{"a": "x", "b": "x", "c": "y"},
			pred: map[string]string{"a": "1", "b": "2", "c": "3"},
			want: Scores{1, 2.0 / 3, 0.8, 0, 0, 0, 2, 3, 3},
		},
		{
			name: "empty",
			gold: map[string]string{},
			pred: map[string]string{"a": "1"},
			want: Scores{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Score(tc.gold, tc.pred)
			w := tc.want
			if !near(got.BCubedP, w.BCubedP) || !near(got.BCubedR, w.BCubedR) || !near(got.BCubedF1, w.BCubedF1) ||
				!near(got.PairP, w.PairP) || !near(got.PairR, w.PairR) || !near(got.PairF1, w.PairF1) ||
				got.GoldClusters != w.GoldClusters || got.PredClusters != w.PredClusters || got.Articles != w.Articles {
				t.Errorf("Score = %+v, want %+v", got, w)
			}
		})
	}
}

// TestBaselines reproduces the data README's trivial baselines on the ECB+
// file, which checks the metric against numbers computed by someone else.
func TestBaselines(t *testing.T) {
	gold := loadECBPlus(t)
	g := map[string]string{}
	for _, a := range gold {
		g[a.ID] = a.Cluster
	}
	tests := []struct {
		name         string
		pred         func(GoldArticle) string
		b3P, b3R, b3 float64
		pP, pR, pF   float64
	}{
		{"one cluster per topic", func(a GoldArticle) string { return a.Topic }, 51.81, 100, 68.26, 49.59, 100, 66.30},
		{"every article alone", func(a GoldArticle) string { return a.ID }, 100, 8.55, 15.75, 0, 0, 0},
		{"all in one cluster", func(GoldArticle) string { return "all" }, 1.64, 100, 3.22, 1.51, 100, 2.97},
	}
	round := func(x float64) float64 { return math.Round(x*10000) / 100 }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := map[string]string{}
			for _, a := range gold {
				p[a.ID] = tc.pred(a)
			}
			s := Score(g, p)
			got := [6]float64{round(s.BCubedP), round(s.BCubedR), round(s.BCubedF1), round(s.PairP), round(s.PairR), round(s.PairF1)}
			want := [6]float64{tc.b3P, tc.b3R, tc.b3, tc.pP, tc.pR, tc.pF}
			if got != want {
				t.Errorf("Score = %v, want %v (README)", got, want)
			}
		})
	}
	if len(gold) != 772 {
		t.Errorf("ReadGold: %d articles, want 772", len(gold))
	}
}

func TestReadGold(t *testing.T) {
	dir := t.TempDir()
	good := `{"id":"1","title":"","text":"a","published":"","source":"","lang":"en","url":"","cluster":"1ecb","topic":"1"}
{"id":"2","text":"b","published":"2024-01-02T00:00:00Z","cluster":7}
`
	plain := filepath.Join(dir, "g.jsonl")
	os.WriteFile(plain, []byte(good), 0o644)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(good))
	zw.Close()
	zipped := filepath.Join(dir, "g.jsonl.gz")
	os.WriteFile(zipped, gz.Bytes(), 0o644)
	for _, p := range []string{plain, zipped} {
		got, err := ReadGold(p)
		if err != nil {
			t.Fatalf("ReadGold(%s): %v", p, err)
		}
		if len(got) != 2 || got[0].Cluster != "1ecb" || got[0].Topic != "1" || got[1].Cluster != "7" || got[1].Published.IsZero() {
			t.Errorf("ReadGold(%s) = %+v", p, got)
		}
	}
	bad := filepath.Join(dir, "bad.jsonl")
	tests := []struct {
		name, in, field string
	}{
		{"no label", `{"id":"1","text":"a","cluster":"a"}` + "\n" + `{"id":"2","text":"no label"}` + "\n", "cluster"},
		{"no text", `{"id":"1","text":"a","cluster":"a"}` + "\n" + `{"id":"2","cluster":"a"}` + "\n", "text"},
		{"no id", `{"id":"1","text":"a","cluster":"a"}` + "\n" + `{"text":"b","cluster":"a"}` + "\n", "id"},
		{"bad topic", `{"id":"1","text":"a","cluster":"a"}` + "\n" + `{"id":"2","text":"b","cluster":"a","topic":[1]}` + "\n", "topic"},
	}
	for _, tc := range tests {
		os.WriteFile(bad, []byte(tc.in), 0o644)
		_, err := ReadGold(bad)
		var ie *ingest.Error
		if !errors.As(err, &ie) || ie.Path != bad || ie.Line != 2 || ie.Field != tc.field {
			t.Errorf("ReadGold(%s) error = %v, want an *ingest.Error naming the file, line 2 and field %q", tc.name, err, tc.field)
		}
	}
}

func TestRunSmall(t *testing.T) {
	gold := []GoldArticle{}
	for i, txt := range []string{
		"Tara Reid checked into the Promises Treatment Center in Malibu, her publicist Jack Ketsoyan said.",
		"Actress Tara Reid entered rehab at Promises Treatment Center in Malibu, publicist Jack Ketsoyan confirmed.",
		"A magnitude 7.3 earthquake struck Sumatra, killing 42 people in Aceh province, Indonesian officials said.",
	} {
		a := GoldArticle{Cluster: []string{"r", "r", "q"}[i]}
		a.ID = string(rune('a' + i))
		a.Text = txt
		gold = append(gold, a)
	}
	r := Run(gold, cluster.DefaultConfig())
	if r.Articles != 3 || r.GoldClusters != 2 || r.BCubedF1 != 1 {
		t.Errorf("Run = %+v, want a perfect score on 3 articles in 2 clusters", r)
	}
}
