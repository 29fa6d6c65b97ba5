package ner

import (
	"strings"
	"testing"
)

// TestDropout trains on two sentences of our own: with every feature
// dropped the perceptron can learn only transitions, no emission weight;
// without dropout, or with some, it learns the names.
func TestDropout(t *testing.T) {
	sent := func(text, tags string) TrainSentence {
		var l []Label
		for _, x := range strings.Fields(tags) {
			switch x {
			case "B":
				l = append(l, labelOf("PER", true))
			case "I":
				l = append(l, labelOf("PER", false))
			default:
				l = append(l, O)
			}
		}
		return TrainSentence{Sentence: Sentence{Words: strings.Fields(text), Labels: l}, HasMisc: true}
	}
	data := []TrainSentence{
		sent("Maren Oduya spoke today .", "B I O O O"),
		sent("Yesterday Tamsin Welk left .", "O B I O O"),
	}
	tests := []struct {
		dropout float64
		learns  bool
	}{
		{0, true},
		{0.3, true},
		{1, false},
	}
	for _, tt := range tests {
		m := Train("xx", data, NewGazetteer(), TrainOptions{Bits: 12, Epochs: 5, Dropout: tt.dropout})
		nonzero := 0
		for _, x := range m.w {
			if x != 0 {
				nonzero++
			}
		}
		if got := nonzero > 0; got != tt.learns {
			t.Errorf("dropout %v: %d non-zero weights, want learning %v", tt.dropout, nonzero, tt.learns)
		}
		if !tt.learns {
			continue
		}
		got := NewTagger(m, "").Tag(data[0].Words, nil)
		for i, l := range got {
			if l != data[0].Labels[i] {
				t.Errorf("dropout %v: tagged %v, want %v", tt.dropout, got, data[0].Labels)
				break
			}
		}
	}
}
