// Package lex is the one place where Dossier decides what a word is and
// when two words are the same: case and accent folding, splitting text
// into words, stop words per language, stemming and the shape of an
// acronym. Every stage (extract, cluster, reconcile, store, eval, geo)
// uses these functions rather than rules of its own, so that a name folded
// by the extractor is the name the store indexes and the clusterer counts.
//
// Folding comes in three named variants, because callers need three:
// Fold (lower case, accents off, everything else kept), FoldName (the key
// names are compared by: also transliterates Cyrillic and turns
// punctuation into single spaces) and FoldSearch (the rule the full-text
// index was built with, which existing databases depend on). All three
// share the letter tables below.
package lex
