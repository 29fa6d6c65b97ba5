package extract

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// numberWords are written-out numbers (folded) in English, German, French
// and Spanish. Multipliers are in scaleWords.
var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "a": 1, "an": 1,
	"zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
	"zwolf": 12, "zwanzig": 20, "dreissig": 30, "vierzig": 40, "funfzig": 50, "hundert": 100, "tausend": 1000,
	"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
	"douze": 12, "cents": 100, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100, "mille": 1000,
	"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
	"doce": 12, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100, "cientos": 100, "mil": 1000,
}

// weakNumberWords count only when a multiplier follows ("a dozen", "one
// million"), since alone they are articles or pronouns.
var weakNumberWords = set("a", "an", "one", "six", "elf", "sept", "tres", "mil", "cent", "onze", "neuf", "huit")

var scaleWords = map[string]float64{
	"hundred": 100, "hundreds": 100, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
	"billions": 1e9, "trillion": 1e12, "dozen": 12, "dozens": 12, "bn": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3,
	"hundert": 100, "tausend": 1e3, "million ": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
	"mille": 1e3, "milliers": 1e3, "milliard": 1e9, "milliards": 1e9, "cent": 100, "cents": 100, "centaines": 100,
	"mil": 1e3, "millon": 1e6, "millones": 1e6, "cien": 100, "cientos": 100,
}

var fractions = set("third", "thirds", "quarter", "quarters", "half", "halves", "fifth", "fifths", "drittel", "viertel",
	"halfte", "hälfte", "tiers", "quart", "quarts", "moitie", "moitié", "tercio", "tercios", "cuarto", "cuartos", "mitad")

var percentWords = set("percent", "per cent", "prozent", "pour cent", "por ciento", "pct")

var currencyAfter = map[string]string{
	"dollars": "dollars", "dollar": "dollars", "usd": "dollars", "euros": "euros", "euro": "euros", "eur": "euros",
	"pounds": "pounds", "gbp": "pounds", "dolares": "dollars",
}

var rangeWords = set("to", "bis", "a", "à", "-", "–", "and", "und", "et", "y", "or", "oder", "ou")

// places prepositions before a figure's place.
var wherePreps = set("in", "im", "en", "a", "au", "aux", "dans", "across", "inside", "near", "at")

// parseNumber reads a number written with digits in the conventions of
// lang: "2,500" and "1.5" in English, "2.500" and "1,5" in German, French
// and Spanish.
func parseNumber(s, lang string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	comma, dot := strings.Count(s, ","), strings.Count(s, ".")
	decimalComma := lang != "en" && lang != ""
	var clean string
	switch {
	case comma > 0 && dot > 0:
		if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
			clean = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		} else {
			clean = strings.ReplaceAll(s, ",", "")
		}
	case comma > 1:
		clean = strings.ReplaceAll(s, ",", "")
	case dot > 1:
		clean = strings.ReplaceAll(s, ".", "")
	case comma == 1:
		after := len(s) - strings.IndexByte(s, ',') - 1
		if !decimalComma && after == 3 {
			clean = strings.ReplaceAll(s, ",", "")
		} else {
			clean = strings.ReplaceAll(s, ",", ".")
		}
	case dot == 1:
		after := len(s) - strings.IndexByte(s, '.') - 1
		if decimalComma && after == 3 {
			clean = strings.ReplaceAll(s, ".", "")
		} else {
			clean = s
		}
	default:
		clean = s
	}
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// numAt reads a number starting at token i: digits (with French space
// grouping "2 500"), or number words ("two dozen", "three hundred",
// "twenty-five"), followed by multipliers ("1.5 million"). It returns the
// value and the index after the last token used.
func (d *doc) numAt(i int) (float64, int, bool) {
	toks, text := d.toks, d.text
	t := &toks[i]
	var v float64
	j := i
	switch t.Kind {
	case tNum:
		raw := text[t.Start:t.End]
		// "2 500" (French, Russian) and "2 500" with a no-break space.
		for j+1 < len(toks) && toks[j+1].Kind == tNum && toks[j+1].End-toks[j+1].Start == 3 && len(raw) <= 3 &&
			(d.lang == "fr" || d.lang == "ru" || strings.Contains(text[toks[j].End:toks[j+1].Start], "\u00a0") || strings.Contains(text[toks[j].End:toks[j+1].Start], "\u202f")) {
			gap := text[toks[j].End:toks[j+1].Start]
			if gap != " " && gap != "\u00a0" && gap != "\u202f" {
				break
			}
			raw += text[toks[j+1].Start:toks[j+1].End]
			j++
		}
		n, ok := parseNumber(raw, d.lang)
		if !ok {
			return 0, i, false
		}
		v = n
		j++
	case tWord:
		f := t.Fold
		parts := strings.Fields(f) // "twenty five" from "twenty-five"
		sum := 0.0
		for _, p := range parts {
			n, ok := numberWords[p]
			if !ok {
				return 0, i, false
			}
			sum += n
		}
		v = sum
		j++
		if len(parts) == 1 && weakNumberWords[f] {
			if j >= len(toks) {
				return 0, i, false
			}
			if _, ok := scaleWords[toks[j].Fold]; !ok {
				return 0, i, false
			}
		}
	default:
		return 0, i, false
	}
	// Multipliers: "1.5 million", "two dozen", "three hundred thousand", "3bn".
	for j < len(toks) && toks[j].Kind == tWord {
		f := toks[j].Fold
		m, ok := scaleWords[f]
		if !ok {
			break
		}
		if (f == "m" || f == "k" || f == "bn" || f == "mn") && toks[j].Start != toks[j-1].End {
			break
		}
		if f == "mil" && j+1 < len(toks) && (toks[j+1].Fold == "millones") {
			m = 1e9
			j++
		}
		if v < 1000 || m > v {
			v *= m
		} else {
			break
		}
		j++
	}
	return v, j, true
}

// figures finds numbers with what they count and where.
func (a *Analyzer) figures(d *doc, places []news.GeoPlace) []news.Figure {
	toks, text := d.toks, d.text
	dates := dateSpansOf(d)
	placeAt := map[int]string{}
	for _, m := range d.ms {
		if m.Type == news.Place {
			placeAt[m.Start] = m.Text
		}
	}
	mentionStart := map[int]int{}
	for i, m := range d.ms {
		mentionStart[m.Start] = i
	}
	var out []news.Figure
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != tNum && !(t.Kind == tWord && isNumberWord(t.Fold)) {
			continue
		}
		if dates.covers(t.Start) || d.skipNumber(i) || d.isAge(i) {
			continue // an age ("a 17-year-old") is not a count
		}
		// "the two men": a definite article makes a small written number a reference, not a count.
		if t.Kind == tWord && i > 0 && (toks[i-1].Fold == "the" || toks[i-1].Fold == "die" || toks[i-1].Fold == "les" || toks[i-1].Fold == "los" || toks[i-1].Fold == "las") {
			if v, _, _ := d.numAt(i); v < 10 {
				continue
			}
		}
		start := t.Start
		// "between 10 and 12", "zwischen", "entre"
		between := i > 0 && (toks[i-1].Fold == "between" || toks[i-1].Fold == "zwischen" || toks[i-1].Fold == "entre")
		v, j, ok := d.numAt(i)
		if !ok || d.nameNumber(i, j) {
			continue // "Apollo 11", "Boeing 737": a number of a name
		}
		f := news.Figure{Value: v}
		counts := ""
		// Currency before: "$3 billion", "€40m", "US$".
		if i > 0 && toks[i-1].End == t.Start {
			switch text[toks[i-1].Start:toks[i-1].End] {
			case "$":
				counts, start = "dollars", toks[i-1].Start
				if i > 1 && toks[i-2].End == toks[i-1].Start && toks[i-2].Fold == "us" {
					start = toks[i-2].Start
				}
			case "€":
				counts, start = "euros", toks[i-1].Start
			case "£":
				counts, start = "pounds", toks[i-1].Start
			}
		}
		if between {
			start = toks[i-1].Start
		}
		end := toks[j-1].End
		// Range.
		if j+1 < len(toks) && (rangeWords[toks[j].Fold] || (toks[j].Kind == tPunct && rangeWords[text[toks[j].Start:toks[j].End]])) {
			connector := toks[j].Fold
			if toks[j].Kind == tPunct {
				connector = text[toks[j].Start:toks[j].End]
			}
			isAnd := connector == "and" || connector == "und" || connector == "et" || connector == "y"
			isOr := connector == "or" || connector == "oder" || connector == "ou"
			if (!isAnd || between) && !(isOr && false) {
				k := j + 1
				if k < len(toks) && toks[k].Kind == tPunct && (text[toks[k].Start] == '$' || text[toks[k].Start] == '\xe2') {
					k++
				}
				if k < len(toks) && (toks[k].Kind == tNum || isNumberWord(toks[k].Fold)) && !dates.covers(toks[k].Start) {
					if mx, j2, ok := d.numAt(k); ok && mx > v {
						// "1.5 to 2 million": the multiplier of the max applies to the min.
						if v < mx/1000 && mx >= 1000 && j2-k > 1 {
							sc := mx / rawValue(d, k)
							v *= sc
							f.Value = v
						}
						f.Max = mx
						j = j2
						end = toks[j-1].End
					}
				}
			}
		}
		// Percent and currency after.
		if j < len(toks) {
			nf := toks[j].Fold
			two := ""
			if j+1 < len(toks) {
				two = nf + " " + toks[j+1].Fold
			}
			switch {
			case toks[j].Kind == tPunct && text[toks[j].Start] == '%':
				counts, end, j = "percent", toks[j].End, j+1
			case percentWords[two]:
				counts, end, j = "percent", toks[j+1].End, j+2
			case percentWords[nf]:
				counts, end, j = "percent", toks[j].End, j+1
			case currencyAfter[nf] != "":
				counts, end, j = currencyAfter[nf], toks[j].End, j+1
			}
		}
		// "30-day", "5-year": the unit glued on with a hyphen.
		if counts == "" && j+1 < len(toks) && toks[j].Start == toks[j-1].End && text[toks[j].Start] == '-' &&
			toks[j+1].Kind == tWord && toks[j+1].Start == toks[j].End {
			counts, end, j = strings.ToLower(text[toks[j+1].Start:toks[j+1].End]), toks[j+1].End, j+2
		}
		// The thing counted.
		if counts == "" {
			var words []int
			k := j
			if k < len(toks) && (toks[k].Fold == "of" || toks[k].Fold == "de" || toks[k].Fold == "d") && k+1 < len(toks) {
				k++
			}
			for k < len(toks) && len(words) < 3 && toks[k].Sent == t.Sent {
				if toks[k].Kind == tPunct && text[toks[k].Start] == '-' && k > 0 && toks[k-1].End == toks[k].Start &&
					k+1 < len(toks) && toks[k+1].Start == toks[k].End && toks[k+1].Kind == tWord {
					k++ // "US-Soldaten": the hyphen of a compound
					continue
				}
				if toks[k].Kind != tWord {
					break
				}
				f := toks[k].Fold
				capital := d.isCapWord(k)
				if _, dem := demonyms[f]; dem && (capital || d.lang != "en") {
					k++ // "US troops", "American soldiers"
					continue
				}
				if stop[f] || speechVerbs[f] || wherePreps[f] || calendar[f] {
					break
				}
				if capital && d.lang != "de" {
					if _, ok := mentionStart[toks[k].Start]; ok || lex.IsAcronym(text[toks[k].Start:toks[k].End]) {
						k = firstTokAt(toks, mentionEnd(d, toks[k].Start, toks[k].End))
						continue
					}
					break
				}
				words = append(words, k)
				if d.lang == "de" && capital {
					break // the noun: what follows is the verb
				}
				k++
			}
			if len(words) > 0 {
				head := words[0]
				switch d.lang {
				case "de":
					head = words[len(words)-1]
				case "fr", "es", "it", "pt":
				default:
					// English: the first plural noun ("troops", "miles northeast"), else the first word.
					for _, w := range words {
						if f := toks[w].Fold; strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") {
							head = w
							break
						}
					}
				}
				hs := head
				for hs >= 2 && toks[hs-1].Kind == tPunct && text[toks[hs-1].Start] == '-' &&
					toks[hs-1].Start == toks[hs-2].End && toks[hs].Start == toks[hs-1].End && toks[hs-2].Kind == tWord {
					hs -= 2 // keep the compound whole: "US-Soldaten"
				}
				counts = strings.ToLower(text[toks[hs].Start:toks[head].End])
				if d.lang == "de" {
					counts = text[toks[hs].Start:toks[head].End]
				}
				end = toks[head].End
				j = head + 1
			}
		}
		if strings.EqualFold(counts, "block") {
			continue // "the 4000 block of Elm Street": an address
		}
		if fractions[strings.ToLower(counts)] {
			continue // "two thirds", "zwei Drittel": a share, not a count
		}
		if counts == "" && f.Max == 0 {
			// "300 soldiers in Mali and 120 in Niger": a bare number
			// right after a figure of the sentence counts the same thing.
			counts = d.sharedNoun(out, i, j)
		}
		if counts == "" && j-i < 2 && f.Max == 0 {
			continue // a bare number: nothing to say what it counts
		}
		f.Counts = counts
		// Where: "in Iraq" within the next few words of the sentence.
		for k := j; k < len(toks) && k < j+6 && toks[k].Sent == t.Sent; k++ {
			if wherePreps[toks[k].Fold] && k+1 < len(toks) {
				n := k + 1
				if n < len(toks) && (toks[n].Fold == "the" || toks[n].Fold == "der" || toks[n].Fold == "le" || toks[n].Fold == "la" || toks[n].Fold == "el") {
					n++
				}
				if n < len(toks) {
					if p, ok := placeAt[toks[n].Start]; ok {
						f.Where = p
					}
				}
				break
			}
			if toks[k].Kind == tPunct {
				break
			}
		}
		f.Start, f.End = start, end
		f.Text = text[start:end]
		out = append(out, f)
		if j-1 > i {
			i = j - 1
		}
	}
	return withTolls(out, d.tollFigures(d.tolls()))
}

// withTolls adds the toll figures to figs, in text order, dropping the
// figures they overlap: "two people were killed" is 2 killed, not 2
// people.
func withTolls(figs, tolls []news.Figure) []news.Figure {
	if len(tolls) == 0 {
		return figs
	}
	out := make([]news.Figure, 0, len(figs)+len(tolls))
	for _, f := range figs {
		over := false
		for _, t := range tolls {
			if f.Start < t.End && t.Start < f.End {
				over = true
				break
			}
		}
		if !over {
			out = append(out, f)
		}
	}
	out = append(out, tolls...)
	slices.SortStableFunc(out, func(a, b news.Figure) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// sharedNoun returns what the last figure of figs counts when it is in
// the sentence of token i, a few words before it, and only "and", "but",
// "while", a comma or a place stand between: the bare number at i counts
// the same thing. j is the index after the number.
func (d *doc) sharedNoun(figs []news.Figure, i, j int) string {
	if len(figs) == 0 || figs[len(figs)-1].Counts == "" {
		return ""
	}
	prev := figs[len(figs)-1]
	toks := d.toks
	k := firstTokAt(toks, prev.End)
	if k >= i || toks[k].Sent != toks[i].Sent || i-k > 8 {
		return ""
	}
	joined := false
	for ; k < i; k++ {
		f := toks[k].Fold
		switch {
		case f == "and" || f == "but" || f == "while" || f == "whereas":
			joined = true
		case d.isComma(k), wherePreps[f], f == "the", toks[k].Kind == tWord && d.isCapWord(k):
		default:
			return ""
		}
	}
	// The number must stand alone: "120 in Niger", "120.", not "120 tanks".
	if j < len(toks) && toks[j].Sent == toks[i].Sent && toks[j].Kind == tWord && !wherePreps[toks[j].Fold] && !stop[toks[j].Fold] {
		return ""
	}
	if !joined {
		return ""
	}
	return prev.Counts
}

// mentionEnd returns the end of the mention starting at start, or end.
func mentionEnd(d *doc, start, end int) int {
	for _, m := range d.ms {
		if m.Start == start {
			return m.End
		}
	}
	return end
}

func rawValue(d *doc, k int) float64 {
	v, _, _ := d.numAtNoScale(k)
	if v == 0 {
		return 1
	}
	return v
}

func (d *doc) numAtNoScale(k int) (float64, int, bool) {
	t := &d.toks[k]
	if t.Kind == tNum {
		v, ok := parseNumber(d.text[t.Start:t.End], d.lang)
		return v, k + 1, ok
	}
	v, ok := numberWords[t.Fold]
	return v, k + 1, ok
}

func isNumberWord(f string) bool {
	for _, p := range strings.Fields(f) {
		if _, ok := numberWords[p]; !ok {
			return false
		}
	}
	return f != ""
}

func (d *doc) isCapWord(k int) bool {
	r := firstRune(d.text[d.toks[k].Start:])
	return r >= 'A' && r <= 'Z' || (r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r))
}

// skipNumber reports numbers that are not figures: years, clock times,
// parts of names ("F-16", "G7", "COVID-19"), ordinals, day numbers next
// to a month name.
func (d *doc) skipNumber(i int) bool {
	toks, text := d.toks, d.text
	t := &toks[i]
	if t.Kind != tNum {
		return false
	}
	raw := text[t.Start:t.End]
	if len(raw) > 1 && raw[0] == '0' && (len(raw) < 2 || raw[1] != '.' && raw[1] != ',') {
		return true // "000" of a split "17 , 000", "00" of "7:00", "007"
	}
	// Glued to a word before ("G7", "F-16", "COVID-19").
	if i > 0 && toks[i-1].End == t.Start {
		p := &toks[i-1]
		if p.Kind == tWord {
			return true
		}
		if p.Kind == tPunct && (text[p.Start] == '-' || text[p.Start] == '/') && i > 1 && toks[i-2].End == p.Start && toks[i-2].Kind == tWord {
			return true
		}
		if p.Kind == tPunct && text[p.Start] == ':' {
			return true
		}
	}
	if i+1 < len(toks) {
		n := &toks[i+1]
		if n.Start == t.End {
			if n.Kind == tPunct && (text[n.Start] == ':' || text[n.Start] == '/') && i+2 < len(toks) && toks[i+2].Kind == tNum {
				return true
			}
			if n.Kind == tWord && !unitAbbrevs[n.Fold] {
				if _, scale := scaleWords[n.Fold]; !scale {
					return true // "13th", "76ers", "5G", "10am"; not "500km"
				}
			}
			if n.Kind == tPunct && text[n.Start] == '.' && d.lang != "en" && i+2 < len(toks) && calendar[toks[i+2].Fold] {
				return true // "13. Dezember"
			}
		}
		switch n.Fold {
		case "a m", "p m", "am", "pm", "uhr", "h", "gmt", "utc":
			return true
		}
		if calendar[n.Fold] {
			return true
		}
	}
	if i > 0 && calendar[toks[i-1].Fold] {
		return true
	}
	// A year: four digits 1900–2100 unless a multiplier, a unit or percent
	// follows ("2000 Litern").
	if len(raw) == 4 {
		if y, err := strconv.Atoi(raw); err == nil && y >= 1900 && y <= 2100 {
			if i+1 < len(toks) {
				if _, ok := scaleWords[toks[i+1].Fold]; ok || isUnit(toks[i+1].Fold) {
					return false
				}
				if text[toks[i+1].Start] == '%' {
					return false
				}
			}
			return true
		}
	}
	return false
}

// dateSpans lists the byte ranges timex claimed.
type dateSpans []news.Span

func (s dateSpans) covers(off int) bool {
	for _, x := range s {
		if off >= x.Start && off < x.End {
			return true
		}
	}
	return false
}

// dateSpansOf returns the date expression spans of the article being analysed.
func dateSpansOf(d *doc) dateSpans {
	var out dateSpans
	for _, m := range d.dates {
		out = append(out, news.Span{Start: m.Start, End: m.End})
	}
	return out
}
