package extract

import (
	"testing"

	"github.com/dossier-news/dossier/internal/lex"
)

func TestSentencesOrdinals(t *testing.T) {
	tests := []struct {
		lang, text string
		want       int
	}{
		{"de", "Die Regierung tagte am 16. Dezember in der Stadt. Es kamen viele.", 2},
		{"de", "Seit dem 1. Januar 2025 gilt es. Am 4. März folgt mehr.", 2},
		{"de", "Am Abend kam der 3. Tag der Proteste. Dann zum 5. Mal.", 2},
		{"de", "Sie feierte ihren 100. Geburtstag.", 1},
		// A cardinal that ends a sentence still ends it.
		{"de", "Die Zahl der Toten stieg auf 12. Die Polizei ermittelt.", 2},
		{"de", "Es waren 12. Dezember ist kalt.", 1},
		// English writes no ordinal dot: the month opens a new sentence.
		{"en", "The count rose to 12. December was cold.", 2},
	}
	for _, tt := range tests {
		toks := tokenize(tt.text)
		for i := range toks {
			if toks[i].Kind == tWord {
				toks[i].Fold = lex.FoldName(tt.text[toks[i].Start:toks[i].End])
			}
		}
		got := sentences(tt.text, toks, tt.lang)
		if len(got) != tt.want {
			var parts []string
			for _, s := range got {
				parts = append(parts, tt.text[s.Start:s.End])
			}
			t.Errorf("%s %q: %d sentences %q, want %d", tt.lang, tt.text, len(got), parts, tt.want)
		}
	}
}
