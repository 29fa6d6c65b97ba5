// Package news holds the plain types that flow through Dossier's pipeline:
// ingest → extract → cluster → reconcile → store → web. It does no I/O, so
// every stage can import it and stages talk to each other in its terms.
//
// Offsets (Start, End) are byte offsets into Article.Text (UTF-8), end
// exclusive, so Text[Start:End] is the mention as written.
package news

import (
	"net/url"
	"strings"
	"time"
)

// Article is one news report as ingested.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Published time.Time `json:"published"`
	Source    string    `json:"source"` // outlet, normally a host name such as "bbc.co.uk"
	URL       string    `json:"url,omitempty"`
	Lang      string    `json:"lang"` // ISO 639-1
	Author    string    `json:"author,omitempty"`
	// Image is the absolute http(s) URL of the article's picture, as the
	// page declares it (og:image) or the record gives it ("image").
	Image string `json:"image,omitempty"`

	// Inferred lists the metadata fields Dossier had to guess because the
	// input did not carry them: any of "id", "title", "published", "source",
	// "lang".
	Inferred []string `json:"inferred,omitempty"`
	// Origin names where the article came from: a file path (with line for
	// JSONL), a URL, or "-" for stdin.
	Origin string `json:"origin,omitempty"`
	// Hash is a hex digest of the normalised text, used to recognise the
	// same article ingested again under another id.
	Hash string `json:"hash,omitempty"`

	// Set by clustering and the store.
	Event       string `json:"event,omitempty"`
	DuplicateOf string `json:"duplicate_of,omitempty"` // near-duplicate (syndicated copy) of this article id
}

// OutletOf names the outlet of an article URL as Dossier names outlets everywhere: its
// host, lower-cased, without "www." ("" when the URL has none). Feeds, pages and JSONL
// records of one outlet so count as one when sources are weighed.
func OutletOf(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// IsInferred reports whether field was guessed rather than given.
func (a *Article) IsInferred(field string) bool {
	for _, f := range a.Inferred {
		if f == field {
			return true
		}
	}
	return false
}

// EntityType is the kind of a named entity.
type EntityType string

// Entity types.
const (
	Person EntityType = "person"
	Org    EntityType = "org"
	Place  EntityType = "place"
	Misc   EntityType = "misc"
)

// Mention is one occurrence of a named entity in an article.
type Mention struct {
	Text   string     `json:"text"`
	Start  int        `json:"start"`
	End    int        `json:"end"`
	Type   EntityType `json:"type"`
	Entity string     `json:"entity"` // key of the canonical Entity it refers to
}

// Entity is one canonical actor (person, organisation, place) with every
// name it was seen under.
type Entity struct {
	ID       string         `json:"id"` // stable key, e.g. "person:antony-blinken"
	Name     string         `json:"name"`
	Type     EntityType     `json:"type"`
	Aliases  []string       `json:"aliases,omitempty"`
	Mentions map[string]int `json:"mentions,omitempty"` // article id → mention count
}

// GeoPlace is a place resolved to a gazetteer entry.
type GeoPlace struct {
	Name    string  `json:"name"`    // canonical gazetteer name
	Text    string  `json:"text"`    // as written in the article
	Country string  `json:"country"` // ISO 3166-1 alpha-2
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Kind    string  `json:"kind,omitempty"` // "city", "country", "region"
	// Region is the gazetteer's first-level region code within Country
	// (US: the state's postal code); Population is the place's, as the
	// gazetteer has it. Both are 0 or "" when unknown.
	Region     string `json:"region,omitempty"`
	Population int    `json:"population,omitempty"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Count      int    `json:"count,omitempty"` // mentions, when aggregated
}

// DateMention is a date or time expression resolved to a calendar date.
type DateMention struct {
	Date     string `json:"date"` // YYYY-MM-DD
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Relative bool   `json:"relative,omitempty"` // resolved against the publication date
	// Granularity is "day", "month" or "year"; for month and year Date is
	// the first day of the period.
	Granularity string `json:"granularity,omitempty"`
}

// Figure is a number with what it counts.
type Figure struct {
	Value  float64 `json:"value"`
	Max    float64 `json:"max,omitempty"`    // upper bound of a range ("200 to 300")
	Counts string  `json:"counts,omitempty"` // the thing counted, e.g. "troops"
	Where  string  `json:"where,omitempty"`
	Text   string  `json:"text"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
}

// Quote is something a speaker said, directly or reported.
type Quote struct {
	Speaker string `json:"speaker"`          // canonical name when resolved
	Entity  string `json:"entity,omitempty"` // entity key of the speaker
	// Role is what the article calls the speaker where it names them:
	// "Sen.", "the mayor of the town".
	Role     string `json:"role,omitempty"`
	Text     string `json:"text"`
	Article  string `json:"article"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Indirect bool   `json:"indirect,omitempty"`
}

// Span is a byte range of Article.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Analysis is everything extracted from one article.
type Analysis struct {
	Article   string     `json:"article"`
	Lang      string     `json:"lang"`
	Sentences []Span     `json:"sentences,omitempty"`
	Mentions  []Mention  `json:"mentions,omitempty"`
	Entities  []Entity   `json:"entities,omitempty"` // canonical entities of this article
	Places    []GeoPlace `json:"places,omitempty"`
	// TitlePlaces are the places the headline names (offsets into the
	// title): where the event happened, more often than the text's
	// first place.
	TitlePlaces []GeoPlace    `json:"title_places,omitempty"`
	Dates       []DateMention `json:"dates,omitempty"`
	Figures     []Figure      `json:"figures,omitempty"`
	// TitleFigures are the tolls the headline gives ("Four hurt in
	// shooting"), offsets into its own words (Text).
	TitleFigures []Figure `json:"title_figures,omitempty"`
	Quotes       []Quote  `json:"quotes,omitempty"`
	// Outlet is the place the outlet's host name names ("buffalonews.com":
	// Buffalo), nil when none: where a local outlet's story most likely
	// happened when its text names no place.
	Outlet *GeoPlace `json:"outlet,omitempty"`
}

// Claim statuses.
const (
	Corroborated = "corroborated"
	Single       = "single"
	Conflicting  = "conflicting"
)

// Claim is a statement made by one or more articles of an event.
type Claim struct {
	Text    string   `json:"text"`
	Status  string   `json:"status"`  // Corroborated, Single or Conflicting
	Sources []string `json:"sources"` // article ids that make the claim
	Outlets []string `json:"outlets"` // independent outlets (syndicated copies count once)
	Slot    string   `json:"slot,omitempty"`
	// Kind tells, for a conflicting claim, whether its values are an
	// update (a toll that rose between earlier and later reports: the later
	// value supersedes) or a conflict (sources disagreeing at about the same
	// time, or a count that fell). Empty for other claims.
	Kind string `json:"kind,omitempty"`
	// Values lists, for a conflicting claim, each competing value and the
	// articles that give it.
	Values []ClaimValue `json:"values,omitempty"`
}

// Kinds of disagreement of a conflicting claim (Claim.Kind).
const (
	KindUpdate   = "update"
	KindConflict = "conflict"
)

// ClaimValue is one side of a conflict.
type ClaimValue struct {
	Value   string   `json:"value"`
	Sources []string `json:"sources"`
	Outlets []string `json:"outlets"`
	// First is when the earliest of Sources was published.
	First time.Time `json:"first,omitzero"`
}

// SummarySentence is one sentence of an event summary with its citations.
type SummarySentence struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"` // article ids
}

// Coverage is one outlet's reporting of an event.
type Coverage struct {
	Outlet    string    `json:"outlet"`
	Articles  []string  `json:"articles"`
	FirstSeen time.Time `json:"first_seen"`
	Claims    int       `json:"claims"`
}

// DateRange is an inclusive range of calendar dates (YYYY-MM-DD).
type DateRange struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Related links an event to another of the same storyline.
type Related struct {
	Event  string  `json:"event"`
	Title  string  `json:"title,omitempty"`
	Score  float64 `json:"score"`
	Reason string  `json:"reason,omitempty"` // e.g. "shared actors: X, Y"
}

// Event is one happening, reported by one or more articles.
type Event struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Articles []string  `json:"articles"` // article ids, in publication order
	First    time.Time `json:"first"`    // first publication
	Last     time.Time `json:"last"`     // last publication
	Sources  []string  `json:"sources"`  // outlets
	Langs    []string  `json:"langs,omitempty"`
	// Lead is the sentence a list shows under the title: the first
	// sentence of the summary.
	Lead string `json:"lead,omitempty"`
	// Image is the picture a list shows: that of the earliest article
	// that has one (Article.Image).
	Image string `json:"image,omitempty"`

	// The reconciled dossier; empty until reconcile has run.
	When     DateRange         `json:"when"`
	Where    []GeoPlace        `json:"where"`
	Entities []Entity          `json:"entities"`
	Places   []GeoPlace        `json:"places"`
	Dates    []DateMention     `json:"dates"`
	Figures  []Figure          `json:"figures"`
	Quotes   []Quote           `json:"quotes"`
	Claims   []Claim           `json:"claims"`
	Summary  []SummarySentence `json:"summary"`
	Coverage []Coverage        `json:"coverage,omitempty"`
	Related  []Related         `json:"related"`
}
