package extract

// unitForms lists measure units per language as base forms, and
// unitSuffixes the endings each language inflects them with ("Liter" →
// "Litern", "tonne" → "tonnes", "barril" → "barriles"). A number before
// a unit is a quantity: "2000 Litern" is no year.
var unitForms = map[string][]string{
	"en": {"liter", "litre", "ton", "tonne", "kilometer", "kilometre", "meter", "metre", "mile", "foot", "feet", "inch",
		"yard", "gallon", "barrel", "acre", "hectare", "kilogram", "kilo", "gram", "pound", "ounce", "megawatt", "gigawatt",
		"kilowatt", "degree", "square", "cubic"},
	"de": {"liter", "tonne", "kilometer", "meter", "zentimeter", "millimeter", "kubikmeter", "quadratkilometer", "quadratmeter",
		"hektar", "kilogramm", "kilo", "gramm", "barrel", "gallone", "megawatt", "gigawatt", "kilowatt", "grad", "meile"},
	"fr": {"litre", "tonne", "kilometre", "metre", "centimetre", "millimetre", "hectare", "kilogramme", "kilo", "gramme",
		"baril", "megawatt", "gigawatt", "degre"},
	"es": {"litro", "tonelada", "kilometro", "metro", "centimetro", "milimetro", "hectarea", "kilogramo", "kilo", "gramo",
		"barril", "megavatio", "grado", "milla"},
	"nl": {"liter", "ton", "kilometer", "meter", "centimeter", "millimeter", "hectare", "kilogram", "kilo", "gram",
		"vat", "megawatt", "graad", "mijl"},
}

var unitSuffixes = map[string][]string{
	"en": {"", "s", "es"},
	"de": {"", "n", "s", "e", "en", "ern"},
	"fr": {"", "s"},
	"es": {"", "s", "es"},
	"nl": {"", "s", "en", "nen"},
}

// unitAbbrevs are unit symbols, which a number may have glued to it
// ("500km", "20kg"). "m", "t" and "l" are left out: "m" is a million
// ("€40m") and a lone letter is too often something else.
var unitAbbrevs = set("km", "kg", "mm", "cm", "ha", "mph", "kmh", "mw", "gw", "kw", "kwh", "mwh", "gwh", "ml", "hl",
	"km2", "m2", "m3", "ft", "lb", "lbs", "oz", "bbl")

// units holds every inflected unit form and symbol, folded.
var units = func() map[string]bool {
	m := map[string]bool{}
	for lang, forms := range unitForms {
		for _, f := range forms {
			for _, s := range unitSuffixes[lang] {
				m[f+s] = true
			}
		}
	}
	for w := range unitAbbrevs {
		m[w] = true
	}
	return m
}()

// isUnit reports whether a folded word is a measure unit in any language
// the extractor reads.
func isUnit(f string) bool { return units[f] }
