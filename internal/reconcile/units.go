package reconcile

import (
	"slices"
	"strings"
)

// amountClass is the figure class of a measured quantity of some stuff: a
// volume or a mass ("2,000 litres", "zehn Tonnen"). Sources estimating how
// much of something spilled, burned or was seized may give it in either, so
// volumes and masses share one slot: the values are shown side by side, each
// in its own unit, and never converted into each other (that would take a
// density the text does not give).
const amountClass = "amount"

// unit is a unit word normalised: the base unit of its dimension and the
// factor that converts a value into it.
type unit struct {
	base   string // "litres" or "tonnes"
	factor float64
}

// units maps folded unit words of the languages the pipeline reads to
// their base unit. The list is the general vocabulary of measures, not any
// article's.
var units = func() map[string]unit {
	m := map[string]unit{}
	add := func(base string, factor float64, ws string) {
		for _, w := range strings.Fields(ws) {
			m[w] = unit{base: base, factor: factor}
		}
	}
	add("litres", 1, `litre litres liter liters litern litro litros`)
	add("litres", 1000, `m3 kubikmeter kubikmetern`)
	add("litres", 3.785411784, `gallon gallons gallone gallonen galon galones`)
	add("litres", 158.987294928, `barrel barrels barils baril barril barriles`)
	add("litres", 1e6, `megalitres megaliters`)
	add("tonnes", 1, `tonne tonnes ton tons tonnen tonelada toneladas`)
	add("tonnes", 0.001, `kg kilogram kilograms kilogramme kilogrammes kilo kilos kilogramm kilogrammen`)
	add("tonnes", 1e-6, `gram grams gramme grammes gramm gramos`)
	return m
}()

// cubic words turn a following length unit into a volume ("cubic metres",
// "mètres cubes").
var cubic = wordSet(`cubic cubes cube cubiques`)

// unitOf reads the unit that follows a number from the first words after
// it (already folded): "litres", "cubic metres", "metres cubes".
func unitOf(after []string) (unit, bool) {
	if len(after) == 0 {
		return unit{}, false
	}
	if u, ok := units[after[0]]; ok {
		return u, true
	}
	metre := func(w string) bool {
		return strings.HasPrefix(w, "metre") || strings.HasPrefix(w, "meter") || strings.HasPrefix(w, "metro")
	}
	if len(after) >= 2 && ((cubic[after[0]] && metre(after[1])) || (metre(after[0]) && cubic[after[1]])) {
		return unit{base: "litres", factor: 1000}, true
	}
	return unit{}, false
}

// asAmount makes fg an amount in u's base unit.
func asAmount(fg figure, u unit) figure {
	fg.class = amountClass
	fg.unit = u.base
	fg.lo *= u.factor
	fg.hi *= u.factor
	return fg
}

// foldAll folds each of ws.
func foldAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = fold(w)
	}
	return out
}

// attributions are the words by which a sentence says whose figure it
// gives: verbs of saying and estimating and "according to" in the
// pipeline's languages (folded).
var attributions = wordSet(`say says said put puts estimate estimates estimated according claim claims told
	reports reported insist insists
	sagt sagte sagten spricht sprach schatzt schatzte schatzen laut zufolge angaben nennt nannte
	dit disent declare estime estiment evoque evoquent selon affirme avance avancent
	dice dicen dijo segun estima estiman calcula`)

// contrasted reports whether a sentence gives figures from two sources
// ("The company says 2,000 litres; campaigners put it at ten tonnes"): it
// holds two attributions or more. Such a sentence reports a disagreement
// itself, so each of its values counts as given by its article.
func contrasted(s *sent) bool {
	n := 0
	for _, w := range words(fold(s.text)) {
		if attributions[w] {
			n++
		}
	}
	return n >= 2
}

// amountVotes returns the values a sentence gives for the amount slot:
// its one amount, or each distinct one when it contrasts sources.
func amountVotes(s *sent, fs []figure) []figure {
	if len(fs) == 1 {
		return fs
	}
	if !contrasted(s) {
		return nil
	}
	var out []figure
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(o figure) bool { return overlaps(o, f) }) {
			out = append(out, f)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
