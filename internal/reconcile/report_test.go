package reconcile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// hermetic makes Build use reconcile's own fallbacks instead of
// extract.Canonicalize and extract.HappeningDate until the test ends, so
// golden files change only when reconcile does.
func hermetic(t *testing.T) {
	t.Helper()
	c, h := canonicalize, happeningDate
	canonicalize, happeningDate = fallbackCanonicalize, fallbackHappening
	t.Cleanup(func() { canonicalize, happeningDate = c, h })
}

// builtGolden builds every golden event from the analyses of analyze and
// links each to the others with Related.
func builtGolden(t *testing.T, analyze analyzer) (map[string]news.Event, map[string][]news.Article) {
	t.Helper()
	evs := map[string]news.Event{}
	arts := map[string][]news.Article{}
	var all []news.Event
	for _, name := range goldenEvents {
		ev, a, an := loadEventWith(t, name, analyze)
		evs[name] = Build(ev, a, an)
		arts[name] = a
		all = append(all, evs[name])
	}
	for name, ev := range evs {
		ev.Related = Related(ev, all)
		evs[name] = ev
	}
	return evs, arts
}

// TestGoldenReports compares Report and Markdown output for the golden
// events with testdata/golden/<name>.txt and <name>.md; -update rewrites
// them. The events are analysed with the test lexicon and built with
// reconcile's fallbacks (hermetic), so that the files follow reconcile's
// own changes, not extract's; the end-to-end path is checked by
// TestBuildFacts, TestRelatedStoryline and TestClaimsLabelledExtract.
func TestGoldenReports(t *testing.T) {
	hermetic(t)
	evs, arts := builtGolden(t, lexAnalyzer(t))
	for _, name := range goldenEvents {
		t.Run(name, func(t *testing.T) {
			for _, f := range []struct {
				ext    string
				render func(*bytes.Buffer) error
			}{
				{".txt", func(b *bytes.Buffer) error { return Report(b, evs[name], arts[name]) }},
				{".md", func(b *bytes.Buffer) error { return Markdown(b, evs[name], arts[name]) }},
			} {
				var b bytes.Buffer
				if err := f.render(&b); err != nil {
					t.Fatalf("render %s%s: %v", name, f.ext, err)
				}
				if !utf8.Valid(b.Bytes()) {
					t.Errorf("%s%s: output is not valid UTF-8", name, f.ext)
				}
				path := filepath.Join("testdata", "golden", name+f.ext)
				if *update {
					if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(b.Bytes(), want) {
					t.Errorf("%s differs from the golden file; got:\n%s", path, b.String())
				}
			}
		})
	}
}

// TestBuildFacts checks, end to end (extract.Analyze, then Build), the
// dossier fields that do not show in claims.
func TestBuildFacts(t *testing.T) {
	evs, _ := builtGolden(t, extractAnalyzer(t))
	visit := evs["visit"]
	if visit.Title != "Blinken arrives in Amman for ceasefire talks with King Abdullah" {
		t.Errorf("visit Title = %q, want the syndicated headline without its outlet suffix", visit.Title)
	}
	if len(visit.Where) == 0 || visit.Where[0].Name != "Amman" {
		t.Errorf("visit Where = %v, want Amman first", visit.Where)
	}
	if visit.When.Start != "2026-03-02" {
		t.Errorf("visit When = %+v, want it to start on the happening day 2026-03-02", visit.When)
	}
	if got := strings.Join(visit.Articles, ","); got != "gw-1,dh-1,lc-1,ct-1" {
		t.Errorf("visit Articles = %s, want publication order", got)
	}
	if n := len(visit.Summary); n < 3 || n > 5 {
		t.Errorf("visit Summary has %d sentences, want 3 to 5", n)
	}
	for _, s := range visit.Summary {
		if len(s.Sources) == 0 {
			t.Errorf("summary sentence %q cites nothing", s.Text)
		}
	}
	blast := evs["blast"]
	for _, cv := range blast.Coverage {
		if cv.Claims == 0 {
			t.Errorf("blast coverage of %s counts no claims", cv.Outlet)
		}
	}
	if len(blast.Coverage) != 4 {
		t.Errorf("blast Coverage has %d outlets, want 4", len(blast.Coverage))
	}
	if strings.Join(blast.Langs, ",") != "en,es" {
		t.Errorf("blast Langs = %v, want [en es]", blast.Langs)
	}
}

// TestRelatedStoryline checks that a visit links to the follow-up meeting
// two days later, and not to an unrelated earthquake the same week.
func TestRelatedStoryline(t *testing.T) {
	evs, _ := builtGolden(t, extractAnalyzer(t))
	got := Related(evs["visit"], []news.Event{evs["quake"], evs["followup"], evs["visit"], evs["blast"]})
	if len(got) != 1 || got[0].Event != "ev-blinken-safadi" {
		t.Fatalf("Related(visit) = %+v, want only the follow-up meeting", got)
	}
	if !strings.Contains(got[0].Reason, "Antony Blinken") || !strings.Contains(got[0].Reason, "2 days later") {
		t.Errorf("Related(visit) reason = %q, want it to name Antony Blinken and the 2-day gap", got[0].Reason)
	}
	back := Related(evs["followup"], []news.Event{evs["visit"], evs["quake"]})
	if len(back) != 1 || back[0].Event != "ev-blinken-amman" || !strings.Contains(back[0].Reason, "earlier") {
		t.Errorf("Related(followup) = %+v, want the visit, earlier", back)
	}
	if r := Related(evs["quake"], []news.Event{evs["visit"], evs["followup"], evs["blast"]}); len(r) != 0 {
		t.Errorf("Related(quake) = %+v, want none", r)
	}
}

// TestReportReportedSpeech: reported speech is the reporter's words and is
// not printed between quotation marks, in the terminal report or Markdown.
func TestReportReportedSpeech(t *testing.T) {
	ev := news.Event{ID: "e1", Title: "Test", Articles: []string{"a1"}, Quotes: []news.Quote{
		{Speaker: "Jane Doe", Text: "We will stay", Article: "a1"},
		{Speaker: "Rhin Vivant", Text: "la quantité pourrait atteindre dix tonnes", Article: "a1", Indirect: true},
	}}
	arts := []news.Article{{ID: "a1", Title: "T", Source: "example.org"}}
	var txt, md bytes.Buffer
	if err := Report(&txt, ev, arts); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&md, ev, arts); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"report": txt.String(), "markdown": md.String()} {
		if !strings.Contains(out, "“We will stay”") {
			t.Errorf("%s: direct quote not between quotation marks:\n%s", name, out)
		}
		if strings.Contains(out, "“la quantité") || !strings.Contains(out, "la quantité pourrait atteindre dix tonnes — Rhin Vivant, reported") {
			t.Errorf("%s: reported speech not told as reported:\n%s", name, out)
		}
	}
}
