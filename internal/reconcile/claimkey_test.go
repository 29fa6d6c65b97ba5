package reconcile

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// TestKeyCorroboration pairs sentences of my own writing that state one
// fact in other words or another language, and sentences that share a
// figure or a name but state different facts. The first article's first
// sentence must be corroborated by the second article exactly when want
// says so. Each article has a second, unrelated sentence, as reports do.
func TestKeyCorroboration(t *testing.T) {
	tests := []struct {
		name         string
		a, b, langB  string
		corroborated bool
	}{
		{"english paraphrase",
			"Rescuers pulled 23 people from the river after the coach left the road, the fire service said. The driver was unhurt.",
			"Twenty-three passengers were rescued from the water by fire crews. Traffic was diverted for hours.",
			"en", true},
		{"english and german",
			"Rescue chief Tomas Verhoef said 23 people had been pulled alive from the river. The road stayed closed overnight.",
			"Einsatzleiter Tomas Verhoef zufolge wurden 23 Menschen lebend aus dem Fluss geborgen. Die Straße blieb gesperrt.",
			"de", true},
		{"english and german, a day and a figure",
			"Rescuers pulled 23 people alive from the river on 4 March after the coach left the road, the fire service said. The driver was unhurt.",
			"Am 4. März wurden nach Angaben der Feuerwehr insgesamt 23 Menschen lebend aus dem eiskalten Wasser gerettet. Die Straße blieb gesperrt.",
			"de", true},
		{"english and french",
			"Rescue chief Tomas Verhoef said 23 people had been pulled alive from the river. The road stayed closed overnight.",
			"Selon le chef des secours Tomas Verhoef, 23 personnes ont été sorties vivantes de la rivière. La route est restée fermée.",
			"fr", true},
		{"same number, other count",
			"Rescuers pulled 23 people from the river after the coach left the road, the fire service said. The driver was unhurt.",
			"Police arrested 23 protesters outside the town hall. Traffic was diverted for hours.",
			"en", false},
		{"same figure, other figures beside",
			"Rescuers pulled 23 people from the river after the coach left the road, the fire service said. The driver was unhurt.",
			"The coach, 14 metres long and 9 years old, carried 23 people and 2 drivers, the operator said. Traffic was diverted for hours.",
			"en", false},
	}
	analyze := extractAnalyzer(t)
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := []news.Article{
				{ID: "x", Source: "one.example", Lang: "en", Text: tt.a, Published: pub},
				{ID: "y", Source: "two.example", Lang: tt.langB, Text: tt.b, Published: pub.Add(time.Hour)},
			}
			an := []news.Analysis{analyze(&arts[0]), analyze(&arts[1])}
			ctx := newBuildCtx(news.Event{ID: "e"}, arts, an)
			cs := ctx.claims()
			c, ok := claimOfSentence(ctx, cs, "x", tt.a[:20])
			if !ok {
				t.Fatalf("no claim for %q", tt.a)
			}
			if got := c.Status == news.Corroborated; got != tt.corroborated {
				t.Errorf("status = %s (sources %v), want corroborated %v", c.Status, c.Sources, tt.corroborated)
			}
		})
	}
}

// TestRefineSentencesOrdinalDates checks that a day written as an ordinal
// ("am 4. März") is not taken for a sentence end, whether the analysis or
// the fallback splitter cut there.
func TestRefineSentencesOrdinalDates(t *testing.T) {
	const de = "Am 4. März wurden 23 Menschen gerettet. Die Straße blieb gesperrt."
	tests := []struct {
		name  string
		text  string
		spans []news.Span
		want  []string
	}{
		{"fallback splitter", de, nil, []string{"Am 4. März wurden 23 Menschen gerettet.", "Die Straße blieb gesperrt."}},
		{"analysis cut the date", de, []news.Span{{Start: 0, End: 5}, {Start: 6, End: strings.Index(de, " Die")}, {Start: strings.Index(de, "Die"), End: len(de)}},
			[]string{"Am 4. März wurden 23 Menschen gerettet.", "Die Straße blieb gesperrt."}},
		{"weekday and ordinal", "Es brannte am Montag, 16. Dezember 2024. Niemand wurde verletzt.", nil,
			[]string{"Es brannte am Montag, 16. Dezember 2024.", "Niemand wurde verletzt."}},
		{"ranking, not a date", "Sie wurde 4. Dann ging sie.", nil, []string{"Sie wurde 4.", "Dann ging sie."}},
		{"year before a month", "Das war 2024. März begann kalt.", nil, []string{"Das war 2024.", "März begann kalt."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range refineSentences(tt.text, tt.spans) {
				got = append(got, tt.text[sp.Start:sp.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("refineSentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
