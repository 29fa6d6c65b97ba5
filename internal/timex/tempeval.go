package timex

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// TempEvalDoc is one document of a TempEval-3 corpus in the JSONL form of
// ../shared/data/tempeval3-platinum: the text, its creation date (the
// anchor) and the gold TIMEX3 expressions with code-point offsets.
type TempEvalDoc struct {
	ID    string      `json:"id"`
	DCT   string      `json:"dct"`
	Text  string      `json:"text"`
	Timex []GoldTimex `json:"timex"`
}

// GoldTimex is one annotated TIMEX3; Start and End count code points.
type GoldTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Text  string `json:"text"`
}

// ReadTempEval reads a TempEval JSONL file, gzipped when its name ends in
// ".gz".
func ReadTempEval(path string) ([]TempEvalDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read tempeval: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read tempeval %s: %w", path, err)
		}
		defer z.Close()
		r = z
	}
	var docs []TempEvalDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var d TempEvalDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("read tempeval %s: line %d: %w", path, line, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read tempeval %s: %w", path, err)
	}
	return docs, nil
}

// TempEvalScores are the TempEval-3 time-expression measures. A system
// expression matches a gold one when their spans overlap (lenient) or are
// equal (strict); each gold expression is matched at most once. Type and
// value accuracy are over the lenient matches; value P/R/F1 count a
// system expression as correct when it overlaps a gold one and has its
// value, as the TempEval-3 "value F1" does.
type TempEvalScores struct {
	Docs, Gold, System            int
	LenientP, LenientR, LenientF1 float64
	StrictP, StrictR, StrictF1    float64
	TypeAccuracy, ValueAccuracy   float64
	ValueP, ValueR, ValueF1       float64
	Misses                        []string `json:",omitempty"` // gold expressions not found or mis-valued, for reading
}

// ScoreTempEval runs Annotate over docs, anchored at each document's
// creation date, and scores the result.
func ScoreTempEval(docs []TempEvalDoc) TempEvalScores {
	return scoreWith(docs, func(text string, dct time.Time) []Expression { return Annotate(text, dct, "en") })
}

func scoreWith(docs []TempEvalDoc, annotate func(string, time.Time) []Expression) TempEvalScores {
	var s TempEvalScores
	var lenient, strict, typeOK, valueOK int
	for _, d := range docs {
		dct, err := time.Parse(time.DateOnly, d.DCT)
		if err != nil {
			continue
		}
		s.Docs++
		sys := annotate(d.Text, dct)
		// Byte offsets to code points.
		cp := make([]int, len(d.Text)+1)
		n := 0
		for i := range d.Text {
			cp[i] = n
			n++
		}
		cp[len(d.Text)] = n
		for i := 0; i < len(d.Text); i++ {
			if !utf8.RuneStart(d.Text[i]) {
				cp[i] = cp[i-1]
			}
		}
		s.Gold += len(d.Timex)
		s.System += len(sys)
		used := make([]bool, len(sys))
		for _, g := range d.Timex {
			found := -1
			for k, e := range sys {
				if used[k] {
					continue
				}
				a, b := cp[e.Start], cp[e.End]
				if a < g.End && g.Start < b {
					found = k
					if a == g.Start && b == g.End {
						break
					}
				}
			}
			if found < 0 {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: missed %q %s %s", d.ID, g.Text, g.Type, g.Value))
				continue
			}
			used[found] = true
			e := sys[found]
			lenient++
			if cp[e.Start] == g.Start && cp[e.End] == g.End {
				strict++
			}
			if e.Type == g.Type {
				typeOK++
			}
			if e.Value == g.Value {
				valueOK++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: %q %s %s, got %q %s %s", d.ID, g.Text, g.Type, g.Value, e.Text, e.Type, e.Value))
			}
		}
		for k, e := range sys {
			if !used[k] {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: spurious %q %s %s", d.ID, e.Text, e.Type, e.Value))
			}
		}
	}
	prf := func(hits int) (p, r, f float64) {
		if s.System > 0 {
			p = float64(hits) / float64(s.System)
		}
		if s.Gold > 0 {
			r = float64(hits) / float64(s.Gold)
		}
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		return p, r, f
	}
	s.LenientP, s.LenientR, s.LenientF1 = prf(lenient)
	s.StrictP, s.StrictR, s.StrictF1 = prf(strict)
	s.ValueP, s.ValueR, s.ValueF1 = prf(valueOK)
	if lenient > 0 {
		s.TypeAccuracy = float64(typeOK) / float64(lenient)
		s.ValueAccuracy = float64(valueOK) / float64(lenient)
	}
	return s
}
