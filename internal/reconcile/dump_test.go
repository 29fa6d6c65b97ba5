package reconcile

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// TestDumpPairs prints the similarity of every cross-article sentence pair
// of the golden events above a floor: go test -run TestDumpPairs -v -dump.
func TestDumpPairs(t *testing.T) {
	if !*dump {
		t.Skip()
	}
	for _, name := range goldenEvents {
		an0 := lexAnalyzer(t)
		if *useExt {
			an0 = extractAnalyzer(t)
		}
		ev, arts, an := loadEventWith(t, name, an0)
		ctx := newBuildCtx(ev, arts, an)
		sents, ft := ctx.sentences()
		for i := range sents {
			for j := i + 1; j < len(sents); j++ {
				a, b := &sents[i], &sents[j]
				if a.art == b.art {
					continue
				}
				s := ft.simLang(a.feats, b.feats, 0, a.lang != b.lang)
				slot, skip := differingSlot(a, b)
				r := 0.0
				if slot != "" {
					r = ft.simLang(a.feats, b.feats, skip, a.lang != b.lang)
				}
				if s > 0.1 || r > 0.2 {
					t.Logf("%s %.2f %s %.2f | %.50s | %.50s", name, s, slot, r, a.text, b.text)
				}
			}
		}
	}
}

// TestDumpECB prints the terminal report of the biggest ECB+ stories,
// built end to end, to read the dossier of real news by eye:
// go test -run TestDumpECB -v -dump.
func TestDumpECB(t *testing.T) {
	if !*dump {
		t.Skip("pass -dump to print ECB+ dossiers")
	}
	evs := ecbEvents(t, 3)
	for _, e := range evs {
		ev := Build(e.ev, e.arts, e.an)
		var w strings.Builder
		if err := Report(&w, ev, e.arts); err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + w.String())
	}
}

// TestDumpECBRelated prints the storyline links among the biggest ECB+
// stories (each topic holds two similar events):
// go test -run TestDumpECBRelated -v -dump.
func TestDumpECBRelated(t *testing.T) {
	if !*dump {
		t.Skip("pass -dump to print ECB+ storyline links")
	}
	var evs []news.Event
	for _, e := range ecbEvents(t, 30) {
		evs = append(evs, Build(e.ev, e.arts, e.an))
	}
	for _, ev := range evs {
		for _, r := range Related(ev, evs) {
			t.Logf("%s -> %s %.2f %s", ev.ID, r.Event, r.Score, r.Reason)
		}
	}
}
