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

// TestLatentMisc trains on a corpus with MISC and one without, on
// sentences of our own that share a MISC name: with the second corpus's
// O tokens latent (O or MISC), a tagger of its domain gives the name
// MISC as the first corpus taught; with MISC forbidden there, it cannot.
func TestLatentMisc(t *testing.T) {
	sent := func(dom, text, tags string, hasMisc, latent bool) TrainSentence {
		var l []Label
		for _, x := range strings.Fields(tags) {
			switch x {
			case "O":
				l = append(l, O)
			default:
				typ, begin := x[2:], x[0] == 'B'
				l = append(l, labelOf(typ, begin))
			}
		}
		return TrainSentence{Sentence: Sentence{Words: strings.Fields(text), Labels: l}, HasMisc: hasMisc, LatentMisc: latent, Domain: dom}
	}
	tests := []struct {
		latent bool
		want   Type
	}{
		{false, None},
		{true, MISC},
	}
	for _, tt := range tests {
		data := []TrainSentence{
			sent("a", "the Zorvath Prize went to Maren Oduya .", "O B-MISC I-MISC O O B-PER I-PER O", true, false),
			sent("a", "she won the Zorvath Prize twice .", "O O O B-MISC I-MISC O O", true, false),
			sent("b", "the Zorvath Prize was won by Tamsin Welk .", "O O O O O O B-PER I-PER O", false, tt.latent),
			sent("b", "Tamsin Welk won the Zorvath Prize .", "B-PER I-PER O O O O O", false, tt.latent),
		}
		m := Train("xx", data, NewGazetteer(), TrainOptions{Bits: 12, Epochs: 8})
		words := strings.Fields("Tamsin Welk won the Zorvath Prize .")
		got := NewTagger(m, "b").Tag(words, nil)
		if typ := got[4].Type(); typ != tt.want {
			t.Errorf("latent %v: %q tagged %v, want type %v", tt.latent, words[4], got, tt.want)
		}
		if got[0].Type() != PER {
			t.Errorf("latent %v: %q tagged %v, want PER", tt.latent, words[0], got)
		}
	}
}
