package extract

import (
	"time"

	"github.com/dossier-news/dossier/internal/geo"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

func findDates(text string, published time.Time, lang string) []news.DateMention {
	return timex.Find(text, published, lang)
}

// happeningVerbs are the verbs of news events; a date in the same sentence
// as one is likely the date the event happened.
var happeningVerbs = set("met", "meets", "visited", "visits", "arrived", "arrives", "held", "killed", "attacked", "struck",
	"signed", "announced", "began", "started", "died", "exploded", "hit", "opened", "launched", "landed", "elected",
	"traf", "besuchte", "reiste", "kam", "unterzeichnete", "getotet", "starb", "begann",
	"rencontre", "visite", "arrive", "signe", "tue", "tues", "mort", "lance",
	"visito", "llego", "firmo", "murio", "murieron", "se", "reunio")

// HappeningDate picks the date an article says its event happened, which
// is what its sources report, not when they published: a day-precise date
// in the first sentences and next to an event verb, not after publication,
// wins. Without one it falls back to the publication date (ok is then
// false when that too is unknown).
func HappeningDate(art *news.Article, an *news.Analysis) (date string, ok bool) {
	pub := art.Published
	best, bestScore := "", -1e9
	for _, d := range an.Dates {
		t, err := time.Parse("2006-01-02", d.Date)
		if err != nil {
			continue
		}
		score := 0.0
		switch d.Granularity {
		case "", "day":
			score += 3
		case "month":
			score += 0.5
		}
		sent := sentenceOf(an.Sentences, d.Start)
		if !d.Relative {
			score += 0.5 // written out in full: the reporter took care to state it
		}
		switch {
		case sent <= 0:
			score += 4
		case sent == 1:
			score += 2
		case sent <= 3:
			score += 1
		}
		if verbNear(art.Text, an.Sentences, sent) {
			score += 1.5
		}
		if !pub.IsZero() {
			days := pub.Sub(t).Hours() / 24
			switch {
			case days < -1:
				score -= 5 // announced for the future: not the happening
			case days <= 7:
				score += 1
			case days > 365:
				score -= 3 // background history
			}
		}
		if score > bestScore {
			best, bestScore = d.Date, score
		}
	}
	if best != "" && bestScore > 2 {
		return best, true
	}
	if !pub.IsZero() {
		return pub.UTC().Format("2006-01-02"), true
	}
	if best != "" {
		return best, true
	}
	return "", false
}

func sentenceOf(sents []news.Span, off int) int {
	for i, s := range sents {
		if off >= s.Start && off < s.End {
			return i
		}
	}
	return -1
}

func verbNear(text string, sents []news.Span, i int) bool {
	if i < 0 || i >= len(sents) {
		return false
	}
	s := sents[i]
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return false
	}
	for _, t := range tokenize(text[s.Start:s.End]) {
		if t.Kind == tWord && happeningVerbs[geo.Fold(text[s.Start+t.Start:s.Start+t.End])] {
			return true
		}
	}
	return false
}
