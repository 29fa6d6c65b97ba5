package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

// TestFollowUpBeyondWindow: a trial four months after a shooting, far
// beyond the clusterer's window, recalls the shooting's event from the
// store by the names they share and joins it; a report of another
// shooting that week names no one of it and stays apart.
func TestFollowUpBeyondWindow(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if _, err := newPipeline(t, db).Ingest(ctx, firstReports(t)); err != nil {
		t.Fatal(err)
	}
	checkFollowUp(t, db)
}

// TestFollowUpAfterKeyBackfill: the same, when the shooting's reports were
// stored without keys (as before the store kept them), once FileKeys has
// filed theirs.
func TestFollowUpAfterKeyBackfill(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	old := firstReports(t)
	for i := range old {
		old[i].Event = "e-before-keys"
	}
	if err := db.Commit(ctx, store.Batch{Articles: old}); err != nil {
		t.Fatal(err)
	}
	if n, err := pipeline.FileKeys(ctx, db, nil); err != nil || n != len(old) {
		t.Fatalf("FileKeys = %d, %v; want %d", n, err, len(old))
	}
	if n, err := pipeline.FileKeys(ctx, db, nil); err != nil || n != 0 {
		t.Fatalf("FileKeys again = %d, %v; want 0", n, err)
	}
	checkFollowUp(t, db)
}

func reportOn(t *testing.T, id, src string, d int, title, text string) news.Article {
	t.Helper()
	day := time.Date(2023, 3, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, d)
	a := news.Article{ID: id, Source: src, Published: day, Title: title, Text: text, Lang: "en"}
	if err := ingest.Normalize(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

func firstReports(t *testing.T) []news.Article {
	art := func(id, src string, d int, title, text string) news.Article {
		return reportOn(t, id, src, d, title, text)
	}
	return []news.Article{
		art("s1", "valley-herald.example", 0, "Clerk shot dead at Brightwater Fuel in Orlan Heights",
			"A clerk was shot dead at the Brightwater Fuel station in Orlan Heights on Tuesday night. Police named the victim as Tamsin Okonkwo-Reyes, 24. Detective Marek Vollan said officers were looking for a man seen running from the store."),
		art("s2", "orlan-news.example", 1, "Victim of Brightwater Fuel shooting named as Tamsin Okonkwo-Reyes",
			"Tamsin Okonkwo-Reyes, 24, was killed at the Brightwater Fuel station on Tuesday. Detective Marek Vollan asked witnesses to come forward."),
	}
}

// checkFollowUp ingests the trial and another shooting four months after
// the first reports: the trial joins the shooting's event, the other
// shooting does not.
func checkFollowUp(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	art := func(id, src string, d int, title, text string) news.Article {
		return reportOn(t, id, src, d, title, text)
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
