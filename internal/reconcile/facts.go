package reconcile

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// eventEntities returns the event's canonical entities with their mention
// counts per article, most widely reported first.
func (c *buildCtx) eventEntities() []news.Entity {
	counts := map[string]map[string]int{}
	for i, x := range c.an {
		for _, m := range x.Mentions {
			k := entityKey(m)
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][c.arts[i].ID]++
		}
	}
	var out []news.Entity
	for k, e := range c.entities {
		ne := *e
		ne.ID = cmp.Or(ne.ID, k)
		ne.Aliases = slices.Clone(e.Aliases)
		if m := counts[k]; len(m) > 0 {
			ne.Mentions = m
		} else if len(e.Mentions) == 0 {
			continue
		}
		out = append(out, ne)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Mentions) != len(b.Mentions) {
			return len(a.Mentions) > len(b.Mentions)
		}
		if ta, tb := total(a.Mentions), total(b.Mentions); ta != tb {
			return ta > tb
		}
		return a.ID < b.ID
	})
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// eventPlaces merges the gazetteer places of all articles, counting
// mentions, most widely reported first. Offsets are dropped: they belong
// to one article.
func (c *buildCtx) eventPlaces() []news.GeoPlace {
	type agg struct {
		p    news.GeoPlace
		arts map[int]bool
	}
	byKey := map[string]*agg{}
	var keys []string
	for i, x := range c.an {
		for _, p := range slices.Concat(x.Places, x.TitlePlaces) {
			if p.Name == "" {
				continue
			}
			k := fold(p.Name) + "|" + p.Country
			g, ok := byKey[k]
			if !ok {
				q := p
				q.Start, q.End, q.Count = 0, 0, 0
				g = &agg{p: q, arts: map[int]bool{}}
				byKey[k] = g
				keys = append(keys, k)
			}
			g.p.Count += max(p.Count, 1)
			g.arts[i] = true
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := byKey[keys[i]], byKey[keys[j]]
		if len(a.arts) != len(b.arts) {
			return len(a.arts) > len(b.arts)
		}
		if a.p.Count != b.p.Count {
			return a.p.Count > b.p.Count
		}
		return keys[i] < keys[j]
	})
	out := make([]news.GeoPlace, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k].p)
	}
	return out
}

// outletPlace is the event's place when its texts and headlines name
// none: the place most of its outlets' host names name (Analysis.Outlet;
// ties: the earliest article's), as the one place of a nil-or-one list.
func (c *buildCtx) outletPlace() []news.GeoPlace {
	count := map[string]int{}
	var best *news.GeoPlace
	for _, x := range c.an {
		p := x.Outlet
		if p == nil {
			continue
		}
		k := fold(p.Name) + "|" + p.Country
		count[k]++
		if best == nil || count[k] > count[fold(best.Name)+"|"+best.Country] {
			best = p
		}
	}
	if best == nil {
		return nil
	}
	return []news.GeoPlace{*best}
}

// locatives are the prepositions that put an event somewhere ("in Amman",
// "à Paris", "en Karvik").
var locatives = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "en": true, "a": true,
	"à": true, "au": true, "aux": true, "dans": true, "pres": true, "cerca": true, "bei": true, "im": true}

// directions name a part of a town between a locative and its name ("in
// southwest Fresno").
var directions = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northeast": true,
	"northwest": true, "southeast": true, "southwest": true, "central": true, "downtown": true}

// areaWords after a place put the event around it, not in it ("in Karvik
// suburbs", "in Karvik area").
var areaWords = map[string]bool{"suburb": true, "suburbs": true, "area": true, "metro": true, "region": true}

// locativeEnd reports whether folded words ws end in a locative,
// perhaps followed by a direction ("in", "near downtown").
func locativeEnd(ws []string) bool {
	n := len(ws)
	return n > 0 && locatives[ws[n-1]] || n > 1 && directions[ws[n-1]] && locatives[ws[n-2]]
}

// locScores weighs each place (by folded name) as the event's location: a
// mention counts 1, plus 1.5 after a locative preposition and 1 in an
// article's first sentence (the lead and its dateline say where). Topic
// places ("aid for Gaza") are mentioned often but seldom as "in Gaza". A
// mention in a sentence about where the hurt were taken counts only 0.5,
// whatever its place: "flown to a hospital in Lawton" says where the
// hospital is, not where it happened.
func (c *buildCtx) locScores() map[string]float64 {
	out := map[string]float64{}
	for i, x := range c.an {
		text := c.arts[i].Text
		first := news.Span{}
		if len(x.Sentences) > 0 {
			first = x.Sentences[0]
		}
		for _, p := range x.Places {
			if p.Start < 0 || p.End > len(text) || p.Start > p.End {
				continue
			}
			if careSentence(text, x.Sentences, p.Start) {
				out[fold(p.Name)] += 0.5
				continue
			}
			v := 1.0
			if p.Start >= first.Start && p.End <= first.End {
				v++
			}
			if datelinePlace(text, p) && !headLocative(c.arts[i], x.TitlePlaces, p.Name) {
				v += datelineWeight
			}
			before := words(fold(text[max(0, p.Start-24):p.Start]))
			if locativeEnd(before) {
				v += 1.5
			}
			out[fold(p.Name)] += v
		}
	}
	return out
}

// datelineWeight is what a dateline's town ("KANSAS CITY, Mo. --",
// "INDIANAPOLIS (WISH) –") adds to a mention's weight: the outlet files
// from where it happened, even when the lead names the street or the
// suburb.
const datelineWeight = 3.0

// datelineEnds follow a dateline's town and its state: "WACO (KXYZ) -",
// "DENVER - Police", "GARY | A dispute".
var datelineEnds = []string{" (", " -", " –", " —", " |", "("}

// datelinePlace reports a place mention written as a dateline near the
// top of the text: in capitals ("IDAHO FALLS"), before a dateline's end
// or a comma and the state ("PORTLAND, Ore. (KOIN 6) –").
func datelinePlace(text string, p news.GeoPlace) bool {
	if p.Start > 400 || !lex.IsAcronym(text[p.Start:p.End]) {
		return false
	}
	rest := text[p.End:]
	if strings.HasPrefix(rest, ",") {
		// The state: an abbreviation or a name, up to three words.
		r := strings.TrimLeft(rest[1:], " ")
		n := 0
		for n < 3 && r != "" && (r[0] >= 'A' && r[0] <= 'Z') {
			i := strings.IndexAny(r, " (-–—|")
			if i < 0 {
				return false
			}
			r = r[i:]
			if strings.HasPrefix(r, " ") && len(r) > 1 && r[1] >= 'A' && r[1] <= 'Z' && !strings.HasPrefix(r, " (") {
				r = r[1:]
			}
			n++
		}
		rest = r
	}
	for _, e := range datelineEnds {
		if strings.HasPrefix(rest, e) {
			return true
		}
	}
	return false
}

// headLocative reports whether the article's headline puts it in another
// place than name, after a locative ("Police chief shot in Cache"): the
// headline then says where, and the dateline only where the outlet is.
func headLocative(art news.Article, head []news.GeoPlace, name string) bool {
	tw := words(fold(cleanTitle(art.Title, art.Source)))
	for _, p := range head {
		if fold(p.Name) == fold(name) {
			continue
		}
		fw := words(fold(p.Text))
		for k := 1; len(fw) > 0 && k+len(fw) <= len(tw); k++ {
			if locatives[tw[k-1]] && slices.Equal(tw[k:k+len(fw)], fw) {
				return true
			}
		}
	}
	return false
}

// careWords mark a sentence about the care of the hurt: where they were
// taken, not where it happened.
var careWords = map[string]bool{"hospital": true, "hospitals": true, "hospitalized": true, "medical": true,
	"transported": true, "airlifted": true, "flown": true, "trauma": true}

// careSentence reports whether the sentence holding byte off of text is
// about the care of the hurt (careWords).
func careSentence(text string, sents []news.Span, off int) bool {
	for _, s := range sents {
		if off < s.Start || off >= s.End || s.End > len(text) {
			continue
		}
		for _, w := range words(text[s.Start:s.End]) {
			if careWords[fold(w)] {
				return true
			}
		}
		return false
	}
	return false
}

// titleWeight is what a headline naming a place after a locative ("Two
// hurt in Graham shooting") adds to its score as the event's location:
// more than a lead sentence's locative mention. A headline naming it
// otherwise ("Kent police say...", "talks on Gaza rebuilding") adds 1, as
// a mention does: headlines name topics too.
const titleWeight = 3.0

// titlePlaces weighs, for each place of the event (by folded name), the
// headlines that name it (titleWeight or 1 an article), outlet suffixes
// cleaned off (cleanTitle): as written in a text or a headline of the
// event (Places, TitlePlaces) or by its gazetteer name.
func (c *buildCtx) titlePlaces() map[string]float64 {
	forms := map[string]string{} // folded words of a form → folded place name
	for _, x := range c.an {
		for _, p := range slices.Concat(x.Places, x.TitlePlaces) {
			if p.Name == "" {
				continue
			}
			for _, f := range []string{p.Name, p.Text} {
				if w := strings.Join(words(fold(f)), " "); w != "" {
					forms[w] = fold(p.Name)
				}
			}
		}
	}
	out := map[string]float64{}
	for _, a := range c.arts {
		tw := words(fold(cleanTitle(a.Title, a.Source)))
		if len(tw) == 0 {
			continue
		}
		best := map[string]float64{}
		for f, name := range forms {
			fw := strings.Fields(f)
			for k := 0; k+len(fw) <= len(tw); k++ {
				if !slices.Equal(tw[k:k+len(fw)], fw) {
					continue
				}
				v := 1.0
				if locativeEnd(tw[:k]) && (k+len(fw) == len(tw) || !areaWords[tw[k+len(fw)]]) {
					v = titleWeight
				}
				best[name] = max(best[name], v)
			}
		}
		for name, v := range best {
			out[name] += v
		}
	}
	return out
}

// where picks the event's main places: those with coordinates that score
// as its location (locScores) at least a third of the best one, up to
// three. Within a country the most specific come first (a city before its
// country), since "Amman" says more about where it happened than "Jordan".
func where(places []news.GeoPlace, loc map[string]float64) []news.GeoPlace {
	return whereWith(places, loc, nil, nil)
}

// whereWith is where with the headlines' weights (titlePlaces) added to
// the text's: they order the places, and a place a headline names after a
// locative is kept as one of the main ones, but they do not push out a place the
// texts alone would keep (the best headline place is often the best text
// place too, far ahead of the others). The towns and regions nothing else
// of the event anchors, neither its other places nor its outlets' home
// towns (homes), come after those something does (farNamesakes).
func whereWith(places []news.GeoPlace, loc, head map[string]float64, homes []news.GeoPlace) []news.GeoPlace {
	var cands []news.GeoPlace
	for _, p := range places {
		if p.Lat != 0 || p.Lon != 0 {
			cands = append(cands, p)
		}
	}
	seat := seats(cands)
	loc, head = withSeats(loc, seat), withSeats(head, seat)
	score := func(p news.GeoPlace) float64 { return loc[fold(p.Name)] + head[fold(p.Name)] }
	cands = homeCountry(cands, score)
	sort.SliceStable(cands, func(i, j int) bool { return score(cands[i]) > score(cands[j]) })
	far := farNamesakes(cands, homes, score)
	cands = farLast(cands, far)
	bestText := 0.0
	for _, p := range cands {
		if !far[placeKey(p)] {
			bestText = max(bestText, loc[fold(p.Name)])
		}
	}
	var out []news.GeoPlace
	for _, p := range cands {
		if len(out) == 3 {
			break
		}
		if loc[fold(p.Name)]*3 >= bestText || head[fold(p.Name)] >= titleWeight && score(p)*3 >= score(cands[0]) {
			out = append(out, p)
		}
	}
	group := map[string]int{}
	for i, p := range out {
		if _, ok := group[p.Country]; !ok {
			group[p.Country] = i
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		gi, gj := group[out[i].Country], group[out[j].Country]
		if gi != gj {
			return gi < gj
		}
		return specificity(out[i].Kind) < specificity(out[j].Kind)
	})
	return farLast(boroughsFirst(out), far)
}

// homeCountry drops the towns and regions of other countries than the
// event's own, the country whose places score most (by score), when
// theirs score less than a third of it: among the places of a story in
// Memphis a "Whitehaven" read as the English town, a station's call
// letters read as a town of Belgium. Countries stay: a story names the
// country a victim came from.
func homeCountry(cands []news.GeoPlace, score func(news.GeoPlace) float64) []news.GeoPlace {
	by := map[string]float64{}
	home := ""
	for _, p := range cands {
		by[p.Country] += score(p)
		if home == "" || by[p.Country] > by[home] {
			home = p.Country
		}
	}
	if len(by) < 2 {
		return cands
	}
	out := cands[:0:0]
	for _, p := range cands {
		if p.Country == home || p.Kind == "country" || by[p.Country]*3 >= by[home] {
			out = append(out, p)
		}
	}
	return out
}

func specificity(kind string) int {
	switch kind {
	case "country":
		return 2
	case "region":
		return 1
	}
	return 0
}

// eventDates lists the distinct dates the articles mention, in calendar
// order, each with the first wording seen.
func (c *buildCtx) eventDates() []news.DateMention {
	seen := map[string]bool{}
	var out []news.DateMention
	for _, x := range c.an {
		for _, d := range x.Dates {
			k := d.Date + "|" + d.Granularity
			if d.Date == "" || seen[k] {
				continue
			}
			seen[k] = true
			d.Start, d.End = 0, 0
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].Granularity < out[j].Granularity
	})
	return out
}

// eventFigures lists the distinct figures (value, range and what they
// count), most often reported first.
func (c *buildCtx) eventFigures() []news.Figure {
	type agg struct {
		f news.Figure
		n int
	}
	byKey := map[string]*agg{}
	var keys []string
	for i, x := range c.an {
		for _, f := range x.Figures {
			sp := news.Span{Start: 0, End: len(c.arts[i].Text)}
			for _, s := range x.Sentences {
				if f.Start >= s.Start && f.End <= s.End {
					sp = s
					break
				}
			}
			if f.Start < 0 || f.End > len(c.arts[i].Text) || f.Start > f.End {
				continue
			}
			fg := c.figureOf(c.arts[i].Text, sp, f)
			k := formatFigure(fg) + "|" + fold(f.Counts)
			g, ok := byKey[k]
			if !ok {
				q := f
				q.Start, q.End = 0, 0
				g = &agg{f: q}
				byKey[k] = g
				keys = append(keys, k)
			}
			g.n++
		}
		// A headline's toll ("Four hurt in shooting") is a figure of the
		// article too, read on its own words.
		for _, f := range x.TitleFigures {
			if f.Text == "" {
				continue
			}
			q := f
			q.Start, q.End = 0, len(f.Text)
			fg := c.figureOf(f.Text, news.Span{Start: 0, End: len(f.Text)}, q)
			k := formatFigure(fg) + "|" + fold(f.Counts)
			g, ok := byKey[k]
			if !ok {
				q.Start, q.End = 0, 0
				g = &agg{f: q}
				byKey[k] = g
				keys = append(keys, k)
			}
			g.n++
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := byKey[keys[i]], byKey[keys[j]]
		if a.n != b.n {
			return a.n > b.n
		}
		return keys[i] < keys[j]
	})
	out := make([]news.Figure, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k].f)
	}
	return out
}

// eventQuotes keeps each distinct quote once (syndicated copies repeat
// them), from its earliest article, with the speaker's canonical name.
func (c *buildCtx) eventQuotes() []news.Quote {
	seen := map[string]bool{}
	var out []news.Quote
	for i, x := range c.an {
		for _, q := range x.Quotes {
			k := strings.Join(words(fold(q.Text)), " ")
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			q.Article = c.arts[i].ID
			if e, ok := c.entities[q.Entity]; ok && e.Name != "" {
				q.Speaker = e.Name
			}
			out = append(out, q)
			if len(out) == maxQuotes {
				return out
			}
		}
	}
	return out
}

// when is when the happening took place as the sources give it
// (extract.HappeningDays), not when they published: it starts on the day
// the articles give most weight (ties: the earliest), since one article's
// stray or early date should not move the event, and ends on the latest
// day an article picks within three days after it.
func (c *buildCtx) when() news.DateRange {
	votes := map[string]float64{}
	for i := range c.arts {
		for d, p := range happeningDays(&c.arts[i], &c.an[i]) {
			if _, err := time.Parse(time.DateOnly, d); err == nil {
				votes[d] += p
			}
		}
	}
	if len(votes) == 0 {
		return news.DateRange{}
	}
	days := slices.Sorted(maps.Keys(votes))
	start := days[0]
	for _, d := range days {
		if votes[d] > votes[start] {
			start = d
		}
	}
	s, _ := time.Parse(time.DateOnly, start)
	end := start
	for i := range c.arts {
		d, ok := happeningDate(&c.arts[i], &c.an[i])
		t, err := time.Parse(time.DateOnly, d)
		if ok && err == nil && t.After(s) && t.Sub(s) <= 72*time.Hour && d > end {
			end = d
		}
	}
	return news.DateRange{Start: start, End: end}
}

// happeningDays weighs the days an article's event may have happened on
// (extract.HappeningDays, set in extract.go); the fallback gives all the
// weight to happeningDate's day.
var happeningDays = func(art *news.Article, an *news.Analysis) map[string]float64 {
	if d, ok := happeningDate(art, an); ok {
		return map[string]float64{d: 1}
	}
	return nil
}

// fallbackHappening guesses when an article's event happened when extract
// cannot: the first day-granular date of the text within ten days before
// publication (or the day after), else the publication day.
func fallbackHappening(art *news.Article, an *news.Analysis) (string, bool) {
	pub := art.Published.UTC()
	for _, d := range an.Dates {
		if d.Granularity != "" && d.Granularity != "day" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			continue
		}
		if pub.IsZero() || (t.After(pub.AddDate(0, 0, -10)) && t.Before(pub.AddDate(0, 0, 2))) {
			return d.Date, true
		}
	}
	if pub.IsZero() {
		return "", false
	}
	return pub.Format(time.DateOnly), true
}

// title picks the most central headline: the one sharing the most words
// with the headlines of the other independent outlets (a syndicated
// headline votes once), in the event's main language when it has any,
// cleaned of outlet suffixes. Ties go to the earliest.
func (c *buildCtx) title() string {
	type cand struct {
		text  string
		stems []string
		lang  string
		group int
	}
	var cands []cand
	df := map[string]map[int]bool{}
	for ai, a := range c.arts {
		t := cleanTitle(a.Title, a.Source)
		if t == "" {
			continue
		}
		st := contentStems(t)
		for _, n := range words(t) {
			if isNumber(n) {
				st = append(st, "#"+n)
			}
		}
		slices.Sort(st)
		st = slices.Compact(st)
		for _, s := range st {
			if df[s] == nil {
				df[s] = map[int]bool{}
			}
			df[s][c.group[ai]] = true
		}
		cands = append(cands, cand{text: t, stems: st, lang: a.Lang, group: c.group[ai]})
	}
	if len(cands) == 0 {
		return ""
	}
	best, bestScore := -1, -1.0
	for i, x := range cands {
		if x.lang != c.mainLang && best >= 0 && cands[best].lang == c.mainLang {
			continue
		}
		score := 0.0
		for _, s := range x.stems {
			score += float64(len(df[s]) - 1)
		}
		score /= float64(len(x.stems) + 3) // favour headlines, not run-on ones
		if best < 0 || score > bestScore+1e-9 || (x.lang == c.mainLang && cands[best].lang != c.mainLang) {
			best, bestScore = i, score
		}
	}
	return cands[best].text
}

// coverage is the per-outlet table: articles, first seen and how many
// claims the outlet's articles make.
func (c *buildCtx) coverage(claims []news.Claim) []news.Coverage {
	byOutlet := map[string]*news.Coverage{}
	var order []string
	for _, a := range c.arts {
		o := outletName(a.Source)
		cv, ok := byOutlet[o]
		if !ok {
			cv = &news.Coverage{Outlet: o, FirstSeen: a.Published}
			byOutlet[o] = cv
			order = append(order, o)
		}
		cv.Articles = append(cv.Articles, a.ID)
	}
	for _, cl := range claims {
		seen := map[string]bool{}
		for _, id := range cl.Sources {
			i, ok := c.index[id]
			if !ok {
				continue
			}
			o := outletName(c.arts[i].Source)
			if !seen[o] {
				seen[o] = true
				byOutlet[o].Claims++
			}
		}
	}
	out := make([]news.Coverage, 0, len(order))
	for _, o := range order {
		out = append(out, *byOutlet[o])
	}
	return out
}

// claimInfo is what ranking and summarising need to know of a claim
// beyond news.Claim.
type claimInfo struct {
	rep      int // representative sentence (index into sents)
	groups   int // independent outlets
	firstArt int
	firstPos int
	facts    int // entities, places, figures and dates it names
	// meanPos is the mean position of its sentences within their
	// articles: a lead fact opens the reports that state it.
	meanPos float64
}

func (c *buildCtx) claimInfo(cl *cluster, sents []sent, claim news.Claim) claimInfo {
	ci := claimInfo{firstArt: len(c.arts), groups: len(claim.Outlets)}
	for _, m := range cl.members {
		s := &sents[m]
		if s.text == claim.Text && ci.rep == 0 {
			ci.rep = m
		}
		if s.art < ci.firstArt || (s.art == ci.firstArt && s.pos < ci.firstPos) {
			ci.firstArt, ci.firstPos = s.art, s.pos
		}
		ci.meanPos += float64(s.pos) / float64(len(cl.members))
	}
	if sents[ci.rep].text != claim.Text {
		ci.rep = cl.members[0]
		for _, m := range cl.members {
			if sents[m].text == claim.Text {
				ci.rep = m
				break
			}
		}
	}
	s := &sents[ci.rep]
	ci.facts = len(s.people) + len(s.ents) + len(s.places) + len(s.figs) + len(s.dates)
	return ci
}

// rankClaims orders claims for reading: conflicts, then corroborated
// claims by how many outlets back them, then single-source claims by how
// many facts they carry, capped at maxSingles. Conflicts and corroborated
// claims backed by as many outlets come lead facts first (those placed
// highest in the reports that state them); then, and singles within a
// rank, earliest first.
func rankClaims(claims []news.Claim, infos []claimInfo) []news.Claim {
	idx := make([]int, len(claims))
	for i := range idx {
		idx[i] = i
	}
	rank := func(s string) int {
		switch s {
		case news.Conflicting:
			return 0
		case news.Corroborated:
			return 1
		}
		return 2
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := claims[idx[i]], claims[idx[j]]
		ia, ib := infos[idx[i]], infos[idx[j]]
		if rank(a.Status) != rank(b.Status) {
			return rank(a.Status) < rank(b.Status)
		}
		if a.Status == news.Single {
			if ia.facts != ib.facts {
				return ia.facts > ib.facts
			}
		} else {
			if ia.groups != ib.groups {
				return ia.groups > ib.groups
			}
			if ia.meanPos != ib.meanPos {
				return ia.meanPos < ib.meanPos
			}
		}
		if ia.firstArt != ib.firstArt {
			return ia.firstArt < ib.firstArt
		}
		return ia.firstPos < ib.firstPos
	})
	out := make([]news.Claim, 0, len(claims))
	singles := 0
	for _, i := range idx {
		if claims[i].Status == news.Single {
			if singles == maxSingles {
				continue
			}
			singles++
		}
		out = append(out, claims[i])
	}
	return out
}
