// Package extract turns an article into structured facts: named entities
// (people, organisations, places), places resolved to coordinates, dates,
// figures and quotes, each with byte offsets into Article.Text.
//
// The work is layered: capitalisation and title patterns find candidate
// names; the alias table (data/aliases.json, generated from Wikidata), the GeoNames
// gazetteer (package geo) and organisation and place head words type the
// ones they know; every other name gets its type, and its exact span, from
// the statistical entity tagger of package ner, run over every sentence (a
// capitalised run the tagger sees no name in is not made a person); and
// Canonicalize merges the names of all articles of one event, where
// repetition across outlets settles what one article leaves open.
package extract

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/dossier-news/dossier/internal/geo"
	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/ner"
	"github.com/dossier-news/dossier/internal/news"
)

// Analyzer extracts facts from articles. It is safe for concurrent use.
type Analyzer struct {
	gaz     *geo.Gazetteer
	aliases *aliasTable
	// noTagger turns the entity tagger off (a benchmark shows its share).
	noTagger bool
}

var countryOnce sync.Once

// New loads the embedded gazetteer, alias table and tagger models.
func New() (*Analyzer, error) {
	g, err := geo.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	al, err := loadSharedAliases()
	if err != nil {
		return nil, err
	}
	if _, err := ner.Load("en"); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	countryOnce.Do(func() {
		countryLike = func(f string) bool {
			c := g.LookupFolded(f)
			return len(c) > 0 && c[0].Kind == "country"
		}
	})
	return &Analyzer{gaz: g, aliases: al}, nil
}

// doc is the working state of one Analyze call.
type doc struct {
	text  string
	lang  string
	toks  []token
	sents []news.Span
	cands []cand
	ms    []news.Mention
	ents  []news.Entity
	dates []news.DateMention
	// headline marks Title Case sentences.
	headline []bool
	// labels holds the entity tagger's label of each token (nil without
	// a tagger).
	labels []ner.Label
	tagger *ner.Tagger
	id     string
	// head marks an article's headline, read apart from its text.
	head bool
	// genders caches entityGender per person entity.
	genders map[string]int
	// furn holds the byte spans of page furniture (credit lines,
	// bylines, prompts, picture credits): no name, figure or quote is
	// read from them.
	furn []news.Span
}

// Analyze extracts everything from one article. Entity keys in the result
// are local to the article until Canonicalize merges an event's articles.
func (a *Analyzer) Analyze(art *news.Article) news.Analysis {
	d := a.newDoc(art.Text, art.Lang, art.ID)
	var head *doc
	if t := headlineText(art.Title); t != "" {
		head = a.newDoc(t, art.Lang, art.ID)
		head.head = true
	}
	an := news.Analysis{
		Article:   art.ID,
		Lang:      d.lang,
		Sentences: d.sents,
		Mentions:  d.ms,
		Entities:  d.ents,
	}
	an.Places, an.TitlePlaces = a.placesWithTitle(d, head)
	if e, ok := a.gaz.InHost(art.Source); ok {
		an.Outlet = &news.GeoPlace{Name: e.Name, Country: e.Country, Lat: e.Lat, Lon: e.Lon,
			Kind: kindOf(e), Region: e.Region, Population: e.Population}
	}
	an.Dates = findDates(d.text, art.Published, d.lang)
	d.dates = an.Dates
	an.Figures = a.figures(d, an.Places)
	if head != nil {
		an.TitleFigures = head.tollFigures(head.tolls())
	}
	an.Quotes = quotes(d, art.ID)
	an.Figures, an.Quotes = d.offFurniture(an.Figures, an.Quotes)
	return an
}

// newDoc tokenises and sentence-splits text and finds its names.
func (a *Analyzer) newDoc(text, lang, id string) *doc {
	d := &doc{text: text, lang: strings.ToLower(lang), id: id}
	if d.lang == "" {
		d.lang = "en"
	}
	d.toks = tokenize(d.text)
	for i := range d.toks {
		if d.toks[i].Kind == tWord {
			d.toks[i].Fold = lex.FoldName(d.text[d.toks[i].Start:d.toks[i].End])
		}
	}
	d.toks = a.splitGlued(d.text, d.toks)
	d.sents = sentences(d.text, d.toks, d.lang)
	d.markFurniture()
	a.nerTags(d)
	a.entities(d)
	return d
}

// headSeparators end a headline's own words; an outlet's name and town
// follow them ("Four hurt in shooting - WXYZ News 5 - Springfield").
var headSeparators = []string{" - ", " | ", " — ", " – ", " :: ", " · "}

// headlineText is the part of a headline before the first separator, ""
// when the headline is blank.
func headlineText(title string) string {
	t := strings.TrimSpace(title)
	for _, sep := range headSeparators {
		if i := strings.Index(t, sep); i > 0 {
			t = t[:i]
		}
	}
	return strings.TrimSpace(t)
}

// entities finds, types and groups the names of the article.
func (a *Analyzer) entities(d *doc) {
	text, toks := d.text, d.toks
	defs := abbrevDefs(text, toks)
	strictLang := d.lang == "de"
	d.headline = make([]bool, len(d.sents))
	if !strictLang {
		d.headline = headlines(text, toks, len(d.sents)) // German capitalises every noun
	}
	var cands []cand
	for _, sp := range a.spans(text, toks) {
		s, e := sp[0], sp[1]
		if d.onFurniture(toks[s].Start) {
			continue // "By Jane Doe", "(Photo: Agency)"
		}
		c := cand{}
		// Strip nationality adjectives and titles in front: "Iraqi Prime Minister X".
		for s < e {
			if n := titleAt(toks, s, e); n > 0 {
				c.title = true
				s += n
				continue
			}
			if _, ok := demonyms[toks[s].Fold]; ok && e-s > 1 && !a.known(a.fold(text, toks, s, e)) {
				s++
				continue
			}
			if (stop[toks[s].Fold] || calendar[toks[s].Fold]) && toks[s].Kind == tWord {
				if a.known(a.fold(text, toks, s, e)) || (e-s > 2 && a.known(a.fold(text, toks, s, s+2)) && !a.known(a.fold(text, toks, s+1, e))) {
					break // "La Haye", "Los Angeles", "New York Mafia"
				}
				s++
				continue
			}
			break
		}
		// A title inside the run splits it: "Fed Chair Jerome Powell".
		for k := s + 1; k < e-1; k++ {
			if n := titleAt(toks, k, e); n > 0 && k+n < e && !a.known(a.fold(text, toks, s, e)) {
				// The words before the title qualify it ("Senate Majority
				// Leader") unless they are a known name or the tagger's.
				sub := cand{}
				if a.trim(d, &sub, s, k) && (a.known(a.fold(text, toks, sub.s, sub.e)) || (sub.e-sub.s > 1 && d.nerCovers(sub.s, sub.e))) && a.classify(d, &sub, strictLang) {
					cands = append(cands, sub)
				}
				s, c.title = k+n, true
				break
			}
		}
		if !a.trim(d, &c, s, e) {
			continue
		}
		if !c.title && titleBefore(text, toks, c.s) {
			c.title = true
		}
		// "ministre de l'Intérieur Bruno Retailleau", "Secretary of Homeland
		// Security Kristi Noem": capitalised words after a title and "of"
		// name the portfolio; the person is the last two words.
		if c.e-c.s >= 3 && portfolioBefore(toks, c.s) && !a.known(a.fold(text, toks, c.s, c.e)) &&
			a.isCap(text, &toks[c.e-2]) && !orgHeads[toks[c.e-1].Fold] && !placeHeads[toks[c.e-1].Fold] {
			c.s, c.title = c.e-2, true
		}
		if a.classify(d, &c, strictLang) {
			cands = append(cands, c)
		}
	}
	// Long forms of parenthesised abbreviations, and the abbreviations.
	for abTok, lf := range defs {
		lc := cand{s: lf[0], e: lf[1], longForm: true}
		if d.onFurniture(toks[lc.s].Start) {
			continue
		}
		if datelineAt(d, &lc) {
			continue // "PHILADELPHIA (CBS) —": a dateline's place and agency, no definition
		}
		f := a.fold(text, toks, lc.s, lc.e)
		if al, ok := a.aliases.lookup(f); ok {
			lc.typ, lc.alias = al.Type, al.Name
		} else if hasOrgHead(toks, lc.s, lc.e) {
			lc.typ = news.Org
		} else {
			lc.typ = news.Org // abbreviations mostly name organisations
			lc.unsure = true
		}
		// Replace candidates overlapping the long form.
		kept := cands[:0]
		for _, c := range cands {
			if c.e <= lc.s || c.s >= lc.e {
				kept = append(kept, c)
			}
		}
		cands = append(kept, lc)
		found := false
		for i := range cands {
			if cands[i].s == abTok && cands[i].e == abTok+1 {
				cands[i].abbrOf = lc.s + 1
				cands[i].typ = lc.typ
				found = true
			}
		}
		if !found {
			// The definition makes the abbreviation a name even when it
			// is also a word in capitals ("the Islamic State (IS)").
			cands = append(cands, cand{s: abTok, e: abTok + 1, typ: lc.typ, abbrOf: lc.s + 1})
		}
		cands = appendAbbrevUses(text, toks, cands, abTok, lc)
	}
	cands = a.cuedPersons(d, cands)
	sort.Slice(cands, func(i, j int) bool { return cands[i].s < cands[j].s })
	// abbrOf held the long form's first token + 1; make it an index + 1.
	for i := range cands {
		if cands[i].abbrOf > 0 {
			ts := cands[i].abbrOf - 1
			cands[i].abbrOf = 0
			for j := range cands {
				if cands[j].longForm && cands[j].s == ts {
					cands[i].abbrOf = j + 1
				}
			}
		}
	}
	a.tag(d, cands)
	d.cands = cands
	a.group(d)
}

// appendAbbrevUses adds, as mentions of the long form lc, the later uses
// of the abbreviation defined at token abTok that no candidate covers:
// "The IS group" after "the Islamic State (IS)".
func appendAbbrevUses(text string, toks []token, cands []cand, abTok int, lc cand) []cand {
	ab := text[toks[abTok].Start:toks[abTok].End]
	for k := abTok + 1; k < len(toks); k++ {
		if toks[k].Kind != tWord || text[toks[k].Start:toks[k].End] != ab {
			continue
		}
		covered := false
		for _, c := range cands {
			if c.s <= k && k < c.e {
				covered = true
				break
			}
		}
		if !covered {
			cands = append(cands, cand{s: k, e: k + 1, typ: lc.typ, abbrOf: lc.s + 1})
		}
	}
	return cands
}

// portfolioBefore reports "title of" (or "de", "del", "de l'") right
// before token s.
func portfolioBefore(toks []token, s int) bool {
	k := s - 1
	if k >= 0 && (toks[k].Fold == "l" || toks[k].Fold == "la" || toks[k].Fold == "the") {
		k--
	}
	if k < 1 || toks[k].Sent != toks[s].Sent {
		return false
	}
	switch toks[k].Fold {
	case "of", "de", "del", "des", "du", "fur", "for":
	default:
		return false
	}
	f := toks[k-1].Fold
	return titles[f] || hasTitleSuffix(f)
}

// known reports whether a folded name is in the alias table or gazetteer.
func (a *Analyzer) known(f string) bool {
	if _, ok := a.aliases.lookup(f); ok {
		return true
	}
	return a.gaz.Has(f)
}

// trim sets c to the tokens [s, e) less function words at both ends and,
// in German, less the common nouns capitalised around a name
// ("Hauptstadt Bagdad", "Terrormiliz Islamischer Staat"). It reports
// whether anything is left.
func (a *Analyzer) trim(d *doc, c *cand, s, e int) bool {
	toks := d.toks
	acro := func(k int) bool { return lex.IsAcronym(d.text[toks[k].Start:toks[k].End]) }
	for e > s && (toks[e-1].Kind != tWord || stop[toks[e-1].Fold] || calendar[toks[e-1].Fold] || connectors[toks[e-1].Fold]) && !acro(e-1) {
		e--
	}
	if d.lang == "de" && e-s > 1 && !a.known(a.fold(d.text, toks, s, e)) {
		for k := s + 1; k < e; k++ {
			if a.known(a.fold(d.text, toks, k, e)) {
				s = k
				break
			}
		}
		for s < e && (germanNoun(toks[s].Fold) || stop[toks[s].Fold] || connectors[toks[s].Fold]) && !a.known(toks[s].Fold) {
			s++
		}
		for e > s && (germanNoun(toks[e-1].Fold) || stop[toks[e-1].Fold] || connectors[toks[e-1].Fold]) && !a.known(toks[e-1].Fold) {
			e--
		}
	}
	for s < e && (stop[toks[s].Fold] || connectors[toks[s].Fold] || quantityWord(toks[s].Fold)) && !acro(s) && !a.known(a.fold(d.text, toks, s, e)) &&
		!(e-s > 2 && a.known(a.fold(d.text, toks, s, s+2)) && !a.known(a.fold(d.text, toks, s+1, e))) {
		s++
	}
	for e > s && (quantityWord(toks[e-1].Fold) || (e-s > 1 && titles[toks[e-1].Fold])) {
		e-- // "Alaska Gov" before a spaced-out "."
	}
	if s >= e {
		return false
	}
	c.s, c.e = s, e
	return true
}

var germanArticles = set("der", "die", "das", "des", "dem", "den")

func quantityWord(f string) bool {
	if _, ok := scaleWords[f]; ok {
		return true
	}
	if _, ok := numberWords[f]; ok {
		return true
	}
	return currencyAfter[f] != ""
}

// compassCity is the fewest people of a city whose parts a direction
// names ("North Philadelphia", "South Los Angeles").
const compassCity = 100000

// bigCity reports whether a folded name names a city of compassCity
// people or more.
func (a *Analyzer) bigCity(folded string) bool {
	for _, e := range a.gaz.LookupFolded(folded) {
		if e.Kind == "city" && e.Population >= compassCity {
			return true
		}
	}
	return false
}

// compassWords are the directions that name a part of a city ("Northwest
// Washington").
var compassWords = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central", "downtown")

// datelineAt reports a candidate in capitals that opens its sentence (or
// line) and is followed by a dash, or by an agency in parentheses and a
// dash: "PHILADELPHIA (CBS) —", "EFFINGHAM -".
func datelineAt(d *doc, c *cand) bool {
	toks, text := d.toks, d.text
	if c.s > 0 && toks[c.s-1].Sent == toks[c.s].Sent && !strings.Contains(text[toks[c.s-1].End:toks[c.s].Start], "\n") {
		return false
	}
	for k := c.s; k < c.e; k++ {
		if toks[k].Kind == tWord && !allCaps(text[toks[k].Start:toks[k].End]) {
			return false
		}
	}
	k := c.e
	if k < len(toks) && text[toks[k].Start] == '(' {
		for k < len(toks) && k < c.e+6 && text[toks[k].Start] != ')' {
			k++
		}
		k++
	}
	return k < len(toks) && toks[k].Kind == tPunct && isDash(text[toks[k].Start:toks[k].End])
}

// placeAfter reports ", Country" or ", City" right after a name: "Aqaba,
// Jordan".
func placeAfter(text string, toks []token, e int) bool {
	_ = text
	return e+1 < len(toks) && toks[e].Kind == tPunct && text[toks[e].Start] == ',' && toks[e+1].Kind == tWord && countryLike(toks[e+1].Fold)
}

// countryLike is set by New: whether a folded word names a country.
var countryLike = func(string) bool { return false }

// headlines marks sentences written in Title Case: every word capitalised
// but short function words. Their capitals say nothing about names.
func headlines(text string, toks []token, n int) []bool {
	words := make([]int, n)
	caps := make([]int, n)
	for i := range toks {
		t := &toks[i]
		if t.Kind != tWord || t.Sent >= n {
			continue
		}
		if len(t.Fold) <= 3 && stop[t.Fold] {
			continue // "of", "the" stay lower case in headlines
		}
		words[t.Sent]++
		if unicode.IsUpper(firstRune(text[t.Start:])) {
			caps[t.Sent]++
		}
	}
	out := make([]bool, n)
	for i := range out {
		out[i] = words[i] >= 4 && caps[i] == words[i]
	}
	return out
}

// placeCue reports a word before token s that announces a place: a
// preposition of place or a settlement noun ("in Nysa", "Stadt Nysa").
func placeCue(toks []token, s int) bool {
	if s == 0 || toks[s-1].Sent != toks[s].Sent {
		return false
	}
	return placeCues[toks[s-1].Fold]
}

// germanPlaceNouns introduce a place's name and are capitalised with it.
var germanPlaceNouns = set("stadtteil", "stadtbezirk", "bezirk", "kanton", "landkreis", "gemeinde", "ortsteil",
	"stadtviertel", "bundesland", "provinz", "stadt", "dorf", "hauptstadt", "kreisstadt", "metropole")

var placeNouns = set("stadt", "city", "town", "village", "ville", "ciudad", "capital", "hauptstadt", "dorf", "gemeinde", "localidad", "commune")

var placeCues = set("in", "nach", "aus", "bei", "near", "from", "to", "a", "en", "dans", "vers", "hacia", "desde",
	"stadt", "city", "town", "village", "ville", "ciudad", "capital", "hauptstadt", "dorf", "gemeinde", "localidad", "commune")

func germanNoun(f string) bool {
	for _, suf := range germanNounSuffixes {
		if strings.HasSuffix(f, suf) && len(f) > len(suf)+2 {
			return true
		}
	}
	return false
}

func hasPlaceHead(toks []token, s, e int) bool {
	return s < e && e-s > 1 && placeHeads[toks[e-1].Fold] || (e-s > 2 && placeHeads[toks[s].Fold])
}

func hasOrgHead(toks []token, s, e int) bool {
	for k := s; k < e; k++ {
		if orgHeads[toks[k].Fold] {
			return true
		}
	}
	return false
}

// classify types one candidate; false drops it.
func (a *Analyzer) classify(d *doc, c *cand, strictLang bool) bool {
	text, toks := d.text, d.toks
	// "Stadtteil Klybeck", "Kanton Zürich": a German noun for a kind of
	// place, capitalised like the name it introduces, is no part of it.
	placeNoun := false
	if c.e-c.s >= 2 && toks[c.s].Kind == tWord && germanPlaceNouns[toks[c.s].Fold] && !c.title {
		c.s++
		placeNoun = true
	}
	// "ZURICH, Dec 16 (Nordic Wire) - ...": the name in parentheses before a
	// dateline's dash is the news agency's, whatever the tagger reads in it.
	s, e := c.s, c.e
	agency := c.s > 0 && c.e+1 < len(toks) && text[toks[c.s-1].Start] == '(' && text[toks[c.e].Start] == ')' &&
		isDash(text[toks[c.e+1].Start:toks[c.e+1].End]) && opensWithCaps(text, toks, c.s)
	ok := a.classifyName(d, c, strictLang)
	if ok && placeNoun && c.typ != news.Place && c.typ != news.Org {
		c.typ, c.unsure = news.Place, false
	}
	if agency {
		c.s, c.e = s, e
		c.typ, c.place, c.unsure = news.Org, nil, false
		return true
	}
	return ok
}

// opensWithCaps reports whether the sentence of token k opens with a word
// in capitals, as a dateline does.
func opensWithCaps(text string, toks []token, k int) bool {
	j := k
	for j > 0 && toks[j-1].Sent == toks[k].Sent {
		j--
	}
	return toks[j].Kind == tWord && allCaps(text[toks[j].Start:toks[j].End])
}

func (a *Analyzer) classifyName(d *doc, c *cand, strictLang bool) bool {
	text, toks := d.text, d.toks
	f := a.fold(text, toks, c.s, c.e)
	raw := text[toks[c.s].Start:toks[c.e-1].End]
	single := c.e-c.s == 1
	strict := strictLang || toks[c.s].Initial
	if calendar[f] || f == "" || (single && (titles[f] || stop[f]) && !lex.IsAcronym(raw)) {
		return false
	}
	if single && isAbbrev(raw) && toks[c.s].End < len(text) && text[toks[c.s].End] == '.' {
		return false // a title's abbreviation ("Atty.", "Gov."), not a name
	}
	if single && partyTag(a.gaz, text, toks[c.s].Start, toks[c.s].End) {
		return false // "D-Ore.", "R-Texas": a politician's party and state
	}
	// "Southwest Baltimore", "North Philadelphia": a direction before a
	// known place is a part of it; the place is the name. Only a large
	// city (compassCity) has parts named so: "the South Side" is a part
	// of a city, not the small town "Side".
	if !single && compassWords[toks[c.s].Fold] && !a.known(f) {
		if rest := a.fold(text, toks, c.s+1, c.e); a.gaz.Has(rest) && a.bigCity(rest) {
			c.s++
			f, raw, single = rest, text[toks[c.s].Start:toks[c.e-1].End], c.e-c.s == 1
		}
	}
	// "a New York Democrat", "the Texas Republican": a party member's
	// noun after a known place describes a politician by party and
	// state; the place is the name, the noun is none.
	if !single && partyMembers[toks[c.e-1].Fold] {
		if rest := a.fold(text, toks, c.s, c.e-1); a.gaz.Has(rest) {
			c.e--
			f, raw, single = rest, text[toks[c.s].Start:toks[c.e-1].End], c.e-c.s == 1
		}
	}
	// "PHILADELPHIA (CBS) —", "IUKA –": the capitals opening an article
	// or a line before a dash or an agency in parentheses are a
	// dateline's place.
	if datelineAt(d, c) && a.gaz.HasAny(f) && !a.countryOnly(f) {
		if ents := a.gaz.LookupFolded(f); len(ents) > 0 {
			c.typ, c.place = news.Place, &ents[0]
			return true
		}
	}
	if e, ok := a.qualifiedPlace(d, f, c.e); ok {
		// "MYRTLE CREEK, Ore.", "Denmark, S.C.": a town of the gazetteer
		// followed by its own state or country is that town, whatever
		// else the name could be.
		c.typ, c.place = news.Place, &e
		return true
	}
	if al, ok := a.aliases.lookup(f); ok && (len(f) > 3 || a.exactAlias(al, raw)) {
		c.typ, c.alias = al.Type, al.Name
		return true
	}
	if ents := a.gaz.LookupLang(f, d.lang); len(ents) > 0 && !c.title {
		e := ents[0]
		// A lone word that is also a town's name ("Bush", "Normal",
		// "Police") counts as a place when the town is large or the text
		// announces a place ("in", "from", "Stadt").
		minPop := 100000
		if strict {
			minPop = 200000
		}
		cued := placeCue(toks, c.s) || placeAfter(d.text, toks, c.e)
		// The tagger reads the context: a town's name it takes for a
		// person or an organisation ("Obama said") is not the town.
		other := false
		if t, ok := d.nerTypeOf(c.s, c.e); ok && e.Kind != "country" && !cued && e.Population < 200000 {
			other = t == news.Person || (t == news.Org && single)
		}
		// A run of words that is only a small town's name ("Hope Mills")
		// needs a cue too: the gazetteer holds every place of a thousand
		// people, and many such names are also people's or firms'.
		multi := !single && (e.Population >= 15000 || e.Kind == "region")
		if e.Kind == "country" || (!other && (multi || e.Population >= minPop || cued)) {
			c.typ = news.Place
			c.place = &e
			return true
		}
	}
	if _, ok := demonyms[f]; ok || (single && d.demonym(c.s)) {
		return false
	}
	if single && a.glued(f) {
		return false
	}
	if single && genericHeads[f] {
		return false
	}
	if d.headline[toks[c.s].Sent] && !d.nerCovers(c.s, c.e) {
		// Title Case Headline Words are not names, unless the tagger
		// (which knows a Title Case line when it sees one) marks a name.
		return false
	}
	if c.title {
		c.typ = news.Person
		return true
	}
	if (miscHeads[toks[c.e-1].Fold] || vesselPrefixes[toks[c.s].Fold]) && !single {
		c.typ = news.Misc
		return true
	}
	if c.e-c.s > 4 {
		return false // a run this long without a title or head word is a title or slogan
	}
	if strictLang && !c.title {
		for k := c.s; k < c.e; k++ {
			if germanArticles[toks[k].Fold] {
				return false // "Pegel der Donau": nouns joined by an article, not a name
			}
		}
	}
	if hasPlaceHead(toks, c.s, c.e) {
		c.typ = news.Place
		return true
	}
	if hasOrgHead(toks, c.s, c.e) || (c.s > 0 && toks[c.s-1].Kind == tWord && toks[c.s-1].Sent == toks[c.s].Sent && orgCues[toks[c.s-1].Fold]) {
		c.typ = news.Org
		return true
	}
	if single {
		if lex.IsAcronym(raw) && len(raw) <= 5 {
			c.typ = news.Org
			c.unsure = true
			return true
		}
		// "in Texas", "from Oklahoma": a place the gazetteer (cities and
		// countries only) does not hold.
		if !strict && placeCue(toks, c.s) && toks[c.s-1].Kind == tWord && !placeNouns[toks[c.s-1].Fold] && wherePreps[toks[c.s-1].Fold] {
			c.typ = news.Place
			return true
		}
		// Decided after all full names are known (surnames), or by the tagger.
		c.typ = news.Misc
		c.unsure = true
		c.strict = strict
		return true
	}
	// No resource or cue knows the name: its type and exact span are the
	// tagger's, and a run the tagger sees no name in ("Election Results",
	// "Space Shuttle") is none.
	ns, ne, typ, ok := d.nerSpan(c.s, c.e)
	if !ok {
		return false
	}
	c.s, c.e, c.typ = ns, ne, typ
	return true
}

func (a *Analyzer) exactAlias(al aliasEntry, raw string) bool {
	if al.Name == raw {
		return true
	}
	for _, x := range al.Aliases {
		if x == raw {
			return true
		}
	}
	return false
}
