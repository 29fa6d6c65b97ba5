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
