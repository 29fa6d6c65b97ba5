package reconcile

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

// maxSingles caps the single-source claims kept on an event. Every claim is
// counted in the coverage table, but a 50-article event holds a thousand
// single sentences and a reader (and the store) needs the informative ones:
// those naming actors, places, numbers and dates.
const maxSingles = 40

// maxQuotes caps the quotes kept on an event, after removing repeats.
const maxQuotes = 20

// buildCtx holds one event's articles, in publication order, with what
// Build derives from them.
type buildCtx struct {
	arts     []news.Article
	an       []news.Analysis
	index    map[string]int // article id → index
	group    []int          // independence group of each article
	mainLang string
	entities map[string]*news.Entity
	places   map[string]string        // folded place name → display name
	placeGeo map[string]news.GeoPlace // folded place name → its gazetteer entry
	// sameAs maps a person key to the key of a near-identical name
	// ("Antony Blinkin" → "Antony Blinken") that canonicalisation left
	// apart, for alignment only.
	sameAs map[string]string
}

// Build returns ev with every dossier field filled (Title, When, Where,
// Entities, Places, Dates, Figures, Quotes, Claims, Summary, Coverage,
// Lead, Image) and First, Last, Sources, Langs recomputed from arts. ev.ID
// and ev.Articles are kept (Articles re-sorted by publication; when ev.Articles is empty
// it is filled from arts, otherwise articles not listed in it are
// ignored). It calls extract.Canonicalize on a copy of the analyses, so an
// is not modified. Deterministic: the same input gives the same output.
func Build(ev news.Event, arts []news.Article, an []news.Analysis) news.Event {
	ctx := newBuildCtx(ev, arts, an)
	out := ev
	out.Articles = ctx.articleIDs(ev.Articles)
	out.First, out.Last, out.Sources, out.Langs = ctx.basics()
	out.Entities = ctx.eventEntities()
	out.Places = ctx.eventPlaces()
	out.Where = whereWith(out.Places, ctx.locScores(), ctx.titlePlaces(), ctx.homes())
	if len(out.Places) == 0 {
		out.Where = ctx.outletPlace()
	}
	out.Dates = ctx.eventDates()
	out.Figures = ctx.eventFigures()
	out.Quotes = ctx.eventQuotes()
	out.When = ctx.when()
	out.Title = ctx.title()

	cs := ctx.claims()
	claims, infos, clusters, sents, ft := cs.claims, cs.infos, cs.clusters, cs.sents, cs.ft
	out.Coverage = ctx.coverage(claims)
	out.Summary = ctx.summary(clusters, claims, infos, sents, ft)
	out.Claims = rankClaims(claims, infos)
	if out.Title == "" {
		// No headlines: the event's own first summary sentence, shortened.
		if len(out.Summary) > 0 {
			out.Title = shorten(out.Summary[0].Text, maxTitle)
		} else {
			out.Title = ev.Title
		}
	}
	out.Lead = lead(out.Summary, out.Title)
	out.Image = ctx.image()
	return out
}

// lead is the sentence an event list shows under the title: the first summary sentence
// that does not just repeat the title (which may have been made from it).
func lead(summary []news.SummarySentence, title string) string {
	t := strings.ToLower(strings.TrimRight(strings.TrimSpace(title), ".…"))
	for _, s := range summary {
		text := strings.TrimSpace(s.Text)
		if text == "" {
			continue
		}
		if t != "" && strings.HasPrefix(strings.ToLower(text), t) && len(text)-len(t) < 4 {
			continue
		}
		return text
	}
	return ""
}

// image is the picture of the event's earliest article that has one.
func (c *buildCtx) image() string {
	for _, a := range c.arts {
		if a.Image != "" {
			return a.Image
		}
	}
	return ""
}

// claimSet is every claim of an event with how it was built.
type claimSet struct {
	sents    []sent
	ft       *featTable
	clusters []*cluster
	claims   []news.Claim // parallel to clusters
	infos    []claimInfo  // parallel to clusters
}

func (c *buildCtx) claims() claimSet {
	var cs claimSet
	cs.sents, cs.ft = c.sentences()
	cs.clusters = alignSentences(cs.sents, cs.ft)
	cs.clusters = keyMerge(cs.clusters, cs.sents, cs.ft)
	cs.clusters = append(cs.clusters, c.tollConflicts(cs.clusters, cs.sents, cs.ft)...)
	cs.clusters = c.mergeConflicts(cs.clusters, cs.sents, cs.ft)
	for _, cl := range cs.clusters {
		claim := claimOf(cl, cs.sents, cs.ft, c)
		cs.claims = append(cs.claims, claim)
		cs.infos = append(cs.infos, c.claimInfo(cl, cs.sents, claim))
	}
	return cs
}

func newBuildCtx(ev news.Event, arts []news.Article, an []news.Analysis) *buildCtx {
	keep := map[string]bool{}
	for _, id := range ev.Articles {
		keep[id] = true
	}
	ctx := &buildCtx{index: map[string]int{}}
	for _, a := range arts {
		if len(keep) > 0 && !keep[a.ID] {
			continue
		}
		if _, dup := ctx.index[a.ID]; dup {
			continue
		}
		ctx.index[a.ID] = len(ctx.arts)
		ctx.arts = append(ctx.arts, a)
	}
	sort.SliceStable(ctx.arts, func(i, j int) bool { return articleLess(&ctx.arts[i], &ctx.arts[j]) })
	clear(ctx.index)
	for i, a := range ctx.arts {
		ctx.index[a.ID] = i
	}

	byID := map[string]int{}
	for i, x := range an {
		if x.Article != "" {
			byID[x.Article] = i
		}
	}
	ctx.an = make([]news.Analysis, len(ctx.arts))
	for i, a := range ctx.arts {
		var x news.Analysis
		if k, ok := byID[a.ID]; ok {
			x = an[k]
		} else if len(an) == len(arts) && an[indexOf(arts, a.ID)].Article == "" {
			x = an[indexOf(arts, a.ID)]
		}
		// Copy what Canonicalize rewrites, so the caller's analyses stay
		// as they were.
		x.Mentions = slices.Clone(x.Mentions)
		x.Entities = slices.Clone(x.Entities)
		x.Quotes = slices.Clone(x.Quotes)
		x.Article = a.ID
		if x.Lang == "" {
			x.Lang = a.Lang
		}
		x.Sentences = refineSentences(a.Text, x.Sentences)
		ctx.an[i] = x
	}
	ents := canonicalize(ctx.arts, ctx.an)
	ctx.entities = make(map[string]*news.Entity, len(ents))
	for i := range ents {
		ctx.entities[ents[i].ID] = &ents[i]
	}
	ctx.places = map[string]string{}
	ctx.placeGeo = map[string]news.GeoPlace{}
	for _, x := range ctx.an {
		for _, p := range x.Places {
			if _, ok := ctx.places[fold(p.Name)]; !ok && p.Name != "" {
				ctx.places[fold(p.Name)] = p.Name
				ctx.placeGeo[fold(p.Name)] = p
			}
		}
	}
	ctx.sameAs = similarPeople(ctx.an, ctx.entities)
	ctx.mainLang = mainLang(ctx.arts)
	ctx.group = independenceGroups(ctx.arts)
	return ctx
}

// refineSentences returns the analysis's sentences, each cut again where
// the fallback splitter sees a boundary (a sentence ending before an opening
// quote is easy to miss, and one claim per sentence needs the cut), or the
// fallback splitter's sentences when the analysis has none. Spans outside
// the text are dropped.
func refineSentences(text string, spans []news.Span) []news.Span {
	if len(spans) == 0 {
		return joinOrdinalDates(text, splitSentences(text))
	}
	out := make([]news.Span, 0, len(spans))
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		for _, sub := range splitSentences(text[sp.Start:sp.End]) {
			out = append(out, news.Span{Start: sp.Start + sub.Start, End: sp.Start + sub.End})
		}
	}
	return joinOrdinalDates(text, out)
}

// joinOrdinalDates joins a sentence ending in a day number with the next
// when that one opens with a month: German and Nordic write dates as
// ordinals ("am 16. Dezember"), and a splitter that takes "16." for a
// sentence end cuts the date and its sentence in two.
func joinOrdinalDates(text string, spans []news.Span) []news.Span {
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && endsInDayNumber(text[out[n-1].Start:out[n-1].End]) {
			if first := words(text[sp.Start:sp.End]); len(first) > 0 {
				if _, ok := timex.MonthName(first[0]); ok && out[n-1].End <= sp.Start {
					out[n-1].End = sp.End
					continue
				}
			}
		}
		out = append(out, sp)
	}
	return out
}

// endsInDayNumber reports whether s ends in a number of one or two digits
// followed by a period ("Montag, 16.").
func endsInDayNumber(s string) bool {
	s, ok := strings.CutSuffix(s, ".")
	if !ok {
		return false
	}
	n := 0
	for n < len(s) && n < 3 && s[len(s)-1-n] >= '0' && s[len(s)-1-n] <= '9' {
		n++
	}
	return (n == 1 || n == 2) && (n == len(s) || !unicode.IsLetter(rune(s[len(s)-1-n])) && s[len(s)-1-n] != '.')
}

func indexOf(arts []news.Article, id string) int {
	for i := range arts {
		if arts[i].ID == id {
			return i
		}
	}
	return 0
}

func articleLess(a, b *news.Article) bool {
	if !a.Published.Equal(b.Published) {
		return a.Published.Before(b.Published)
	}
	return a.ID < b.ID
}

// articleIDs returns the event's article ids in publication order. Ids the
// event lists without a matching article keep their place at the end.
func (c *buildCtx) articleIDs(listed []string) []string {
	ids := make([]string, 0, len(c.arts))
	for _, a := range c.arts {
		ids = append(ids, a.ID)
	}
	for _, id := range listed {
		if _, ok := c.index[id]; !ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func (c *buildCtx) basics() (first, last time.Time, sources, langs []string) {
	seenS, seenL := map[string]bool{}, map[string]bool{}
	for i, a := range c.arts {
		if i == 0 || a.Published.Before(first) {
			first = a.Published
		}
		if i == 0 || a.Published.After(last) {
			last = a.Published
		}
		if a.Source != "" && !seenS[a.Source] {
			seenS[a.Source] = true
			sources = append(sources, a.Source)
		}
		if a.Lang != "" && !seenL[a.Lang] {
			seenL[a.Lang] = true
			langs = append(langs, a.Lang)
		}
	}
	sort.Strings(langs)
	return first, last, sources, langs
}

func mainLang(arts []news.Article) string {
	n := map[string]int{}
	for _, a := range arts {
		n[a.Lang]++
	}
	best := ""
	for l, k := range n {
		if best == "" || k > n[best] || (k == n[best] && (l == "en" || (best != "en" && l < best))) {
			best = l
		}
	}
	return best
}

// independenceGroups assigns each article the group of the outlets it is
// not independent of: the same outlet, the article it is a DuplicateOf, or
// an article whose text it nearly repeats (a wire story carried by several
// sites, found by word 4-gram shingles: at least 70% of the shorter text's
// shingles are in the longer one).
func independenceGroups(arts []news.Article) []int {
	parent := make([]int, len(arts))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if ra < rb {
			parent[rb] = ra
		} else {
			parent[ra] = rb
		}
	}
	bySource := map[string]int{}
	byID := map[string]int{}
	for i, a := range arts {
		byID[a.ID] = i
		src := fold(strings.TrimPrefix(a.Source, "www."))
		if src == "" {
			continue
		}
		if j, ok := bySource[src]; ok {
			union(i, j)
		} else {
			bySource[src] = i
		}
	}
	for i, a := range arts {
		if j, ok := byID[a.DuplicateOf]; ok && a.DuplicateOf != "" {
			union(i, j)
		}
	}
	shingles := make([][]uint64, len(arts))
	for i := range arts {
		shingles[i] = shingleSet(arts[i].Text)
	}
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			a, b := shingles[i], shingles[j]
			small, large := len(a), len(b)
			if small > large {
				small, large = large, small
			}
			if small < minShingles || find(i) == find(j) {
				continue
			}
			// The smaller set's smallest hashes are a uniform sample of
			// it: if few of them are in the other set, neither is the
			// whole, and the exact merge is skipped.
			if len(b) < len(a) {
				a, b = b, a
			}
			if sampled(a, b) < 0.5 {
				continue
			}
			if containment(a, b) >= 0.7 {
				union(i, j)
			}
		}
	}
	group := make([]int, len(arts))
	for i := range arts {
		group[i] = find(i)
	}
	return group
}

// minShingles is the fewest word 4-grams a text needs to be judged a copy:
// two independent one-line reports of the same fact are often nearly the
// same words.
const minShingles = 20

func shingleSet(text string) []uint64 {
	ws := words(text)
	hs := make([]uint64, len(ws))
	for i, w := range ws {
		hs[i] = hashString(fold(w))
	}
	var out []uint64
	for i := 0; i+4 <= len(hs); i++ {
		h := uint64(14695981039346656037)
		for _, x := range hs[i : i+4] {
			h = (h ^ x) * 1099511628211
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hashString is 64-bit FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// sampled is the share of the 32 smallest hashes of a found in b (both
// sorted).
func sampled(a, b []uint64) float64 {
	k := min(len(a), 32)
	if k == 0 {
		return 0
	}
	n := 0
	for _, h := range a[:k] {
		if _, ok := slices.BinarySearch(b, h); ok {
			n++
		}
	}
	return float64(n) / float64(k)
}

// containment is |a ∩ b| / min(|a|, |b|) of two sorted sets.
func containment(a, b []uint64) float64 {
	n := 0
	for range shared(a, b) {
		n++
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// sortIDs returns ids without repeats, in publication order.
func (c *buildCtx) sortIDs(ids []string) []string {
	out := slices.Clone(ids)
	sort.Slice(out, func(i, j int) bool { return c.index[out[i]] < c.index[out[j]] })
	return slices.Compact(out)
}

// outletsOf returns one outlet per independence group among the articles
// (the outlet of its earliest article there), in publication order.
func (c *buildCtx) outletsOf(ids []string) []string {
	seen := map[int]bool{}
	var out []string
	for _, id := range c.sortIDs(ids) {
		i, ok := c.index[id]
		if !ok || seen[c.group[i]] {
			continue
		}
		seen[c.group[i]] = true
		out = append(out, outletName(c.arts[i].Source))
	}
	return out
}

// UnknownOutlet names the outlet of an article that tells none (a bare
// text without a source line or URL): never its id or hash.
const UnknownOutlet = "unknown outlet"

// outletName is an article's outlet as people read it.
func outletName(source string) string { return cmp.Or(source, UnknownOutlet) }

// displayValue renders a conflicting slot's value for people.
func (c *buildCtx) displayValue(slot, key string) string {
	switch slot {
	case "person":
		if e, ok := c.entities[key]; ok && e.Name != "" {
			return e.Name
		}
	case "place":
		if n, ok := c.places[key]; ok {
			return n
		}
		if e, ok := c.entities[key]; ok && e.Name != "" {
			return e.Name
		}
	}
	return key
}

// samePlace reports whether two place values can name the same location:
// the same name, or a place and the country or region that contains it
// ("Amman" and "Jordan" do not conflict).
func (c *buildCtx) samePlace(a, b string) bool {
	if a == b || containsWords(a, b) || containsWords(b, a) {
		return true // "Wasilla" and "Wasilla Bible Church"
	}
	pa, okA := c.placeGeo[a]
	pb, okB := c.placeGeo[b]
	if !okA || !okB || pa.Country == "" || pa.Country != pb.Country {
		return false
	}
	return specificity(pa.Kind) > 0 || specificity(pb.Kind) > 0
}

// containsWords reports whether the words of b appear in a, in a row.
func containsWords(a, b string) bool {
	return b != "" && strings.Contains(" "+strings.Join(words(a), " ")+" ", " "+strings.Join(words(b), " ")+" ")
}

// distinctPeople reports whether the people named by keys are truly
// different, not one person under spellings canonicalisation missed
// ("Antony Blinken" and "Anthony Blinkin" share a similar surname).
func (c *buildCtx) distinctPeople(keys []string) bool {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = fold(c.displayValue("person", k))
	}
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			a, b := lastWord(names[i]), lastWord(names[j])
			if a == b || similarity(a, b) >= 0.6 {
				return false
			}
		}
	}
	return true
}

func lastWord(s string) string {
	ws := words(s)
	if len(ws) == 0 {
		return s
	}
	return ws[len(ws)-1]
}

// similarity is 1 − normalised Levenshtein distance.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			d := prev[j-1]
			if ra[i-1] != rb[j-1] {
				d++
			}
			cur[j] = min(d, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb)))
}

// similarPeople links person keys whose names are near-identical: the
// whole folded names at least 85% alike, or the same first name and
// surnames at least 80% alike. Machine translation and transliteration
// misspell names ("Blinkin"), and a claim should still align on its actor.
// Each key maps to the smallest key of its group.
func similarPeople(an []news.Analysis, ents map[string]*news.Entity) map[string]string {
	names := map[string]string{}
	for _, x := range an {
		for _, m := range x.Mentions {
			if m.Type != news.Person {
				continue
			}
			k := entityKey(m)
			if _, ok := names[k]; ok {
				continue
			}
			n := m.Text
			if e, ok := ents[k]; ok && e.Name != "" {
				n = e.Name
			}
			names[k] = fold(n)
		}
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := map[string]string{}
	for i, a := range keys {
		if _, ok := out[a]; ok {
			continue
		}
		for _, b := range keys[i+1:] {
			if _, ok := out[b]; ok {
				continue
			}
			na, nb := names[a], names[b]
			wa, wb := words(na), words(nb)
			alike := similarity(na, nb) >= 0.85
			if !alike && len(wa) > 1 && len(wb) > 1 && wa[0] == wb[0] && similarity(wa[len(wa)-1], wb[len(wb)-1]) >= 0.8 {
				alike = true
			}
			if alike {
				out[b] = a
			}
		}
	}
	return out
}

// entityKey returns the canonical key of a mention, falling back on its
// type and folded text when the analysis left it empty.
func entityKey(m news.Mention) string {
	if m.Entity != "" {
		return m.Entity
	}
	return string(m.Type) + ":" + slug(m.Text)
}

func slug(s string) string {
	return strings.Join(words(fold(s)), "-")
}

// sentences reduces every sentence of every article to its features, in
// publication order, and weighs the features by their rarity in the event.
func (c *buildCtx) sentences() ([]sent, *featTable) {
	ft := newFeatTable()
	var sents []sent
	for ai := range c.arts {
		a, x := &c.arts[ai], &c.an[ai]
		mentions := slices.Clone(x.Mentions)
		slices.SortFunc(mentions, func(p, q news.Mention) int { return cmp.Compare(p.Start, q.Start) })
		for pos, sp := range x.Sentences {
			if sp.Start < 0 || sp.End > len(a.Text) || sp.Start >= sp.End {
				continue
			}
			s := c.sentence(ft, ai, pos, sp, mentions)
			if s == nil {
				continue
			}
			sents = append(sents, *s)
		}
	}
	for i := range sents {
		for _, f := range sents[i].feats {
			ft.df[f]++
		}
	}
	ft.weigh(len(sents))
	return sents, ft
}

func (c *buildCtx) sentence(ft *featTable, ai, pos int, sp news.Span, mentions []news.Mention) *sent {
	a, x := &c.arts[ai], &c.an[ai]
	text := strings.TrimSpace(a.Text[sp.Start:sp.End])
	ws := words(text)
	if len(ws) < 4 || boilerplate(text) || heading(text, a.Title) {
		return nil
	}
	s := &sent{art: ai, pos: pos, group: c.group[ai], text: oneLine(text), nwords: len(ws), lang: cmp.Or(x.Lang, a.Lang)}
	in := func(start, end int) bool { return start >= sp.Start && end <= sp.End }
	var feats []int32
	var covered []news.Span // spans of dates and figures, whose digits are not raw numbers
	var named []news.Span   // spans of places and dates, which a dateline is made of
	k := sort.Search(len(mentions), func(i int) bool { return mentions[i].Start >= sp.Start })
	for ; k < len(mentions) && mentions[k].Start < sp.End; k++ {
		m := mentions[k]
		if !in(m.Start, m.End) {
			continue
		}
		key := entityKey(m)
		switch m.Type {
		case news.Person:
			if k, ok := c.sameAs[key]; ok {
				key = k
			}
			feats = append(feats, ft.id(kPerson, key))
			s.people = append(s.people, key)
		case news.Place:
			named = append(named, news.Span{Start: m.Start, End: m.End})
			name := fold(m.Text)
			if e, ok := c.entities[key]; ok && e.Name != "" {
				name = fold(e.Name)
			}
			feats = append(feats, ft.id(kPlace, name))
			s.places = append(s.places, name)
		default:
			feats = append(feats, ft.id(kEnt, key))
			s.ents = append(s.ents, key)
		}
	}
	for _, p := range x.Places {
		if in(p.Start, p.End) && p.Name != "" {
			named = append(named, news.Span{Start: p.Start, End: p.End})
			name := fold(p.Name)
			feats = append(feats, ft.id(kPlace, name))
			s.places = append(s.places, name)
		}
	}
	for _, d := range x.Dates {
		if !in(d.Start, d.End) {
			continue
		}
		covered = append(covered, news.Span{Start: d.Start, End: d.End})
		named = append(named, news.Span{Start: d.Start, End: d.End})
		if d.Granularity == "" || d.Granularity == "day" {
			feats = append(feats, ft.id(kDate, d.Date))
			s.dates = append(s.dates, d.Date)
		}
	}
	for _, f := range x.Figures {
		if !in(f.Start, f.End) || overlapsAny(f.Start, f.End, covered) {
			continue
		}
		fg := c.figureOf(a.Text, sp, f)
		if fg.class == "" && fg.lo >= 1900 && fg.lo <= 2100 && fg.lo == math.Trunc(fg.lo) {
			continue // a year
		}
		covered = append(covered, news.Span{Start: f.Start, End: f.End})
		s.figs = append(s.figs, fg)
		feats = append(feats, ft.id(kNum, strconv.FormatFloat(fg.lo, 'f', -1, 64)))
		if fg.class != "" {
			feats = append(feats, ft.id(kCount, fg.class))
		}
	}
	// Numbers the extractor did not turn into figures still align
	// translations ("12", "2,5") and are indexed as plain numbers.
	off := sp.Start + strings.Index(a.Text[sp.Start:sp.End], text)
	// A bare number that a toll word introduces ("injuring 80", "has
	// risen to 110") is that toll.
	from := off
	for i, w := range ws {
		if isNumber(w) {
			at := from + strings.Index(a.Text[from:sp.End], w)
			from = at + len(w)
			if !overlapsAny(at, at+len(w), covered) {
				v, _ := strconv.ParseFloat(w, 64)
				feats = append(feats, ft.id(kNum, strconv.FormatFloat(v, 'f', -1, 64)))
				if u, ok := unitOf(foldAll(ws[i+1 : min(len(ws), i+3)])); ok {
					// A number in a unit the extractor missed ("2000 Litern").
					fg := asAmount(figure{lo: v, hi: v, text: w, approx: hedged(a.Text, at)}, u)
					s.figs = append(s.figs, fg)
					feats = append(feats, ft.id(kCount, fg.class))
				} else if class := tollBefore(ws, i); class != "" && !clockTime(a.Text, at+len(w), ws, i) && !ageAfter(a.Text, at+len(w)) {
					s.figs = append(s.figs, figure{class: class, lo: v, hi: v, text: w, approx: hedged(a.Text, at)})
					feats = append(feats, ft.id(kCount, class))
				}
			}
		}
	}
	if len(s.figs) == 0 && datelineOnly(a.Text, off, off+len(text), named) {
		return nil
	}
	stems := stemsOf(ws)
	s.nstems = len(stems)
	for _, w := range stems {
		feats = append(feats, ft.id(kWord, w))
	}
	if len(stems) < 2 && len(s.figs) == 0 && len(s.dates) == 0 {
		return nil
	}
	slices.Sort(feats)
	s.feats = slices.Compact(feats)
	for _, l := range []*[]string{&s.people, &s.places, &s.ents, &s.dates} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return s
}

// datelineOnly reports whether text[start:end] is only a dateline, a place and a
// day on a line of their own ("Helsinki, today (20.12.2024)."): besides
// the places and dates in named, numbers and calendar words, it holds at
// most one word, and no content word. It says where and when the report was filed, which is
// no claim.
func datelineOnly(text string, start, end int, named []news.Span) bool {
	if !slices.ContainsFunc(named, func(sp news.Span) bool { return sp.Start >= start && sp.End <= end }) {
		return false
	}
	rest := 0
	from := start
	for i, w := range words(text[start:end]) {
		at := from + strings.Index(text[from:end], w)
		from = at + len(w)
		if overlapsAny(at, at+len(w), named) || isNumber(w) || timex.CalendarWord(w) {
			continue
		}
		// The place a gazetteer does not know still opens the line, as
		// a name, before a comma ("Sotra, today ...").
		r, _ := utf8.DecodeRuneInString(w)
		if i == 0 && unicode.IsUpper(r) && strings.HasPrefix(text[from:end], ",") {
			continue
		}
		if rest++; rest > 1 || len(stemsOf([]string{w})) > 0 {
			return false
		}
	}
	return true
}

// clip returns text[start:end] with both ends moved inward to rune
// boundaries.
func clip(text string, start, end int) string {
	for start < end && start < len(text) && !utf8.RuneStart(text[start]) {
		start++
	}
	for end > start && end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	if start >= end {
		return ""
	}
	return text[start:end]
}

// oneLine collapses runs of white space to one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func overlapsAny(start, end int, spans []news.Span) bool {
	for _, sp := range spans {
		if start < sp.End && sp.Start < end {
			return true
		}
	}
	return false
}

// nobody are the words that deny a toll word just after them ("nobody
// injured", "no one hurt"); nobodyAfter those that deny it from after it,
// as German, French and Spanish put them ("verletzt wurde niemand"). The
// number before is not that toll.
var (
	nobody      = wordSet(`nobody none no niemand keiner keine personne aucun aucune nadie ninguno`)
	nobodyAfter = wordSet(`nobody niemand keiner personne nadie`)
)

// negatedAt reports whether ws[i] is denied by a word within two of it.
func negatedAt(ws []string, i int) bool {
	for j := max(0, i-2); j < min(len(ws), i+3); j++ {
		if (j < i && nobody[ws[j]]) || (j > i && nobodyAfter[ws[j]]) {
			return true
		}
	}
	return false
}

// figureOf classifies what a figure counts: the extractor's Counts when it
// names a known class, else a known class word among the four words after
// the number ("15 people were killed") or the three before ("death toll rose
// to 15"), else the head word of Counts ("300 troops" → "troops").
func (c *buildCtx) figureOf(text string, sp news.Span, f news.Figure) figure {
	fg := figure{lo: f.Value, hi: max(f.Value, f.Max), text: f.Text, approx: hedged(text, f.Start)}
	// "a 72-year-old man" is an age, not a count.
	if around := strings.ToLower(clip(text, f.Start, min(len(text), f.End+12))); strings.Contains(around, "-year") || strings.Contains(around, " year-old") || strings.Contains(around, " years old") || strings.Contains(around, " year old") {
		fg.class = "age"
		return fg
	}
	counts := words(fold(f.Counts))
	after := words(fold(clip(text, f.End, min(sp.End, f.End+64))))
	if u, ok := unitOf(counts); ok {
		return asAmount(fg, u)
	}
	if u, ok := unitOf(after); ok {
		return asAmount(fg, u)
	}
	for _, w := range counts {
		if cl, ok := countClass[w]; ok {
			fg.class = cl
			return fg
		}
	}
	for i, w := range after {
		if i == 4 {
			break
		}
		if cl, ok := countClass[w]; ok && !negatedAt(after, i) {
			fg.class = cl
			return fg
		}
	}
	before := words(fold(clip(text, max(sp.Start, f.Start-48), f.Start)))
	for i := len(before) - 1; i >= 0 && i >= len(before)-3; i-- {
		if cl, ok := countClass[before[i]]; ok {
			fg.class = cl
			return fg
		}
		if cl, ok := tollVerbs[before[i]]; ok {
			fg.class = cl
			return fg
		}
	}
	if cl := clauseToll(text, sp, f, counts); cl != "" {
		fg.class = cl
		return fg
	}
	if len(counts) > 0 {
		fg.class = stem(counts[len(counts)-1])
	}
	return fg
}
