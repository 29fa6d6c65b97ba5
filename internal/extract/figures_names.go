package extract

import "strings"

// nameNumber reports whether the number at token i, whose reading ends
// before token j, is part of a name: it follows a capitalised word of a
// name with a space ("Apollo 11", "Boeing 737", "Highway 101", "Windows
// 11") and no counted noun follows it. A number glued to a name ("G7",
// "F-16") skipNumber has already set aside.
func (d *doc) nameNumber(i, j int) bool {
	toks := d.toks
	if i == 0 || toks[i].Kind != tNum {
		return false
	}
	p := &toks[i-1]
	if p.Kind != tWord || p.Sent != toks[i].Sent || p.End == toks[i].Start || stop[p.Fold] || calendar[p.Fold] {
		return false
	}
	if p.Sent < len(d.headline) && d.headline[p.Sent] {
		return false // "Storm Kills 12 In Ohio": every word of a Title Case line is capitalised
	}
	// The word before is a name: a mention of the article, or, where only
	// names are capitalised, a capitalised word inside a sentence.
	if !d.inName(i-1) && (p.Initial || d.lang == "de" || !d.isCapWord(i-1)) {
		return false
	}
	return !d.countedNext(j)
}

// inName reports whether token k lies inside a name the article
// mentions, of any type.
func (d *doc) inName(k int) bool {
	t := &d.toks[k]
	for _, m := range d.ms {
		if m.Start <= t.Start && t.End <= m.End {
			return true
		}
	}
	return false
}

// countedNext reports whether token j says what a number before it
// counts or measures: a percent sign or word, a currency, a multiplier,
// a unit, or a plural noun ("11 astronauts"; in German any noun, "300
// Soldaten").
func (d *doc) countedNext(j int) bool {
	toks := d.toks
	if j >= len(toks) || toks[j].Sent != toks[j-1].Sent {
		return false
	}
	t := &toks[j]
	if t.Kind == tPunct {
		c := d.text[t.Start]
		return c == '%' || c == '-' && t.Start == toks[j-1].End // "30-day"
	}
	if t.Kind != tWord {
		return false
	}
	f := t.Fold
	if _, ok := scaleWords[f]; ok || percentWords[f] || currencyAfter[f] != "" || isUnit(f) {
		return true
	}
	if stop[f] || speechVerbs[f] {
		return false
	}
	switch d.lang {
	case "de":
		return d.isCapWord(j)
	case "en", "fr", "es", "pt", "nl":
		return strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") || strings.HasSuffix(f, "x") || d.lang == "en" && irregularPlurals[f]
	}
	return true // a language whose plurals this does not know: keep the figure
}

// irregularPlurals are English plural nouns without a final s that often
// follow a count.
var irregularPlurals = set("people", "men", "women", "children", "police", "feet", "mice", "geese", "teeth", "personnel", "cattle", "staff")
