package reconcile

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "One two three. Four five six! Seven?", []string{"One two three.", "Four five six!", "Seven?"}},
		{"abbreviations", "Mr. Smith met Dr. Jones in the U.S. capital. They talked.", []string{"Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."}},
		{"initial", "John F. Kennedy spoke. Then he left.", []string{"John F. Kennedy spoke.", "Then he left."}},
		{"decimal", "Growth was 3.5 percent. Prices rose.", []string{"Growth was 3.5 percent.", "Prices rose."}},
		{"lowercase after period", "It was 5 p.m. on Monday. Next.", []string{"It was 5 p.m. on Monday.", "Next."}},
		{"quote opens", "The crossing stays open. “We are determined,” he said.", []string{"The crossing stays open.", "“We are determined,” he said."}},
		{"quote closes", "He said: “It is over.” Then he left.", []string{"He said: “It is over.”", "Then he left."}},
		{"paragraphs", "Headline without stop\n\nBody starts here.", []string{"Headline without stop", "Body starts here."}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, sp := range splitSentences(tc.text) {
				got = append(got, tc.text[sp.Start:sp.End])
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("splitSentences(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title, source, want string
	}{
		{"Blinken arrives in Amman - Reuters", "reuters.com", "Blinken arrives in Amman"},
		{"Blinken arrives in Amman | The Daily Herald", "dailyherald.example", "Blinken arrives in Amman"},
		{"Quake hits Chile — BBC News", "bbc.co.uk", "Quake hits Chile"},
		{"UPDATE 2-Quake hits Chile", "x.example", "Quake hits Chile"},
		{"BREAKING: Quake hits Chile", "x.example", "Quake hits Chile"},
		{"Talks go on - but no deal in sight", "x.example", "Talks go on - but no deal in sight"},
		{"Reuters", "reuters.com", "Reuters"},
		{"  spaced   out  ", "", "spaced out"},
	}
	for _, tc := range tests {
		if got := cleanTitle(tc.title, tc.source); got != tc.want {
			t.Errorf("cleanTitle(%q, %q) = %q, want %q", tc.title, tc.source, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"killed", "kill"}, {"killing", "kill"}, {"talks", "talk"}, {"minister", "minis"}, {"ministre", "minis"},
		{"explosion", "explo"}, {"bus", "bus"},
	}
	for _, tc := range tests {
		if got := stem(tc.in); got != tc.want {
			t.Errorf("stem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

const wireText = "The storm flooded the old harbour district overnight and cut power to thousands of homes, " +
	"the city council said on Friday. Rescue crews evacuated residents of the lowest streets by boat."

func TestIndependenceGroups(t *testing.T) {
	arts := []news.Article{
		{ID: "a", Source: "wire.example", Text: wireText},
		{ID: "b", Source: "paper.example", Text: "From the wire: " + wireText}, // near-identical copy
		{ID: "c", Source: "other.example", Text: "Rain fell all day on the coast and the harbour flooded, residents said."},
		{ID: "d", Source: "wire.example", Text: "A different story by the same outlet about the harbour."},
		{ID: "e", Source: "third.example", DuplicateOf: "c", Text: "Entirely reworded text that only the clusterer knows is a copy."},
	}
	g := independenceGroups(arts)
	same := func(i, j int) bool { return g[i] == g[j] }
	if !same(0, 1) {
		t.Errorf("near-identical copy not grouped with its wire story: %v", g)
	}
	if !same(0, 3) {
		t.Errorf("two articles of one outlet not grouped: %v", g)
	}
	if !same(2, 4) {
		t.Errorf("DuplicateOf not grouped: %v", g)
	}
	if same(0, 2) {
		t.Errorf("independent outlets grouped: %v", g)
	}
}

// pair builds a two-article event from two texts, analysed by the test
// lexicon, and returns the status and slot of the claim holding the first
// article's first sentence.
func pair(t *testing.T, textA, textB, srcB string) news.Claim {
	t.Helper()
	lx := loadLexicon(t)
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "x", Source: "one.example", Lang: "en", Text: textA, Published: pub},
		{ID: "y", Source: srcB, Lang: "en", Text: textB, Published: pub.Add(time.Hour)},
	}
	an := []news.Analysis{lexAnalyze(&arts[0], lx), lexAnalyze(&arts[1], lx)}
	ctx := newBuildCtx(news.Event{ID: "e"}, arts, an)
	cs := ctx.claims()
	c, ok := claimOfSentence(ctx, cs, "x", strings.SplitN(textA, ".", 2)[0])
	if !ok {
		t.Fatalf("no claim for %q", textA)
	}
	return c
}

func TestClaimStatus(t *testing.T) {
	tests := []struct {
		name, a, b, srcB string
		status, slot     string
		values           []string
	}{
		{"same figure", "At least 12 people were killed in the blast at the Norchem plant in Karvik.",
			"The blast at the Norchem plant in Karvik killed 12 people, police said.", "two.example", news.Corroborated, "", nil},
		{"figure conflict", "At least 12 people were killed in the blast at the Norchem plant in Karvik.",
			"15 people were killed in the blast at the Norchem plant in Karvik, police said.", "two.example", news.Conflicting, "figure:dead", []string{"12 dead", "15 dead"}},
		{"range agrees", "Between 12 and 15 people were killed in the blast at the Norchem plant in Karvik.",
			"15 people were killed in the blast at the Norchem plant in Karvik, police said.", "two.example", news.Corroborated, "", nil},
		{"date conflict", "Antony Blinken met Ayman Safadi in Amman on March 3 to discuss the donor conference.",
			"Antony Blinken met Ayman Safadi in Amman on March 4 to discuss the donor conference.", "two.example", news.Conflicting, "date", []string{"2026-03-03", "2026-03-04"}},
		{"place conflict", "Antony Blinken met Ayman Safadi in Amman to discuss the donor conference for Gaza.",
			"Antony Blinken met Ayman Safadi in Cairo to discuss the donor conference for Gaza.", "two.example", news.Conflicting, "place", []string{"amman", "cairo"}},
		{"same outlet", "Antony Blinken met Ayman Safadi in Amman to discuss the donor conference.",
			"Antony Blinken met Ayman Safadi in Amman on Friday to discuss the donor conference.", "one.example", news.Single, "", nil},
		{"unrelated", "Antony Blinken met Ayman Safadi in Amman to discuss the donor conference.",
			"Firefighters needed six hours to bring the flames under control.", "two.example", news.Single, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := pair(t, tc.a, tc.b, tc.srcB)
			if c.Status != tc.status || c.Slot != tc.slot {
				t.Fatalf("claim = %s/%q, want %s/%q (%+v)", c.Status, c.Slot, tc.status, tc.slot, c)
			}
			var vals []string
			for _, v := range c.Values {
				vals = append(vals, strings.ToLower(v.Value))
			}
			if tc.values != nil && !reflect.DeepEqual(vals, tc.values) {
				t.Errorf("values = %q, want %q", vals, tc.values)
			}
		})
	}
}

// TestBuildKeepsInputAndIsDeterministic checks that Build leaves the
// caller's analyses alone (Canonicalize works on a copy) and gives the
// same dossier for the same input whatever the input order.
func TestBuildKeepsInputAndIsDeterministic(t *testing.T) {
	ev, arts, an := loadEvent(t, "visit")
	before := deepCopy(an)
	first := Build(ev, arts, an)
	if !reflect.DeepEqual(an, before) {
		t.Fatal("Build modified the analyses it was given")
	}
	// Reverse the input order.
	ra := append([]news.Article(nil), arts...)
	rn := append([]news.Analysis(nil), an...)
	for i, j := 0, len(ra)-1; i < j; i, j = i+1, j-1 {
		ra[i], ra[j] = ra[j], ra[i]
		rn[i], rn[j] = rn[j], rn[i]
	}
	for i := 0; i < 5; i++ {
		if got := Build(ev, ra, rn); !reflect.DeepEqual(got, first) {
			t.Fatalf("Build is not deterministic: run %d differs", i)
		}
	}
}

func deepCopy(an []news.Analysis) []news.Analysis {
	out := make([]news.Analysis, len(an))
	for i, x := range an {
		out[i] = x
		out[i].Mentions = append([]news.Mention(nil), x.Mentions...)
		out[i].Quotes = append([]news.Quote(nil), x.Quotes...)
		out[i].Entities = append([]news.Entity(nil), x.Entities...)
	}
	return out
}

func TestBuildSmall(t *testing.T) {
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	t.Run("one article", func(t *testing.T) {
		arts := []news.Article{{ID: "a", Title: "Storm floods harbour - Coast Post", Source: "coastpost.example", Lang: "en", Published: pub, URL: "https://coastpost.example/a",
			Text: "The storm flooded the old harbour overnight, the council said. Crews evacuated residents by boat."}}
		ev := Build(news.Event{ID: "e"}, arts, nil)
		if ev.Title != "Storm floods harbour" {
			t.Errorf("Title = %q, want %q", ev.Title, "Storm floods harbour")
		}
		if n := len(ev.Summary); n == 0 || n > 2 {
			t.Errorf("Summary has %d sentences, want 1 or 2 for a two-sentence event", n)
		}
		for _, c := range ev.Claims {
			if c.Status != news.Single {
				t.Errorf("claim %q is %s, want single", c.Text, c.Status)
			}
		}
		if ev.When.Start != "2026-03-05" || len(ev.Coverage) != 1 || ev.Coverage[0].Claims != 2 {
			t.Errorf("When = %+v, Coverage = %+v; want the publication day and one outlet with 2 claims", ev.When, ev.Coverage)
		}
		var md strings.Builder
		if err := Markdown(&md, ev, arts); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(md.String(), "[^1]: [Storm floods harbour - Coast Post](https://coastpost.example/a)") {
			t.Errorf("Markdown lacks the footnote of article 1:\n%s", md.String())
		}
	})
	t.Run("bare text: no outlet, heading lines", func(t *testing.T) {
		// A saved text without a source: its outlet is said to be
		// unknown (never its id or hash), and its headline and a section
		// heading repeated in the body are not claims.
		arts := []news.Article{{ID: "a6d454cf15721cb7c", Title: "Harbour fire closes port", Lang: "en", Published: pub,
			Text: "Harbour fire closes port\n\nA fire broke out at the harbour on Monday, officials said.\n\nWhat happens next\n\nThe port will stay closed until Friday, the council said."}}
		ev := Build(news.Event{ID: "e"}, arts, nil)
		for _, c := range ev.Claims {
			if c.Text == "Harbour fire closes port" || c.Text == "What happens next" {
				t.Errorf("heading %q is a claim", c.Text)
			}
			if slices.Contains(c.Outlets, "a6d454cf15721cb7c") {
				t.Errorf("claim %q names the article id as its outlet: %v", c.Text, c.Outlets)
			}
		}
		if len(ev.Claims) != 2 {
			t.Errorf("%d claims, want the 2 statements of the body", len(ev.Claims))
		}
		if len(ev.Coverage) != 1 || ev.Coverage[0].Outlet != UnknownOutlet {
			t.Errorf("Coverage = %+v, want one row for %q", ev.Coverage, UnknownOutlet)
		}
	})
	t.Run("empty", func(t *testing.T) {
		ev := Build(news.Event{ID: "e", Title: "kept"}, nil, nil)
		if ev.Title != "kept" || len(ev.Claims) != 0 || len(ev.Summary) != 0 {
			t.Errorf("Build of no articles = %+v", ev)
		}
		var b strings.Builder
		if err := Report(&b, ev, nil); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzSplitSentences checks that sentences are in order, inside the text,
// non-empty, and cut on UTF-8 boundaries.
func FuzzSplitSentences(f *testing.F) {
	f.Add(wireText)
	f.Add("Mr. A said “x.” B left.\n\nC. D? E!")
	f.Add("ñ. É. 3.5. “”")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, sp := range splitSentences(text) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[sp.Start:sp.End]) {
				t.Fatalf("span %+v cuts a rune in %q", sp, text)
			}
			prev = sp.End
		}
	})
}

// FuzzCleanTitle checks that a cleaned title is never longer than the
// input and stays valid UTF-8.
func FuzzCleanTitle(f *testing.F) {
	f.Add("Blinken arrives in Amman - Reuters", "reuters.com")
	f.Add("UPDATE 2-Quake | BBC", "bbc.co.uk")
	f.Fuzz(func(t *testing.T, title, source string) {
		got := cleanTitle(title, source)
		if len(got) > len(title) {
			t.Fatalf("cleanTitle(%q) = %q, longer than its input", title, got)
		}
		if utf8.ValidString(title) && !utf8.ValidString(got) {
			t.Fatalf("cleanTitle(%q) = %q, not valid UTF-8", title, got)
		}
	})
}

// FuzzBuild feeds Build two articles of arbitrary text (outside input:
// analyses are absent, so the fallback splitter runs) and checks that
// every claim and summary sentence cites known articles.
func FuzzBuild(f *testing.F) {
	f.Add(wireText, "From the wire: "+wireText)
	f.Add("12 people died. 15 people died.", "“Quote.” Said he. 3.000 trucks.")
	f.Fuzz(func(t *testing.T, a, b string) {
		pub := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
		arts := []news.Article{{ID: "a", Source: "one.example", Text: a, Published: pub}, {ID: "b", Source: "two.example", Text: b, Published: pub}}
		ev := Build(news.Event{ID: "e"}, arts, nil)
		known := map[string]bool{"a": true, "b": true}
		for _, c := range ev.Claims {
			for _, s := range c.Sources {
				if !known[s] {
					t.Fatalf("claim %q cites unknown %q", c.Text, s)
				}
			}
		}
		for _, s := range ev.Summary {
			if len(s.Sources) == 0 {
				t.Fatalf("summary sentence %q cites nothing", s.Text)
			}
		}
		var w strings.Builder
		if err := Report(&w, ev, arts); err != nil {
			t.Fatal(err)
		}
	})
}

func TestStripDateline(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"TALLINN, Dec 13 (Nordic Wire) - Swedish Foreign Minister Katarina Vellander arrived.", "Swedish Foreign Minister Katarina Vellander arrived."},
		{"WASHINGTON (Reuters) — The Senate voted on Friday.", "The Senate voted on Friday."},
		{"BERLIN, 16. Dezember (dpa) - Die Regierung hat beschlossen.", "Die Regierung hat beschlossen."},
		{"SÃO PAULO - Floods hit the city.", "Floods hit the city."},
		{"PARIS — états généraux convoqués.", "États généraux convoqués."},
		{"A strong earthquake hit the coast - officials said.", "A strong earthquake hit the coast - officials said."},
		{"The fire broke out at 4:30 a.m.", "The fire broke out at 4:30 a.m."},
		{"Seferihisar, Tuesday, 10 December 2024. The ground moved.", "Seferihisar, Tuesday, 10 December 2024. The ground moved."},
	} {
		if got := stripDateline(tt.in); got != tt.want {
			t.Errorf("stripDateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBalanceQuotes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`We are against salaries that do not pay the rent," union leader Rui Canelas said.`, `"We are against salaries that do not pay the rent," union leader Rui Canelas said.`},
		{`"We are not against the tourists and we are not against the city.`, `"We are not against the tourists and we are not against the city."`},
		{`"We will stay," he said.`, `"We will stay," he said.`},
		{`Nobody will be left outside tonight,” she said.`, `“Nobody will be left outside tonight,” she said.`},
		{`« Nous devons agir ensemble.`, `« Nous devons agir ensemble.»`},
		{`Nous devons agir ensemble », a déclaré le président.`, `«Nous devons agir ensemble », a déclaré le président.`},
		{`Wir müssen jetzt handeln“, sagte er.`, `„Wir müssen jetzt handeln“, sagte er.`},
		{`He called it "a disgrace" and left.`, `He called it "a disgrace" and left.`},
		{`„Wir müssen jetzt handeln“, sagte er.`, `„Wir müssen jetzt handeln“, sagte er.`},
		{`The mayor said half the town was gone.`, `The mayor said half the town was gone.`},
	} {
		if got := balanceQuotes(tt.in); got != tt.want {
			t.Errorf("balanceQuotes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildLeadAndImage(t *testing.T) {
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "b", Title: "Ferry service resumes", Source: "b.example", Lang: "en", Published: pub.Add(time.Hour), URL: "https://b.example/b",
			Image: "https://b.example/later.jpg", Text: "The ferry service resumed on Thursday after the storm, the operator said. Crossings run hourly."},
		{ID: "a", Title: "Ferry service resumes", Source: "a.example", Lang: "en", Published: pub, URL: "https://a.example/a",
			Text: "The ferry service resumed on Thursday after the storm, the operator said. Passengers queued at dawn."},
		{ID: "c", Title: "Ferries back after storm", Source: "c.example", Lang: "en", Published: pub.Add(30 * time.Minute), URL: "https://c.example/c",
			Image: "https://c.example/first.jpg", Text: "Ferries were back on Thursday after the storm, the operator said."},
	}
	ev := Build(news.Event{ID: "e"}, arts, nil)
	if ev.Image != "https://c.example/first.jpg" {
		t.Errorf("Image = %q, want that of the earliest article with one", ev.Image)
	}
	if ev.Lead == "" || ev.Lead == ev.Title || len(ev.Summary) == 0 || ev.Lead != ev.Summary[0].Text {
		t.Errorf("Lead = %q (title %q, summary %v), want the first summary sentence", ev.Lead, ev.Title, ev.Summary)
	}
}

func TestLead(t *testing.T) {
	sum := []news.SummarySentence{{Text: "Dam bursts after heavy rain."}, {Text: "Hundreds of homes were flooded downstream."}}
	if got := lead(sum, "Dam bursts after heavy rain"); got != "Hundreds of homes were flooded downstream." {
		t.Errorf("lead(title made from the first sentence) = %q, want the second sentence", got)
	}
	if got := lead(sum, "Flooding downstream"); got != "Dam bursts after heavy rain." {
		t.Errorf("lead = %q, want the first sentence", got)
	}
	if got := lead(nil, "x"); got != "" {
		t.Errorf("lead(no summary) = %q, want empty", got)
	}
}

func TestReportNamesUnknownOutlet(t *testing.T) {
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "a3f9c2e1b0d4e5f6", Title: "Ferry resumes", Published: pub, Text: "The ferry resumed service."},
		{ID: "b", Title: "Ferry back", Source: "b.example", Published: pub.Add(time.Hour), Text: "The ferry is back."},
	}
	ev := news.Event{ID: "e", Title: "Ferry resumes", Articles: []string{"a3f9c2e1b0d4e5f6", "b"},
		Claims: []news.Claim{{Text: "The ferry resumed service", Status: news.Corroborated,
			Sources: []string{"a3f9c2e1b0d4e5f6", "b"}, Outlets: []string{"a3f9c2e1b0d4e5f6", "b.example"}}},
		Coverage: []news.Coverage{{Outlet: "a3f9c2e1b0d4e5f6", Articles: []string{"a3f9c2e1b0d4e5f6"}, FirstSeen: pub}}}
	for name, write := range map[string]func(*strings.Builder) error{
		"report":   func(b *strings.Builder) error { return Report(b, ev, arts) },
		"markdown": func(b *strings.Builder) error { return Markdown(b, ev, arts) },
	} {
		var b strings.Builder
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, "unknown outlet, b.example") {
			t.Errorf("%s: claim outlets not named for people:\n%s", name, out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "a3f9c2e1b0d4e5f6") {
				t.Errorf("%s: the article id shows as an outlet: %q", name, line)
			}
		}
	}
}
