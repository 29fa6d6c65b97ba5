package lex

import (
	"maps"
	"slices"
	"strings"
)

// Stop words are the function words of a language: articles, pronouns,
// prepositions, conjunctions, auxiliary and modal verbs, and the verbs of
// reporting that nearly every news sentence carries ("said", "according").
// They say nothing of what happened, so features, claim alignment and
// name boundaries leave them out. Keys are folded (Fold): "apres", "mas".
//
// The lists are Dossier's own: kljensen/snowball ships English, French and
// Spanish lists, but with accents, as functions that cannot be folded, and
// none for German.
//
// A word that is a function word in one language and a common content
// word in English ("war", German "was"; "man", German "one") is left out,
// because callers that do not know a text's language ask IsStop.
var stopLists = map[string]map[string]bool{
	"en": wordSet(`a about above after again against all almost also although am among amid an and another any are
aren't around across as at be became because been before being below between both but by can cannot could
did didn't do does doesn't doing don't down during each either else even ever every few for from further
get gets got had hadn't has hasn't have haven't having he he'd he'll her here here's hers herself him himself
his how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let like
many may me might more most much must my myself neither no nor not now of off often on once one only onto or other
ought our ours ourselves out over own per quite rather said same say says shall she should shouldn't since so some
still such than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those though through thus to told too toward towards under until up upon us very was wasn't
we we'd we'll we're we've were weren't what what's when where whether which while who whom whose why will with within without
won't would wouldn't yet you your yours yourself yourselves s t d ll re ve m according`),
	"fr": wordSet(`a au aux avait avant avec ce ces cette d dans de depuis des donc dont du elle elles en entre est et etre ete
il ils l la le les leur leurs lors mais nous on ont ou par pas pendant plus pour qu que qui quand quoi sa sans selon
ses son sont sur un une vous apres ainsi aussi deja encore tres`),
	"es": wordSet(`a al como con cuando cuyo del desde donde durante el en entre es esa ese esta estas este estos fue fueron
ha habia han hasta la las lo los mas o para pero por que quien se segun ser sin son su sus tambien tras un una unas unos y ya`),
	"de": wordSet(`aber als am an auch auf aus bei beim das dass dem den der des die diese dieser dieses durch ein eine einem
einen einer eines er es fur gegen hat haben hier ich ihr im ist kein keine laut mit nach nicht noch oder ohne seit sich
sie sind trotz uber um und unter vom von vor waren wahrend wegen wenn wie wir wurde wurden zu zum zur zwischen`),
}

func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}

// IsStopIn reports whether the folded word w is a stop word of language
// lang (an ISO 639-1 code: "en", "fr", "es", "de").
func IsStopIn(lang, w string) bool { return stopLists[lang][w] }

// IsStop reports whether the folded word w is a stop word of any language
// Dossier has a list for: for text whose language is not known, or mixed.
func IsStop(w string) bool { return anyStop[w] }

// anyStop is the union of stopLists.
var anyStop = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range stopLists {
		for w := range l {
			m[w] = true
		}
	}
	return m
}()

// StopWords returns the stop words of every language, sorted, for callers
// that build a larger set of their own on them.
func StopWords() []string {
	return slices.Sorted(maps.Keys(anyStop))
}
