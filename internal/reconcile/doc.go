// Package reconcile turns one event's articles and their analyses into a
// dossier: the claims the sources make (corroborated by independent outlets,
// reported by one outlet only, or in conflict), the event's canonical facts
// (who, what, when, where), a cited extractive summary, per-outlet coverage
// and storyline links to related events. It sits after cluster and before
// store in the pipeline: ingest → extract → cluster → reconcile → store → web.
//
// Everything here is deterministic and works on news types only, so the
// pipeline can rebuild an event's dossier whenever a batch touches it.
//
// Claims are sentences. Two sentences of different articles state the same
// claim when they share enough weighted features (canonical entities, places,
// numbers, dates and content-word stems; weights are inverse frequencies
// within the event), which also aligns translations that share names and
// numbers but little wording. Sentences that agree on everything but one slot
// (a figure of the same kind, a single date, a single place, a single person)
// align as a conflict on that slot. Candidate pairs come from an inverted
// index over features, never from all sentence pairs, so Build stays
// near-linear in the number of sentences.
//
// Wiring: the pipeline calls Build for each event a batch touched (with
// all of the event's articles and their analyses, e.g. from
// store.EventArticles), then Related with the events of nearby dates (e.g.
// store.EventsBetween(First-7d, Last+7d)), sets the result on
// Event.Related and stores the links. Report and Markdown render a built
// event; they number citations in Event.Articles order.
package reconcile
