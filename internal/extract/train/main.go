// Command train learns the happening-date model of package extract from
// the gva incidents of ../shared/data and writes it as
// data/happening.json:
//
//	go generate ./internal/extract    # runs: go run ./train -out data/happening.json
//
// Each article of gva.dev with an incident record is analysed; its
// candidate days (extract.HappeningCandidates) are scored by a linear
// model and the model is fitted as a conditional logit (a softmax over
// one article's candidates, the incident's day being the right one) with
// a little L2, by full-batch Adam. Training uses the articles of the
// incidents of half 0 (eval.IncidentHalf, the half errors are studied
// on); half 1 is scored and reported, never fitted, so that the event
// date's mark on it (TestGVAFacts) is a held-out one. Deterministic: the
// same data gives the same file.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/extract"
)

type sample struct {
	cands [][]float64
	gold  int // index of the right candidate, -1 when none is
}

func main() {
	data := flag.String("data", "../../../shared/data", "the shared data folder")
	out := flag.String("out", "data/happening.json", "model file to write")
	flag.Parse()
	gold, err := eval.ReadGold(filepath.Join(*data, "gva", "gva.dev.jsonl.gz"))
	if err != nil {
		log.Fatalf("train: %v (is ../shared/data beside the project?)", err)
	}
	incidents, err := eval.ReadIncidents(filepath.Join(*data, "gva", "gva.dev.facts.jsonl.gz"))
	if err != nil {
		log.Fatalf("train: %v", err)
	}
	day := map[string]string{}
	for _, in := range incidents {
		day[in.Cluster] = in.Date
	}
	an, err := extract.New()
	if err != nil {
		log.Fatalf("train: %v", err)
	}
	var train, dev []sample
	for i := range gold {
		g := &gold[i]
		want := day[g.Cluster]
		if want == "" {
			continue
		}
		a := an.Analyze(&g.Article)
		s := sample{gold: -1}
		for k, c := range extract.HappeningCandidates(&g.Article, &a) {
			s.cands = append(s.cands, c.X)
			if c.Date == want {
				s.gold = k
			}
		}
		if len(s.cands) == 0 {
			continue
		}
		if eval.IncidentHalf(g.Cluster) == 1 {
			dev = append(dev, s)
		} else {
			train = append(train, s)
		}
	}
	names := extract.HappeningFeatureNames()
	w := fit(train, len(names))
	m := extract.HappeningModel{
		Features: names,
		Weights:  w,
		Trained: fmt.Sprintf("gva.dev incidents of half 0 (%d articles): conditional logit, L2 %.0e, %d Adam steps; articles whose day is right: half 0 %.3f, half 1 %.3f (%d articles)",
			len(train), l2, steps, accuracy(train, w), accuracy(dev, w), len(dev)),
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		log.Fatalf("train: %v", err)
	}
	fmt.Println(m.Trained)
}

const (
	l2    = 1e-3
	steps = 600
	rate  = 0.05
)

// fit minimises the mean negative log-likelihood of the right candidate
// of each article that has one, plus l2/2·|w|².
func fit(samples []sample, n int) []float64 {
	w := make([]float64, n)
	m1, m2 := make([]float64, n), make([]float64, n)
	const b1, b2, eps = 0.9, 0.999, 1e-8
	for step := 1; step <= steps; step++ {
		grad := make([]float64, n)
		used := 0
		for _, s := range samples {
			if s.gold < 0 {
				continue
			}
			used++
			p := softmax(s.cands, w)
			for k, x := range s.cands {
				c := p[k]
				if k == s.gold {
					c -= 1
				}
				for i, v := range x {
					grad[i] += c * v
				}
			}
		}
		for i := range grad {
			grad[i] = grad[i]/float64(max(used, 1)) + l2*w[i]
			m1[i] = b1*m1[i] + (1-b1)*grad[i]
			m2[i] = b2*m2[i] + (1-b2)*grad[i]*grad[i]
			mh := m1[i] / (1 - math.Pow(b1, float64(step)))
			vh := m2[i] / (1 - math.Pow(b2, float64(step)))
			w[i] -= rate * mh / (math.Sqrt(vh) + eps)
		}
	}
	for i := range w {
		w[i] = math.Round(w[i]*1e4) / 1e4
	}
	return w
}

func softmax(cands [][]float64, w []float64) []float64 {
	p := make([]float64, len(cands))
	top := math.Inf(-1)
	for k, x := range cands {
		for i, v := range x {
			p[k] += w[i] * v
		}
		top = math.Max(top, p[k])
	}
	sum := 0.0
	for k := range p {
		p[k] = math.Exp(p[k] - top)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}

// accuracy is the share of articles (all of them, with or without a
// right candidate) whose best candidate is the right one.
func accuracy(samples []sample, w []float64) float64 {
	right := 0
	for _, s := range samples {
		best, top := -1, math.Inf(-1)
		for k, x := range s.cands {
			sc := 0.0
			for i, v := range x {
				sc += w[i] * v
			}
			if sc > top {
				best, top = k, sc
			}
		}
		if best == s.gold && best >= 0 {
			right++
		}
	}
	return float64(right) / float64(max(len(samples), 1))
}
