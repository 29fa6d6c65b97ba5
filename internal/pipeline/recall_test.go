package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// TestFollowUpBeyondWindow: a trial four months after a shooting, far
// beyond the clusterer's window, recalls the shooting's event from the
// store by the names they share and joins it; a report of another
// shooting that week names no one of it and stays apart.
func TestFollowUpBeyondWindow(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	day := func(d int) time.Time { return time.Date(2023, 3, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	art := func(id, src string, d int, title, text string) news.Article {
		a := news.Article{ID: id, Source: src, Published: day(d), Title: title, Text: text, Lang: "en"}
		if err := ingest.Normalize(&a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	first := []news.Article{
		art("s1", "valley-herald.example", 0, "Clerk shot dead at Brightwater Fuel in Orlan Heights",
			"A clerk was shot dead at the Brightwater Fuel station in Orlan Heights on Tuesday night. Police named the victim as Tamsin Okonkwo-Reyes, 24. Detective Marek Vollan said officers were looking for a man seen running from the store."),
		art("s2", "orlan-news.example", 1, "Victim of Brightwater Fuel shooting named as Tamsin Okonkwo-Reyes",
			"Tamsin Okonkwo-Reyes, 24, was killed at the Brightwater Fuel station on Tuesday. Detective Marek Vollan asked witnesses to come forward."),
	}
	if _, err := newPipeline(t, db).Ingest(ctx, first); err != nil {
		t.Fatal(err)
	}
	later := []news.Article{
		art("t1", "valley-herald.example", 120, "Trial opens in killing of Brightwater Fuel clerk Tamsin Okonkwo-Reyes",
			"The trial of Dorian Faulks, 31, opened on Monday in the killing of Tamsin Okonkwo-Reyes, the clerk shot dead at the Brightwater Fuel station in Orlan Heights in March. Detective Marek Vollan told the jury officers found the gun in a river."),
		art("o1", "orlan-news.example", 119, "Man wounded in shooting outside Pelling Road bar",
			"A man was wounded in a shooting outside a bar on Pelling Road late on Sunday. Police said the 40-year-old was taken to hospital and is expected to survive."),
	}
	res, err := newPipeline(t, db).Ingest(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	s1, _, err := db.Article(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range res.New {
		got[a.ID] = a.Event
	}
	if got["t1"] != s1.Event {
		t.Errorf("the trial went to event %q, want the shooting's %q", got["t1"], s1.Event)
	}
	if got["o1"] == s1.Event {
		t.Errorf("the other shooting joined the first one's event %q", s1.Event)
	}
}
