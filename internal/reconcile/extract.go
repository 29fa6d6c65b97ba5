package reconcile

import "github.com/dossier-news/dossier/internal/extract"

// Build merges name variants across the event with extract.Canonicalize
// and dates the happening with extract.HappeningDate, so that a dossier
// names actors and dates exactly as the rest of Dossier does. The
// fallbacks in canon.go and facts.go are kept for tests that need to
// isolate reconcile's own logic.
func init() {
	canonicalize = extract.Canonicalize
	happeningDate = extract.HappeningDate
	happeningDays = extract.HappeningDays
}
