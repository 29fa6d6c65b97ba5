package reconcile

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

var goldenEvents = []string{"visit", "blast", "followup", "quake"}

// claimAccuracyFloor is the share of hand-labelled claims that must get
// the right status (and outlet count and slot, when labelled). It sits a
// little under what the mechanism reaches so that a regression fails.
const claimAccuracyFloor = 0.80

// TestClaimsLabelled checks the status Build gives each hand-labelled
// sentence of the golden events: testdata/events/<name>.expect.json names
// an article, a substring of one of its sentences, the expected status and
// optionally the number of independent outlets and the conflicting slot.
//
// Articles are analysed with the test lexicon, so this measures reconcile
// on known-good analyses.
func TestClaimsLabelled(t *testing.T) {
	right, all := scoreClaims(t, lexAnalyzer(t))
	t.Logf("claims labelled right (lexicon analyses): %d/%d", right, all)
	if float64(right) < claimAccuracyFloor*float64(all) {
		t.Errorf("claims labelled right = %d/%d, want at least %.0f%%", right, all, claimAccuracyFloor*100)
	}
}

// extractAccuracyFloor is the floor when the articles are analysed by
// extract, end to end: lower, since missed names and numbers cost
// alignments.
const extractAccuracyFloor = 0.65

// TestClaimsLabelledExtract is TestClaimsLabelled with the analyses the
// pipeline really uses (extract.Analyze).
func TestClaimsLabelledExtract(t *testing.T) {
	right, all := scoreClaims(t, extractAnalyzer(t))
	t.Logf("claims labelled right (extract analyses): %d/%d", right, all)
	if float64(right) < extractAccuracyFloor*float64(all) {
		t.Errorf("claims labelled right = %d/%d, want at least %.0f%%", right, all, extractAccuracyFloor*100)
	}
}

func scoreClaims(t *testing.T, analyze analyzer) (right, all int) {
	t.Helper()
	for _, name := range goldenEvents {
		ev, arts, an := loadEventWith(t, name, analyze)
		var want []expectation
		readJSON(t, filepath.Join("testdata", "events", name+".expect.json"), &want)
		ctx := newBuildCtx(ev, arts, an)
		cs := ctx.claims()
		for _, w := range want {
			all++
			claim, ok := claimOfSentence(ctx, cs, w.Article, w.Sentence)
			if !ok {
				t.Errorf("%s: no sentence of %s contains %q", name, w.Article, w.Sentence)
				continue
			}
			got := expectation{Article: w.Article, Sentence: w.Sentence, Status: claim.Status, Slot: claim.Slot}
			if w.Outlets > 0 {
				got.Outlets = len(claim.Outlets)
			}
			if w.Slot == "" {
				got.Slot = ""
			}
			if got == w {
				right++
				continue
			}
			t.Logf("%s: %s %q: got %s/%d/%q, want %s/%d/%q (claim %q, sources %v)", name, w.Article, w.Sentence,
				got.Status, got.Outlets, got.Slot, w.Status, w.Outlets, w.Slot, claim.Text, claim.Sources)
		}
	}
	return right, all
}

// claimOfSentence finds the claim holding the sentence of article id
// that contains sub.
func claimOfSentence(ctx *buildCtx, cs claimSet, id, sub string) (news.Claim, bool) {
	for ci, cl := range cs.clusters {
		for _, m := range cl.members {
			s := cs.sents[m]
			if ctx.arts[s.art].ID == id && strings.Contains(s.text, sub) {
				return cs.claims[ci], true
			}
		}
	}
	return news.Claim{}, false
}

// TestDumpClaims prints every claim of the golden events with its members,
// for looking at alignment by eye: go test -run TestDumpClaims -v -dump.
func TestDumpClaims(t *testing.T) {
	if !*dump {
		t.Skip("pass -dump to print the golden events' claims")
	}
	for _, name := range goldenEvents {
		an0 := lexAnalyzer(t)
		if *useExt {
			an0 = extractAnalyzer(t)
		}
		ev, arts, an := loadEventWith(t, name, an0)
		ctx := newBuildCtx(ev, arts, an)
		cs := ctx.claims()
		for ci, cl := range cs.clusters {
			c := cs.claims[ci]
			t.Logf("%s #%d %s %s %v", name, ci, c.Status, c.Slot, c.Outlets)
			for _, m := range cl.members {
				s := cs.sents[m]
				t.Logf("      %s: %s", ctx.arts[s.art].ID, s.text)
			}
		}
	}
}
