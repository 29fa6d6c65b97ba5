package cluster

import (
	"slices"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func TestKeys(t *testing.T) {
	for _, tc := range []struct {
		name, title, text string
		want              []string
	}{
		{
			"people and organisations, most written first",
			"Dana Quillfeather charged",
			"Prosecutors said Dana Quillfeather shot a clerk. The Harlow Valley Gazette reported that Dana Quillfeather fled.",
			[]string{"dana_quillfeather", "harlow_valley_gazette"},
		},
		{
			"a name written once as a place is a place",
			"",
			"The fire started in Marlow Creek on Sunday. Marlow Creek residents fled. Ada Brightwater said the town was lucky.",
			[]string{"ada_brightwater"},
		},
		{"no multi-word names", "", "Nobody was hurt when the shed burned down.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Keys(tc.title, tc.text, "en"); !slices.Equal(got, tc.want) {
				t.Errorf("Keys = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestArchiveRecall(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	ar := NewArchive()
	put := func(id, ev string, d int, keys ...string) {
		ar.Put(news.Article{ID: id, Event: ev, Published: day(d)}, keys)
	}
	put("a1", "ea", 0, "dana_quillfeather", "marlow_police")
	put("a2", "ea", 1) // no keys: comes with its event
	put("b1", "eb", 2, "marlow_police")
	put("c1", "ec", 100, "dana_quillfeather") // inside the window asked below
	for i := range RecallPosting + 1 {
		put("common"+string(rune('a'+i%26))+string(rune('a'+i/26)), "e-common", 3, "city_council")
	}
	got := ar.Recall([]string{"dana_quillfeather", "marlow_police", "city_council"}, day(90), day(110))
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID+"@"+a.Event)
	}
	// ea shares two keys, eb one; ec is in the window; city_council is
	// too common to follow.
	if want := []string{"a1@ea", "a2@ea", "b1@eb"}; !slices.Equal(ids, want) {
		t.Errorf("Recall = %v, want %v", ids, want)
	}
	ar.Move("b1", "ea")
	got = ar.Recall([]string{"marlow_police"}, day(90), day(110))
	if len(got) != 3 || got[2].ID != "b1" || got[2].Event != "ea" {
		t.Errorf("after a move, Recall = %+v, want ea's three articles", got)
	}
}

// TestLateWeights: pairs published more than MaxGap apart are scored by
// Model.Late, the others by Model.Weights.
func TestLateWeights(t *testing.T) {
	w := make([]float64, numFeatures)
	late := make([]float64, numFeatures)
	w[fBias], late[fBias] = -8, 8
	c := New(Config{Model: &Model{Features: FeatureNames[:], Weights: w, Late: late, Join: 0.5, Edge: 0.4}})
	t0 := time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC)
	serial := uint64(0)
	doc := func(id string, d int) *doc {
		a := news.Article{ID: id, Title: "Fire", Text: "A fire broke out.", Published: t0.AddDate(0, 0, d)}
		x := c.vectorize(&a)
		serial++
		x.serial = serial // as insert does: the pair cache is keyed by serials
		return x
	}
	x, near, far := doc("x", 0), doc("near", 3), doc("far", 100)
	if p := c.prob(x, near); p > 0.01 {
		t.Errorf("score 3 days apart = %.3f, want the window's weights (~0)", p)
	}
	if p := c.prob(x, far); p < 0.99 {
		t.Errorf("score 100 days apart = %.3f, want the late weights (~1)", p)
	}
	if _, err := ParseModel([]byte(`{"features": [], "weights": [], "late": [1]}`)); err == nil {
		t.Error("ParseModel accepted a model with the wrong number of late weights")
	}
}
