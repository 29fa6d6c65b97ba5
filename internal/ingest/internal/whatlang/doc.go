// Package whatlang is Dossier's copy of github.com/abadojack/whatlanggo
// v1.0.1 (MIT, see LICENSE): trigram language identification, used by
// ingest.DetectLang on every article that does not declare its language.
//
// It was copied to make it several times faster with the same answers:
// trigrams are counted and looked up as rune triples instead of one new
// string per trigram occurrence, ASCII runes skip the per-script Unicode
// table checks, and the profiles are converted once. Languages are scored
// in a fixed order, so ties (rare on real text) no longer resolve at
// random as upstream's map iteration made them. The tests compare every
// answer with upstream's algorithm as written (TestDetectMatchesReference,
// FuzzDetect) and with the upstream module itself.
package whatlang
