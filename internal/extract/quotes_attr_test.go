package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// TestQuoteAttribution covers the failures of issue 15's "Quotes"
// bullet on sentences written for the purpose: abbreviations that cut a
// sentence, short and partial quotes inside reported speech, the speaker
// before and after the quote, and pronoun speakers.
func TestQuoteAttribution(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "speaker: quoted words", direct quotes in order
	}{
		{"abbreviation before the speaker", `Sen. Alan Weber, D-Ore., told reporters: "We will not accept this bill in its present form."`,
			[]string{"Alan Weber: We will not accept this bill in its present form."}},
		{"abbreviation after the verb", `"The ruling protects every family in the state," said Atty. Laura Finch.`,
			[]string{"Laura Finch: The ruling protects every family in the state,"}},
		{"speaker after the quote", `"We are ready to talk to anyone who wants peace," said Tomas Berger, the mayor of the town.`,
			[]string{"Tomas Berger: We are ready to talk to anyone who wants peace,"}},
		{"partial quote far from the verb", `Maria Lindqvist said on Monday that the deal reached by the two councils was "a good start."`,
			[]string{"Maria Lindqvist: a good start."}},
		{"speaker before the quote", `Tomas Berger said on Monday: "The bridge will reopen in the spring."`,
			[]string{"Tomas Berger: The bridge will reopen in the spring."}},
		{"short quote after a calling verb", `Maria Lindqvist called the plan "reckless" in a statement.`,
			[]string{"Maria Lindqvist: reckless"}},
		{"partial quote in reported speech", `Maria Lindqvist said the agreement was "a good start for both sides" and would be signed soon.`,
			[]string{"Maria Lindqvist: a good start for both sides"}},
		{"name after that is not the speaker", `Maria Lindqvist said that Tomas Berger was "not ready for the job."`,
			[]string{"Maria Lindqvist: not ready for the job."}},
		{"pronoun to the subject, not the object", `Tomas Berger praised the work of Maria Lindqvist at the meeting.` + "\n\n" + `"It has changed the whole town," he said.`,
			[]string{"Tomas Berger: It has changed the whole town,"}},
		{"pronoun by gender", `Mr. Berger and Mrs. Lindqvist visited the school on Monday, and the head teacher showed them round.` + "\n\n" + `"The children were wonderful to us," she said.`,
			[]string{"Lindqvist: The children were wonderful to us,"}},
		{"participle takes the sentence subject", `Maria Lindqvist praised the work of Tomas Berger, noting that the new bridge was "a model for the whole region."`,
			[]string{"Maria Lindqvist: a model for the whole region."}},
		{"subject before a long appositive", `Maria Lindqvist, delivering the speech that Tomas Berger had written for the council, said the plan was "a fair deal for everyone."`,
			[]string{"Maria Lindqvist: a fair deal for everyone."}},
		{"common-noun speaker", `"The rules must be applied to every party in the same way," the commission said in its report.`,
			[]string{"the commission: The rules must be applied to every party in the same way,"}},
		{"surname tied to the full name", `Maria Lindqvist spoke first at the hearing.` + "\n\n" + `"We have waited long enough for an answer," Lindqvist said.`,
			[]string{"Maria Lindqvist: We have waited long enough for an answer,"}},
		{"colon after any verb", `Tomas Berger smiled and turned to the crowd:` + "\n\n" + `"This town has never looked better than it does tonight."`,
			[]string{"Tomas Berger: This town has never looked better than it does tonight."}},
		{"aside between speaker and verb", `"The court has spoken and we respect it," Sen. Alan Weber (D-Ore.) said after the ruling.`,
			[]string{"Alan Weber: The court has spoken and we respect it,"}},
		{"participle of a speech verb", `Tomas Berger refused to discuss the plan, responding that he was "not going to negotiate in public."`,
			[]string{"Tomas Berger: not going to negotiate in public."}},
		{"scare quote is no speech", `The so-called "reform" failed in the end.`, nil},
		// Round two: each failed before its fix.
		{"partial quote after a non-speech verb", `Maria Lindqvist blamed the delay on "a fog of paperwork and meetings" at the ministry.`,
			[]string{"Maria Lindqvist: a fog of paperwork and meetings"}},
		{"subject after an opening phrase", `At the hearing on Tuesday, Tomas Berger repeated his promise of "free buses for every child" in the valley.`,
			[]string{"Tomas Berger: free buses for every child"}},
		{"pronoun subject of a partial quote", `Maria Lindqvist arrived late at the hall.` + "\n\n" + `She thanked the council for fighting "over and over again" for the school.`,
			[]string{"Maria Lindqvist: over and over again"}},
		{"pronoun by the gender of a first name", `Peter Holm and Laura Vidal met the press on Monday.` + "\n\n" + `"We have a plan for the whole valley," she said.`,
			[]string{"Laura Vidal: We have a plan for the whole valley,"}},
		{"second verb of the subject", `Peter Holm praised Laura Vidal's plan and said it would "bring real change to the valley."`,
			[]string{"Peter Holm: bring real change to the valley."}},
		{"a name after a run-on quote is no speaker", `Peter Holm was "still thinking it over" until Laura Vidal said she would run.`,
			[]string{"Peter Holm: still thinking it over"}},
		{"a title is no speech", `Peter Holm starred in "Harbour Lights Tonight" before the war.`, nil},
		// Round three: gender from the article's own pronouns.
		{"gender from the pronouns of a sentence about one person", `Brannagh Quill opened the new library on Monday. She thanked the volunteers and said her team had worked for a year.` + "\n\n" + `Torvald Pemberton spoke next. He said his town was proud of the building.` + "\n\n" + `"We waited a long time for this day," she said.`,
			[]string{"Brannagh Quill: We waited a long time for this day,"}},
		{"a pronoun reaches past the window to a person of its gender", `Brannagh Quill opened the new library on Monday. She thanked the volunteers and said her team had worked for a year.` + "\n\n" + `The building cost four million. It has three floors. The roof is green. The shelves are oak. The doors open at nine. The café opens at ten. The car park is free.` + "\n\n" + `Mr. Pemberton cut the ribbon.` + "\n\n" + `"We waited a long time for this day," she said.`,
			[]string{"Brannagh Quill: We waited a long time for this day,"}},
	}
	a := analyzer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			art := news.Article{ID: "t", Text: tc.text, Lang: "en", Published: time.Date(2024, 12, 13, 0, 0, 0, 0, time.UTC)}
			an := a.Analyze(&art)
			var got []string
			for _, q := range an.Quotes {
				if !q.Indirect {
					got = append(got, q.Speaker+": "+q.Text)
				}
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("quotes of %q = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestQuoteRole checks that the speaker's role is kept with the quote.
func TestQuoteRole(t *testing.T) {
	tests := []struct{ name, text, speaker, role string }{
		{"title before", `Sen. Alan Weber told reporters: "We will not accept this bill in its present form."`, "Alan Weber", "Sen."},
		{"long title before", `Former Secretary of State Maria Lindqvist said on Monday: "The bridge will reopen in the spring."`, "Maria Lindqvist", "Former Secretary of State"},
		{"appositive after", `"We are ready to talk to anyone who wants peace," said Tomas Berger, the mayor of the town.`, "Tomas Berger", "the mayor of the town"},
		{"no role", `Tomas Berger said on Monday: "The bridge will reopen in the spring."`, "Tomas Berger", ""},
	}
	a := analyzer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			art := news.Article{ID: "t", Text: tc.text, Lang: "en"}
			an := a.Analyze(&art)
			if len(an.Quotes) == 0 || an.Quotes[0].Speaker != tc.speaker || an.Quotes[0].Role != tc.role {
				t.Errorf("quotes of %q = %+v, want speaker %q, role %q", tc.text, an.Quotes, tc.speaker, tc.role)
			}
		})
	}
}

func BenchmarkQuotes(b *testing.B) {
	a := analyzer(b)
	text := strings.Repeat(`Sen. Alan Weber, D-Ore., told reporters: "We will not accept this bill in its present form." Maria Lindqvist called the plan "reckless" and said it was "a step back." "We are ready to talk," said Tomas Berger. "It has changed the town," he said.`+"\n\n", 40)
	art := news.Article{ID: "b", Text: text, Lang: "en"}
	d := &doc{text: text, lang: "en"}
	d.toks = tokenize(text)
	for i := range d.toks {
		if d.toks[i].Kind == tWord {
			d.toks[i].Fold = lex.FoldName(text[d.toks[i].Start:d.toks[i].End])
		}
	}
	d.sents = sentences(text, d.toks, "en")
	a.entities(d)
	_ = art
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		quotes(d, "b")
	}
}
