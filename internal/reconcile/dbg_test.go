package reconcile

import "testing"

func TestDbgPairs(t *testing.T) {
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
