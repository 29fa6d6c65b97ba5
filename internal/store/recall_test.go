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
	}{"Recall", testRecall}, struct {
		name string
		fn   func(t *testing.T, be backend, db *DB, dsn string)
	}{"KeyBackfill", testKeyBackfill})
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

// testKeyBackfill: an article committed without keys (as before schema
// version 5) is listed by Unkeyed until FileKeys files its keys, or the
// empty key when it has none; an article committed with no keys is not
// listed; keys filed again are kept once.
func testKeyBackfill(t *testing.T, be backend, db *DB, dsn string) {
	ctx := context.Background()
	day := func(d int) time.Time { return t0.AddDate(0, 0, d) }
	mustCommit(t, db, Batch{
		Articles: []news.Article{
			article("u1", "a.example", "en", day(0), "Old report", "Orla Vantree spoke.", "ea"),
			article("u2", "b.example", "en", day(1), "Old note", "It rained.", "eb"),
			article("u3", "c.example", "en", day(2), "Old story", "Orla Vantree left.", "ec"),
		},
	})
	mustCommit(t, db, Batch{
		Articles: []news.Article{article("n1", "d.example", "en", day(3), "New note", "It snowed.", "ed")},
		Keys:     map[string][]string{"n1": nil},
	})
	ids := func(arts []news.Article) string {
		var out []string
		for _, a := range arts {
			out = append(out, a.ID)
		}
		return fmtList(out)
	}
	got, last, err := db.Unkeyed(ctx, 0, 2)
	if err != nil || ids(got) != "[u1 u2]" {
		t.Fatalf("Unkeyed(0, 2) = %v, %v; want [u1 u2]", ids(got), err)
	}
	if err := db.FileKeys(ctx, map[string][]string{"u1": {"orla_vantree"}, "u2": nil}); err != nil {
		t.Fatalf("FileKeys: %v", err)
	}
	if got, _, err := db.Unkeyed(ctx, last, 10); err != nil || ids(got) != "[u3]" {
		t.Fatalf("Unkeyed after the first page = %v, %v; want [u3]", ids(got), err)
	}
	if err := db.FileKeys(ctx, map[string][]string{"u3": {"orla_vantree"}, "u1": {"orla_vantree"}}); err != nil {
		t.Fatalf("FileKeys again: %v", err)
	}
	if got, _, err := db.Unkeyed(ctx, 0, 10); err != nil || len(got) != 0 {
		t.Errorf("Unkeyed after the backfill = %v, %v; want none", ids(got), err)
	}
	got, err = db.Recall(ctx, []string{"orla_vantree"}, day(90), day(110), 5, 10)
	if err != nil || ids(got) != "[u1 u3]" {
		t.Errorf("Recall of the filed key = %v, %v; want [u1 u3]", ids(got), err)
	}
	if got, err := db.Recall(ctx, []string{""}, day(90), day(110), 5, 10); err != nil || len(got) != 0 {
		t.Errorf("Recall of the empty key = %v, %v; want none", ids(got), err)
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
