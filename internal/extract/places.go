package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// placeRef is a place mention of a text, about to be resolved.
type placeRef struct {
	text       string
	start, end int
	in         []geo.Entry // qualifier readings, when this mention has one
	qual       bool        // this mention is itself another's qualifier
}

// placesWithTitle resolves the article's place mentions jointly: every place name
// of the article is context for the others (geo.ResolveRefs), and a
// region or country written after a name and a comma ("Pasadena, Calif.",
// "Denmark, S.C.", "Basel, Switzerland") is its container, which decides
// between namesakes. The container is itself a place of the article, so
// that a state is placed even when no town of it is known. Party tags
// ("D-Ore.", "R-Texas") and title abbreviations ("Sen.") are never places.
//
// The mentions of the article's text (d) and of its headline (title, nil
// when none) are resolved together, each context for the other; it
// returns each one's places, with offsets into its own text.
func (a *Analyzer) placesWithTitle(d, title *doc) (text, head []news.GeoPlace) {
	refs := a.placeRefs(d)
	var trefs []placeRef
	if title != nil {
		trefs = a.placeRefs(title)
	}
	if len(refs) == 0 && len(trefs) == 0 {
		return nil, nil
	}
	var gr []geo.Ref
	for _, r := range append(slices.Clip(refs), trefs...) {
		if r.qual {
			continue
		}
		gr = append(gr, geo.Ref{Name: r.text, In: r.in})
	}
	res := a.gaz.ResolveRefs(gr, d.lang)
	return a.resolved(refs, res), a.resolved(trefs, res)
}

// placeRefs lists the place mentions of a text, qualifiers included, in
// text order.
func (a *Analyzer) placeRefs(d *doc) []placeRef {
	var refs []placeRef
	covered := map[int]bool{} // start offsets of qualifiers already placed
	for _, m := range d.ms {
		if m.Type != news.Place && !a.placedName(d, m) && !a.dottedRegion(m.Text) || a.notPlace(d, m) {
			continue
		}
		// "Fla.", "Mo.": a state's abbreviation is the state, never a
		// namesake town.
		if m.End < len(d.text) && d.text[m.End] == '.' && !strings.HasSuffix(m.Text, ".") {
			if q := a.gaz.Abbrev(m.Text + "."); len(q) > 0 {
				refs = append(refs, placeRef{text: m.Text + ".", start: m.Start, end: m.End + 1, in: q, qual: true})
				continue
			}
		}
		if strings.HasSuffix(m.Text, ".") {
			if q := a.gaz.Abbrev(m.Text); len(q) > 0 {
				refs = append(refs, placeRef{text: m.Text, start: m.Start, end: m.End, in: q, qual: true})
				continue
			}
		}
		refs = append(refs, placeRef{text: m.Text, start: m.Start, end: m.End})
	}
	// "Omaha Police Department", "Olathe Police say", "Vermont State
	// Police": the place an agency serves is a place of the article.
	placed := map[int]bool{}
	for _, r := range refs {
		placed[r.start] = true
	}
	for k := range d.toks {
		if s, e, ok := a.agencyPlace(d, k); ok && !placed[s] {
			placed[s] = true
			refs = append(refs, placeRef{text: d.text[s:e], start: s, end: e})
		}
	}
	// "Quapaw man", "a Palmer teen": a name before a word for a resident
	// is the town they are from, whatever the tagger typed it.
	for _, m := range d.ms {
		if m.Type != news.Place && !placed[m.Start] && residentBefore(d, m.End) && !a.notPlace(d, m) {
			if f := lex.FoldName(m.Text); a.gaz.HasAny(f) && !a.countryOnly(f) {
				placed[m.Start] = true
				refs = append(refs, placeRef{text: m.Text, start: m.Start, end: m.End})
			}
		}
	}
	// "Accidental shooting takes life of Quapaw man": a headline's name
	// before a word for a resident, which the tagger may not have found.
	if d.head {
		for _, r := range a.headlineResidents(d) {
			if !placed[r.start] {
				placed[r.start] = true
				refs = append(refs, r)
			}
		}
	}
	// "Shooting In New Roads": a Title Case headline's names are no
	// mentions, but a known place after a locative is still its place.
	for _, r := range a.headlinePlaces(d) {
		if !placed[r.start] {
			placed[r.start] = true
			refs = append(refs, r)
		}
	}
	// "Elmo, Missouri": a region or country after a comma is a place
	// even when the word before it is unknown.
	for k := range d.toks {
		if k == 0 || d.toks[k-1].Kind != tWord || !isUpper(d.text[d.toks[k-1].Start]) {
			continue
		}
		if q, s, e := a.qualifierAt(d, k); len(q) > 0 && !placed[s] && q[0].Kind == "region" {
			placed[s] = true
			covered[s] = true
			refs = append(refs, placeRef{text: d.text[s:e], start: s, end: e, in: q, qual: true})
		}
	}
	// Qualifiers after each place mention.
	n := len(refs)
	for i := 0; i < n; i++ {
		r := &refs[i]
		k := d.tokAt(r.end)
		q, s, e := a.qualifierAt(d, k)
		if len(q) == 0 {
			continue
		}
		r.in = q
		if !covered[s] {
			covered[s] = true
			refs = append(refs, placeRef{text: d.text[s:e], start: s, end: e, in: q, qual: true})
		}
	}
	// A qualifier tagged as a place mention of its own is the qualifier.
	kept := refs[:0]
	seenQual := map[int]bool{}
	for _, r := range refs {
		if !r.qual && covered[r.start] || r.qual && seenQual[r.start] {
			continue
		}
		if r.qual {
			seenQual[r.start] = true
		}
		kept = append(kept, r)
	}
	refs = kept
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].start < refs[j].start })
	return refs
}

// resolved turns place mentions into places by the joint resolution res.
func (a *Analyzer) resolved(refs []placeRef, res map[string]geo.Entry) []news.GeoPlace {
	var out []news.GeoPlace
	for _, r := range refs {
		var e geo.Entry
		ok := false
		if r.qual {
			e, ok = r.in[0], true
		} else if e, ok = res[r.text]; !ok {
			// Names written with an alias ("U.S.", "Britain") resolve
			// through the alias table's canonical name.
			if al, found := a.aliases.lookup(lex.FoldName(r.text)); found {
				if c := a.gaz.Lookup(al.Name); len(c) > 0 {
					e, ok = c[0], true
				}
			}
		}
		if !ok {
			continue
		}
		out = append(out, news.GeoPlace{
			Name: e.Name, Text: r.text, Country: e.Country, Lat: e.Lat, Lon: e.Lon,
			Kind: kindOf(e), Region: e.Region, Population: e.Population, Start: r.start, End: r.end,
		})
	}
	return out
}

// kindOf is the GeoPlace kind of a gazetteer entry: a district placed as
// its own is a city.
func kindOf(e geo.Entry) string {
	if e.Kind == "district" {
		return "city"
	}
	return e.Kind
}

// placeLocatives are the words that put a name where something happened
// ("in Waco", "near Gary").
var placeLocatives = set("in", "at", "near", "outside", "from")

// datelineEnds follow a dateline's town: "WACO (KXYZ) -", "GARY | A
// dispute", "DENVER - Police".
var datelineEnds = []string{" (", " |", " -", " –", " —", ":"}

// placedName reports a name the tagger typed otherwise (an organisation:
// "Waco" after "Waco PD" was seen) that stands where only a place can: at
// the top of the text as its dateline, or after a locative preposition.
// Only names of the gazetteer's larger places (Has) count.
func (a *Analyzer) placedName(d *doc, m news.Mention) bool {
	if m.Type == news.Person || !a.gaz.Has(lex.FoldName(m.Text)) {
		return false
	}
	if strings.TrimSpace(d.text[:m.Start]) == "" {
		for _, e := range datelineEnds {
			if strings.HasPrefix(d.text[m.End:], e) {
				return true
			}
		}
	}
	return afterLocative(d, m.Start)
}

// afterLocative reports whether the name starting at byte start follows
// a locative of its sentence ("in", "near", "outside").
func afterLocative(d *doc, start int) bool {
	k := d.tokAt(start)
	return k > 0 && d.toks[k-1].Kind == tWord && placeLocatives[d.toks[k-1].Fold] && d.toks[k-1].Sent == d.toks[k].Sent
}

// notPlace reports a place mention that is a party tag ("D-Ore.",
// "R-Texas": a politician's party and state) or a title's abbreviation
// ("Sen.", "Sens.", "Gov."), whatever the tagger made of it.
func (a *Analyzer) notPlace(d *doc, m news.Mention) bool {
	raw := m.Text
	if m.End < len(d.text) && d.text[m.End] == '.' && !strings.HasSuffix(raw, ".") {
		if isAbbrev(raw) || titles[lex.FoldName(raw)] {
			return true
		}
	}
	if partyTag(a.gaz, d.text, m.Start, m.End) {
		return true
	}
	if k := d.tokAt(m.Start); afterAbbrev(d, m.Start) && placePrefixes[d.toks[k-2].Fold] {
		// "St. Mary": the mention lost its prefix, and the name without
		// it is another place's (the tagger split "St." off).
		return true
	}
	return streetName(d, m) || countyName(d, m.End) || neighbourhood(d, m.End) || a.commonWord(d, m) || a.acronymTown(d, m)
}

// acronymTown reports a short word in capitals ("TSU", "UNLV") that the
// gazetteer knows only as towns, inside the text rather than as its
// dateline, with no state or country after it: an organisation's
// initials, not a town written in capitals. Countries and regions
// ("UK", "NY") stay places.
func (a *Analyzer) acronymTown(d *doc, m news.Mention) bool {
	if len(m.Text) > 4 || strings.ContainsAny(m.Text, " .-") || !lex.IsAcronym(m.Text) || strings.TrimSpace(d.text[:m.Start]) == "" {
		return false
	}
	for _, e := range a.gaz.LookupFolded(lex.FoldName(m.Text)) {
		if e.Kind != "city" && e.Kind != "district" {
			return false
		}
	}
	q, _, _ := a.qualifierAt(d, d.tokAt(m.End))
	return len(q) == 0
}

// commonWord reports a one-word mention that running text writes in lower
// case ("Rest in peace", "the Male suspect"), with neither a locative
// before it ("in Reading") nor a state or country after it ("Mobile,
// Ala."): a word, not a town, whatever the tagger read.
func (a *Analyzer) commonWord(d *doc, m news.Mention) bool {
	if d.tagger == nil || strings.ContainsAny(m.Text, " -.") || !d.tagger.Lowercase(m.Text) {
		return false
	}
	if afterLocative(d, m.Start) {
		return false
	}
	q, _, _ := a.qualifierAt(d, d.tokAt(m.End))
	return len(q) == 0
}

// placePrefixes are the abbreviations that start place names ("St.
// Louis", "Ft. Myers", "Mt. Vernon").
var placePrefixes = set("st", "ste", "ft", "mt")

// neighbourhoodWords name a part of a city: a name before one is the
// part's ("Denver's Whittier neighborhood"), not a namesake town.
var neighbourhoodWords = set("neighborhood", "neighbourhood", "neighborhoods", "section", "district")

// neighbourhood reports whether the name ending at byte end names a part
// of a city: a neighbourhood word follows it.
func neighbourhood(d *doc, end int) bool {
	k := d.tokAt(end)
	return k < len(d.toks) && d.toks[k].Kind == tWord && neighbourhoodWords[d.toks[k].Fold] && !isUpper(d.text[d.toks[k].Start])
}

// countyWords name a county-level division; a place name before one is
// the county's, not its namesake town's ("Dillon County", "St. Mary
// Parish", "Rutherford Co.").
var countyWords = set("county", "counties", "parish", "parishes", "co")

// countyName reports whether the place name ending at byte end names a
// county: a county word follows it ("Dillon county", "Rutherford Co."), or
// it starts a list of names that ends in one ("Cherokee and Spartanburg
// Counties").
func countyName(d *doc, end int) bool {
	k := d.tokAt(end)
	for j := k; j < len(d.toks) && j < k+5; j++ {
		t := d.toks[j]
		if t.Kind != tWord {
			if t.Kind == tPunct && d.text[t.Start] == ',' && j > k {
				continue
			}
			return false
		}
		if countyWords[t.Fold] {
			// "Co" is the county only as "Co." written after a name.
			return t.Fold != "co" || t.End < len(d.text) && d.text[t.End] == '.' && isUpper(d.text[t.Start])
		}
		if j == k && t.Fold != "and" || j > k && t.Fold != "and" && !isUpper(d.text[t.Start]) {
			return false
		}
	}
	return false
}

// afterAbbrev reports whether the name starting at byte start follows a
// capitalised abbreviation it belongs to ("St. Mary", "Ft. Myers"): the
// name read without it is another place.
func afterAbbrev(d *doc, start int) bool {
	k := d.tokAt(start)
	if k < 2 || d.toks[k-1].Kind != tPunct || d.text[d.toks[k-1].Start] != '.' || d.toks[k-1].End != d.toks[k-1].Start+1 {
		return false
	}
	w := d.toks[k-2]
	return w.Kind == tWord && w.End == d.toks[k-1].Start && w.End-w.Start <= 3 && isUpper(d.text[w.Start]) && onlySpace(d.text, d.toks[k-1].End, start)
}

// streetSuffixes name a kind of street; a place name before one is the
// street's ("Pennsylvania Ave", "Texas Street").
var streetSuffixes = set("street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd", "drive", "dr", "lane", "ln",
	"way", "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "hwy", "terrace", "circle", "trail", "avenues", "streets", "roads")

// streetName reports a place mention that names a street: followed by a
// street's kind ("Pennsylvania Avenue", "Pennsylvania & California
// Avenues") or after "block of" ("the 900 block of Pennsylvania").
func streetName(d *doc, m news.Mention) bool {
	k := d.tokAt(m.End)
	for j := k; j < len(d.toks) && j < k+3; j++ {
		t := d.toks[j]
		if t.Kind != tWord {
			if j == k && t.Kind == tPunct && d.text[t.Start] == '&' {
				continue
			}
			break
		}
		if streetSuffixes[t.Fold] {
			return true
		}
		if j == k || !isUpper(d.text[t.Start]) {
			break
		}
	}
	s := d.tokAt(m.Start)
	return s >= 2 && d.toks[s-1].Fold == "of" && d.toks[s-2].Fold == "block"
}

// partyTag reports whether text[s:e] is, or lies inside, a party tag:
// one capital letter (the party), a hyphen and a state written as AP,
// postal code or name ("D-Ore.", "R-Texas", "I-Vt.", "D-N.Y."), the whole
// not followed by a letter.
func partyTag(g *geo.Gazetteer, text string, s, e int) bool {
	// Widen to the word around the span: letters, dots and hyphens.
	inWord := func(c byte) bool {
		return c == '-' || c == '.' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
	}
	for s > 0 && inWord(text[s-1]) {
		s--
	}
	for e < len(text) && inWord(text[e]) {
		e++
	}
	w := text[s:e]
	if len(w) < 3 || w[1] != '-' || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	state := w[2:]
	if len(g.Abbrev(state)) > 0 || len(g.Abbrev(strings.TrimSuffix(state, "."))) > 0 {
		return true
	}
	// "R-Texas", "D-New York": a state's name (the rest of a two-word
	// name follows as the next word).
	for _, c := range g.Lookup(strings.TrimSuffix(state, ".")) {
		if c.Kind == "region" {
			return true
		}
	}
	if rest := strings.Fields(text[e:min(len(text), e+16)]); len(rest) > 0 {
		for _, c := range g.Lookup(strings.TrimSuffix(state, ".") + " " + strings.Trim(rest[0], ".,);")) {
			if c.Kind == "region" {
				return true
			}
		}
	}
	return false
}

// qualifiedPlace reports a name (folded) followed at token k by a
// qualifier it lies in ("Tyrone, Mo."), and the reading inside it.
func (a *Analyzer) qualifiedPlace(d *doc, folded string, k int) (geo.Entry, bool) {
	if !a.gaz.HasAny(folded) {
		return geo.Entry{}, false
	}
	q, _, _ := a.qualifierAt(d, k)
	if len(q) == 0 {
		return geo.Entry{}, false
	}
	for _, e := range a.gaz.LookupFolded(folded) {
		for _, x := range q {
			if geo.Within(e, x) {
				return e, true
			}
		}
	}
	return geo.Entry{}, false
}

// agencyHeads are the words that make a name an agency of the place
// named before them: "Omaha Police Department", "Dade County Sheriff's
// Office", "Vermont State Police".
var agencyHeads = set("police", "sheriff", "sheriffs", "metropolitan", "metro")

// agencyPlace finds the place an agency's name starts with, for the
// agency head at token h: the capitalised words before it ("Omaha" in
// "Omaha Police Department", "Conway police"), the part before a hyphen
// ("Savannah-Chatham Metropolitan Police"), or before "State" ("Vermont
// State Police").
func (a *Analyzer) agencyPlace(d *doc, h int) (int, int, bool) {
	toks, text := d.toks, d.text
	// "Conway police said": police in lower case is still the town's,
	// the other heads only capitalised ("Omaha Metro", not "omaha metro").
	if h == 0 || !agencyHeads[toks[h].Fold] || !isUpper(text[toks[h].Start]) && toks[h].Fold != "police" {
		return 0, 0, false
	}
	last := h - 1
	if toks[last].Fold == "state" && last > 0 {
		last--
	}
	for s := max(0, last-2); s <= last; s++ {
		ok := true
		for j := s; j <= last; j++ {
			if toks[j].Kind != tWord || !isUpper(text[toks[j].Start]) || toks[j].Sent != toks[h].Sent ||
				j < h-1 && !onlySpace(text, toks[j].End, toks[j+1].Start) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		start, end := toks[s].Start, toks[last].End
		if i := strings.IndexByte(text[start:end], '-'); i > 0 && !a.gaz.Has(lex.FoldName(text[start:end])) {
			end = start + i
		}
		if afterAbbrev(d, start) || countyName(d, end) {
			continue
		}
		if !isUpper(text[toks[h].Start]) && !mentionAt(d, start, end) {
			continue // "As police arrived", "Metro police": a word, not the tagger's name
		}
		if f := lex.FoldName(text[start:end]); a.gaz.HasAny(f) && !a.countryOnly(f) {
			return start, end, true
		}
	}
	return 0, 0, false
}

// headlinePlaces reads the places of a doc's Title Case lines, whose
// words the tagger leaves unnamed: after a locative ("Gunfire In Dallas",
// "Party At Kankakee Banquet Hall"), the longest run of up to three
// capitalised words the gazetteer knows, a single word only as a larger
// place (Has): "Shot At Party" names no town. A county's or a street's
// name is not its namesake town's ("In Henderson County").
func (a *Analyzer) headlinePlaces(d *doc) []placeRef {
	var out []placeRef
	toks, text := d.toks, d.text
	title := d.head && titleCaseHead(d)
	for k := 0; k+1 < len(toks); k++ {
		t := toks[k]
		if t.Kind != tWord || !placeLocatives[t.Fold] || !title {
			continue
		}
		last := k
		for j := k + 1; j < len(toks) && j <= k+3; j++ {
			if toks[j].Kind != tWord || !isUpper(text[toks[j].Start]) || toks[j].Sent != t.Sent || !onlySpace(text, toks[j-1].End, toks[j].Start) {
				break
			}
			last = j
		}
		for e := last; e > k; e-- {
			start, end := toks[k+1].Start, toks[e].End
			f := lex.FoldName(text[start:end])
			if e == k+1 && !a.gaz.Has(f) || !a.gaz.HasAny(f) || a.countryOnly(f) ||
				a.notPlace(d, news.Mention{Text: text[start:end], Start: start, End: end}) {
				continue
			}
			out = append(out, placeRef{text: text[start:end], start: start, end: end})
			break
		}
	}
	return out
}

// dottedRegion reports a name that is a region's abbreviation written
// with its dots inside ("D.C.", "N.Y."), whatever the tagger typed it:
// "D.C. police" is the District's.
func (a *Analyzer) dottedRegion(text string) bool {
	return strings.Count(text, ".") >= 2 && len(a.gaz.Abbrev(text)) > 0
}

// headlineResidents reads the towns of a headline's residents: up to
// three capitalised words right before a lower-case word for a resident
// ("Bunnell man charged", "Accidental shooting takes life of Quapaw
// man"), the gazetteer knowing them.
func (a *Analyzer) headlineResidents(d *doc) []placeRef {
	var out []placeRef
	toks, text := d.toks, d.text
	for k := 1; k < len(toks); k++ {
		if !residentBefore(d, toks[k-1].End) {
			continue
		}
		for s := max(0, k-3); s < k; s++ {
			ok := true
			for j := s; j < k; j++ {
				if toks[j].Kind != tWord || !isUpper(text[toks[j].Start]) || j > s && !onlySpace(text, toks[j-1].End, toks[j].Start) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			start, end := toks[s].Start, toks[k-1].End
			f := lex.FoldName(text[start:end])
			if !a.gaz.HasAny(f) || a.countryOnly(f) || a.notPlace(d, news.Mention{Text: text[start:end], Start: start, End: end}) {
				continue
			}
			out = append(out, placeRef{text: text[start:end], start: start, end: end})
			break
		}
	}
	return out
}

// residentNouns are the words for the people of a town a headline puts
// after its name: "Quapaw man", "Lancaster teens".
var residentNouns = set("man", "woman", "men", "women", "teen", "teens", "teenager", "teenagers", "boy", "boys",
	"girl", "girls", "toddler", "child", "couple", "resident", "residents", "family", "student")

// residentBefore reports whether a word for a resident, in lower case,
// follows byte end directly.
func residentBefore(d *doc, end int) bool {
	k := d.tokAt(end)
	return k < len(d.toks) && d.toks[k].Kind == tWord && residentNouns[d.toks[k].Fold] &&
		!isUpper(d.text[d.toks[k].Start]) && onlySpace(d.text, end, d.toks[k].Start)
}

// titleCaseHead reports whether a headline doc is in Title Case: every
// word capitalised but short function words, two words at least (the
// text's lines need four: headlines).
func titleCaseHead(d *doc) bool {
	words := 0
	for _, t := range d.toks {
		if t.Kind != tWord || len(t.Fold) <= 3 && stop[t.Fold] {
			continue
		}
		if !unicode.IsUpper(firstRune(d.text[t.Start:])) {
			return false
		}
		words++
	}
	return words >= 2
}

// mentionAt reports whether the tagger found a name (of any type) spanning
// text[start:end] exactly.
func mentionAt(d *doc, start, end int) bool {
	for _, m := range d.ms {
		if m.Start == start && m.End == end {
			return true
		}
	}
	return false
}

// countryOnly reports a name whose only readings are countries: "U.S.
// Marshals", "Mexican police" say nothing about where.
func (a *Analyzer) countryOnly(folded string) bool {
	for _, e := range a.gaz.LookupFolded(folded) {
		if e.Kind != "country" {
			return false
		}
	}
	return true
}

// tokAt returns the index of the first token starting at or after byte
// offset off.
func (d *doc) tokAt(off int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= off })
}

// qualifierAt reads a container written at token k: a comma, then a
// region abbreviation ("Calif.", "S.C.", "CA"), or the name of a region or
// country in up to three capitalised words ("South Carolina",
// "Switzerland"). It returns the readings and the qualifier's byte span.
func (a *Analyzer) qualifierAt(d *doc, k int) ([]geo.Entry, int, int) {
	toks, text := d.toks, d.text
	if k+1 >= len(toks) || toks[k].Kind != tPunct || text[toks[k].Start] != ',' || toks[k+1].Kind != tWord {
		return nil, 0, 0
	}
	first := toks[k+1]
	if !isUpper(text[first.Start]) {
		return nil, 0, 0
	}
	// An abbreviation, with the dot the tokenizer leaves apart ("Calif" ".").
	raw := text[first.Start:first.End]
	end := first.End
	if end < len(text) && text[end] == '.' && !strings.HasSuffix(raw, ".") {
		if q := a.gaz.Abbrev(raw + "."); len(q) > 0 {
			return q, first.Start, end + 1
		}
	}
	if q := a.gaz.Abbrev(raw); len(q) > 0 {
		return q, first.Start, end
	}
	// "BIRMINGHAM, Ala (WIAT)": an AP abbreviation whose dot was dropped.
	if len(raw) >= 3 && !strings.HasSuffix(raw, ".") {
		if q := a.gaz.Abbrev(raw + "."); len(q) > 0 {
			return q, first.Start, end
		}
	}
	// A name of up to three words, the longest first.
	for n := 3; n >= 1; n-- {
		if k+n >= len(toks) {
			continue
		}
		last := toks[k+n]
		ok := true
		for j := k + 1; j <= k+n; j++ {
			if toks[j].Kind != tWord || !isUpper(text[toks[j].Start]) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if q := a.gaz.Qualifier(text[first.Start:last.End]); len(q) > 0 {
			return q, first.Start, last.End
		}
	}
	return nil, 0, 0
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
