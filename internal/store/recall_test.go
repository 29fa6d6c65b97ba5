package store

import (
	"context"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func init() {
	suite = append(suite, struct {
		name string
		fn   func(t *testing.T, be backend, db *DB, dsn string)
	}{"Recall", testRecall})
}

// testRecall: a later batch recalls by key the events beyond its window,
// whole, the events sharing most keys first; a key on too many articles
// is not followed; Copy carries the keys.
func testRecall(t *testing.T, be backend, db *DB, dsn string) {
	ctx := context.Background()
	day := func(d int) time.Time { return t0.AddDate(0, 0, d) }
	b := Batch{
		Articles: []news.Article{
			article("k1", "a.example", "en", day(0), "Clerk shot", "Dana Quillfeather shot a clerk.", "ea"),
			article("k2", "b.example", "en", day(1), "Clerk dies", "The clerk died.", "ea"),
			article("k3", "c.example", "en", day(2), "Police appeal", "Marlow Police asked for help.", "eb"),
			article("k4", "d.example", "en", day(100), "Trial opens", "Dana Quillfeather went on trial.", "ec"),
			article("k5", "e.example", "en", day(3), "Council meets", "The City Council met.", "ed"),
			article("k6", "f.example", "en", day(4), "Council votes", "The City Council voted.", "ee"),
			article("k7", "g.example", "en", day(200), "Verdict", "Dana Quillfeather was found guilty.", "ef"),
		},
		Keys: map[string][]string{
			"k1": {"dana_quillfeather", "marlow_police"},
			"k3": {"marlow_police"},
			"k4": {"dana_quillfeather"},
			"k5": {"city_council"},
			"k6": {"city_council"},
			"k7": {"dana_quillfeather"},
		},
	}
	mustCommit(t, db, b)
	ids := func(arts []news.Article) []string {
		var out []string
		for _, a := range arts {
			out = append(out, a.ID+"@"+a.Event)
		}
		return out
	}
	got, err := db.Recall(ctx, []string{"dana_quillfeather", "marlow_police", "city_council", "nobody"}, day(90), day(110), 2, 10)
	if err != nil {
		t.Fatalf("Recall: %v", err)
	}
	// dana_quillfeather is on three articles (more than posting 2). ea
	// comes whole (k2 has no key), then the events sharing one key, by
	// id: eb by marlow_police, ed and ee by city_council.
	if want := "[k1@ea k2@ea k3@eb k5@ed k6@ee]"; fmtList(ids(got)) != want {
		t.Errorf("Recall = %v, want %s", ids(got), want)
	}
	got, err = db.Recall(ctx, []string{"dana_quillfeather", "marlow_police"}, day(90), day(110), 5, 2)
	if err != nil {
		t.Fatalf("Recall: %v", err)
	}
	// ea shares two keys and fills the limit (ef, sharing one, does not
	// fit); ec is inside the window.
	if want := "[k1@ea k2@ea]"; fmtList(ids(got)) != want {
		t.Errorf("Recall(limit 2) = %v, want %s", ids(got), want)
	}
	if got, err := db.Recall(ctx, nil, day(90), day(110), 5, 10); err != nil || len(got) != 0 {
		t.Errorf("Recall(no keys) = %v, %v", got, err)
	}
	keys, err := db.keysOf(ctx, []string{"k1", "k2"})
	if err != nil || fmtList(keys["k1"]) != "[dana_quillfeather marlow_police]" || len(keys["k2"]) != 0 {
		t.Errorf("keysOf = %v, %v", keys, err)
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
