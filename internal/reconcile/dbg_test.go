package reconcile

import "testing"

func TestDbgPairs(t *testing.T) {
	if !*dump {
		t.Skip()
	}
	for _, name := range goldenEvents {
		ev, arts, an := loadEvent(t, name)
		ctx := newBuildCtx(ev, arts, an)
		sents, ft := ctx.sentences()
		for i := range sents {
			for j := i + 1; j < len(sents); j++ {
				a, b := &sents[i], &sents[j]
				if a.art == b.art {
					continue
				}
				s := ft.sim(a.feats, b.feats, "")
				slot, skip := differingSlot(a, b)
				r := 0.0
				if slot != "" {
					r = ft.sim(a.feats, b.feats, skip)
				}
				if s > 0.15 || r > 0.2 {
					t.Logf("%s %.2f %s %.2f | %.50s | %.50s", name, s, slot, r, a.text, b.text)
				}
			}
		}
	}
}
