package extract

import (
	"slices"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// TestSplitGlued: a known name run into a function word by machine
// translation is read as two words, so the name is found.
func TestSplitGlued(t *testing.T) {
	tests := []struct {
		text  string
		words []string // the words of the text, as tokenised
		place string   // a place the article must name, or ""
	}{
		{"Officials in Berlinwould not comment.", []string{"Officials", "in", "Berlin", "would", "not", "comment", "."}, "Berlin"},
		{"The envoy of Malisaid the talks failed.", []string{"The", "envoy", "of", "Mali", "said", "the", "talks", "failed", "."}, "Mali"},
		// A known name that ends like a function word is left whole.
		{"Flights to Cleveland resumed.", []string{"Flights", "to", "Cleveland", "resumed", "."}, "Cleveland"},
		// An unknown name is left whole; so is a tail written in capitals.
		{"Zorbwould left.", []string{"Zorbwould", "left", "."}, ""},
		{"BERLINWOULD left.", []string{"BERLINWOULD", "left", "."}, ""},
	}
	a := analyzer(t)
	for _, tt := range tests {
		d := a.newDoc(tt.text, "en", "g")
		var words []string
		for _, tk := range d.toks {
			words = append(words, tt.text[tk.Start:tk.End])
		}
		if !slices.Equal(words, tt.words) {
			t.Errorf("%q: tokens %q, want %q", tt.text, words, tt.words)
		}
		if tt.place == "" {
			continue
		}
		art := news.Article{ID: "g", Lang: "en", Text: tt.text, Published: time.Date(2024, 12, 14, 0, 0, 0, 0, time.UTC)}
		an := a.Analyze(&art)
		found := false
		for _, p := range an.Places {
			found = found || p.Name == tt.place
		}
		if !found {
			t.Errorf("%q: places %+v, want %s", tt.text, an.Places, tt.place)
		}
	}
}
