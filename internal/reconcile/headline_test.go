package reconcile

import (
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Where an event happened, from sentences of my own writing analysed by
// the real extractor: the headline names the town, the text names the
// hospital's larger town as often and as "in X".
func TestWhereHeadlineNamesTheTown(t *testing.T) {
	analyze := extractAnalyzer(t)
	pub := time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, title, text, want string
	}{
		{
			"headline town over hospital town",
			"Teen wounded in Graham shooting - WXYZ News",
			"A teen was shot on Sunday night outside a store in Graham. He was taken to a hospital in Burlington, where he was in stable condition. Burlington police helped search for the gunman.",
			"Graham",
		},
		{
			"headline town over the station's",
			"Police chief shot in Cache during traffic stop",
			"LAWTON, Okla. (KXYZ) - The police chief was shot during a traffic stop on Sunday, police said. The chief was flown to a hospital in Lawton.",
			"Cache",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts := []news.Article{{ID: "a1", Title: tc.title, Text: tc.text, Published: pub, Lang: "en", Source: "wxyz.com"}}
			an := []news.Analysis{analyze(&arts[0])}
			ev := Build(news.Event{ID: "e"}, arts, an)
			if len(ev.Where) == 0 || ev.Where[0].Name != tc.want {
				t.Errorf("Where = %+v, want %s first", ev.Where, tc.want)
			}
		})
	}
}

// A headline's toll is a figure of the event when the text gives none.
func TestHeadlineToll(t *testing.T) {
	analyze := extractAnalyzer(t)
	arts := []news.Article{{
		ID: "a1", Title: "Four wounded in shooting outside Graham bar - WXYZ News", Lang: "en", Source: "wxyz.com",
		Text:      "Police said the gunman fired into a crowd outside a bar on Main Street late on Saturday. Nobody has been arrested.",
		Published: time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC),
	}}
	ev := Build(news.Event{ID: "e"}, arts, []news.Analysis{analyze(&arts[0])})
	for _, f := range ev.Figures {
		if f.Value == 4 && f.Counts == "injured" {
			return
		}
	}
	t.Errorf("Figures = %+v, want 4 injured from the headline", ev.Figures)
}
