package sample

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Text sizes of generated articles, in bytes. Real wire stories are mostly
// 1.5–3 KB; benchmarks of the store and the web server need that size, not
// the 1 KB of the hand-written corpus.
const (
	minText = 1500
	maxText = 3000
)

// eventSizeWeights[i] is the relative frequency of events with i+1
// articles: most happenings are reported a few times, a few very often.
var eventSizeWeights = [12]int{20, 16, 13, 11, 9, 8, 6, 5, 4, 3, 3, 2}

// genStart is the first day of the generated span.
var genStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// Generate makes n synthetic but realistic-looking English articles
// (1.5–3 KB of text each, with names, places, figures, quotes and dates),
// grouped into events of 1–12 articles over a span of days, from 50
// fictional outlets. It is deterministic for a seed. The second result maps
// each article id to its gold event label, independent of Article.Event,
// which Generate leaves empty for the clusterer to fill.
//
// An event draws one of 12 kinds of happening (earthquake, strike,
// takeover, ...), a real city, three invented people with roles, a witness,
// a named street or district, invented organisations, its figures, half of
// the kind's detail sentences and its own choice of synonyms; all its
// articles share them, so articles of one event are similar and distinct
// events differ the way real ones do (same kind, other place, actors and
// wording; one in ten repeats the place of the previous event of its
// kind). Articles of one event vary sentence choice and order, date format,
// quote wording, and now and then a figure (a later, higher count), and
// about one in twenty is a verbatim syndicated copy. Generic sentences
// ("Officials said more information would be released...") are shared by
// all events, as boilerplate is in real news.
//
// The span is n/300 days, at least 7 and at most 365, from 1 January 2024;
// GenerateSpan sets it.
func Generate(n int, seed int64) ([]news.Article, map[string]string) {
	return GenerateSpan(n, seed, 0)
}

// MaxSpanDays bounds GenerateSpan's span, so that every date stays within
// the years 1900–2100 that ingest accepts.
const MaxSpanDays = 70 * 365

// GenerateSpan is Generate with the events' first reports spread over
// days days from 1 January 2024 (0 means Generate's n/300, at most 365),
// e.g. 1095 for three years of archive. The events are drawn as by
// Generate, from the same kinds, places, name stock and templates, with
// the same share of look-alike events (same kind, a repeated place) and
// syndicated copies; a longer span only spreads them thinner per day. A
// seed and a span give one corpus.
func GenerateSpan(n int, seed int64, days int) ([]news.Article, map[string]string) {
	labels := make(map[string]string, max(n, 0))
	if n <= 0 {
		return nil, labels
	}
	g := &gen{
		rng:    rand.New(rand.NewPCG(uint64(seed), 0x5eed_d055_1e77)),
		prefix: "gen-" + strconv.FormatUint(uint64(seed), 36) + "-",
		span:   min(max(n/300, 7), 365),
	}
	if days > 0 {
		g.span = min(days, MaxSpanDays)
	}
	g.byCountry = make(map[string][]int)
	g.last = make(map[string]*event)
	for i, c := range cities {
		g.byCountry[c.country] = append(g.byCountry[c.country], i)
	}
	for i, c := range cities {
		if len(g.byCountry[c.country]) > 1 {
			g.multi = append(g.multi, i)
		}
	}
	arts := make([]news.Article, 0, n)
	for ev := 0; len(arts) < n; ev++ {
		size := min(g.eventSize(), n-len(arts))
		e := g.event()
		label := g.prefix + "ev" + strconv.Itoa(ev)
		for j := range size {
			a := g.article(e, j, len(arts))
			labels[a.ID] = label
			arts = append(arts, a)
		}
	}
	return arts, labels
}

// gen is the state of one Generate call.
type gen struct {
	rng       *rand.Rand
	prefix    string
	span      int               // days over which events start
	byCountry map[string][]int  // country → indexes into cities
	multi     []int             // indexes of cities that share their country with another
	perm      []int             // scratch for the order of the kind's sentences
	gperm     []int             // scratch for the order of generic sentences
	qperm     []int             // scratch for quote order
	scratch   []byte            // article text being built
	last      map[string]*event // kind name → its latest event
}

// event holds everything the articles of one happening share.
type event struct {
	k            *kind
	c            *compiledKind
	salt         uint64 // picks the event's synonyms
	details      []int  // the kind's detail sentences this event uses
	when         time.Time
	city, city2  city
	people, sur  [4]string // three actors with roles and a witness
	roles        [4]string
	site         string // a named place of the event, e.g. "Linden Street"
	country      string // the country of city as running text writes it
	country2     string
	org, org2    string
	org3, agency string
	n            [4]int
	pct          [2]string
	money, mag   string
	clock        string
	firstTitle   string
	firstText    string
}

// article is the per-article state of fill.
type article struct {
	date      string
	n1        int
	mentioned [4]bool
	headline  bool // filling a headline: "Netherlands quake", not "the Netherlands quake"
}

func (g *gen) eventSize() int {
	total := 0
	for _, w := range eventSizeWeights {
		total += w
	}
	r := g.rng.IntN(total)
	for i, w := range eventSizeWeights {
		if r < w {
			return i + 1
		}
		r -= w
	}
	return 1
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) between(r [2]int) int {
	if r[1] <= r[0] {
		return r[0]
	}
	return r[0] + g.rng.IntN(r[1]-r[0]+1)
}

// surname picks a listed surname or, three times in four, a two-syllable one.
func (g *gen) surname() string {
	if g.rng.IntN(4) == 0 {
		return g.pick(lastNames)
	}
	return g.pick(surnameHeads) + g.pick(surnameTails)
}

// stem picks a listed organisation stem or, three times in four, a
// two-syllable one.
func (g *gen) stem() string {
	if g.rng.IntN(4) == 0 {
		return g.pick(orgStems)
	}
	return g.pick(stemHeads) + g.pick(stemTails)
}

func (g *gen) orgName(style orgStyle, trades []string) string {
	switch style {
	case party:
		return g.pick(partyA) + " " + g.pick(partyB)
	case union:
		return g.pick(unionA) + " " + g.pick(unionB)
	}
	if trades == nil {
		trades = orgTrades
	}
	return g.stem() + " " + g.pick(trades)
}

func (g *gen) event() *event {
	ki := g.rng.IntN(len(kinds))
	k := &kinds[ki]
	e := &event{k: k, c: &compiledKinds[ki], salt: g.rng.Uint64()}
	// Each event tells only part of the kind's story, so two events of
	// one kind share some sentences, not all.
	nd := len(k.details)
	e.details = shuffled(g.rng, nil, nd)[:max(nd/2, min(nd, 4))]
	day := g.rng.IntN(g.span)
	e.when = genStart.Add(time.Duration(day)*24*time.Hour + time.Duration(g.rng.IntN(24*60))*time.Minute)
	ci := g.rng.IntN(len(cities))
	if !k.otherCountry {
		// Templates speak of "{city2} and other parts of {country}":
		// both cities must be in one country.
		ci = g.multi[g.rng.IntN(len(g.multi))]
	}
	e.city = cities[ci]
	e.city2 = g.otherCity(ci, k.otherCountry)
	if prev := g.last[k.name]; prev != nil && g.rng.IntN(10) == 0 {
		// Now and then the same kind of thing happens again in the same
		// place (two earthquakes, two strikes): similar but distinct
		// events that a clusterer must keep apart.
		e.city, e.city2 = prev.city, prev.city2
	}
	g.last[k.name] = e
	e.country, e.country2 = inText(e.city.country), inText(e.city2.country)
	for i := range e.people {
		first, last := g.pick(firstNames), g.surname()
		e.people[i], e.sur[i] = first+" "+last, last
	}
	sf := siteForms[g.rng.IntN(len(siteForms))]
	site := g.pick(siteStems)
	if g.rng.IntN(2) == 0 {
		site = g.stem()
	}
	e.site = sf.before + site + sf.after
	e.org = g.orgName(k.org, k.trades)
	e.org2 = g.orgName(company, nil)
	for e.org3 = g.orgName(k.org, k.trades); e.org3 == e.org; e.org3 = g.orgName(k.org, k.trades) {
	}
	for i := range e.n {
		e.n[i] = g.between(k.n[i])
	}
	for i := range e.pct {
		if k.pct[i][1] > 0 {
			e.pct[i] = strconv.Itoa(g.between(k.pct[i])) + "." + strconv.Itoa(g.rng.IntN(10))
		}
	}
	if k.money[1] > 0 {
		e.money = g.moneyPhrase(g.between(k.money))
	}
	if k.mag {
		e.mag = strconv.Itoa(5+g.rng.IntN(3)) + "." + strconv.Itoa(g.rng.IntN(10))
	}
	e.clock = twoDigits(g.rng.IntN(24)) + ":" + twoDigits(g.rng.IntN(60))
	var a article
	e.agency = string(g.fill(nil, e.c.agency, e, &a))
	for i, r := range e.c.roles {
		e.roles[i] = string(g.fill(nil, r, e, &a))
	}
	e.roles[3] = string(g.fill(nil, compiledWitnessRoles[g.rng.IntN(len(compiledWitnessRoles))], e, &a))
	return e
}

// otherCity picks a second place for an event: in another country for
// meetings between two states, otherwise a city of the same country when
// there is one.
func (g *gen) otherCity(ci int, otherCountry bool) city {
	c := cities[ci]
	if !otherCountry {
		same := g.byCountry[c.country]
		if len(same) > 1 {
			for {
				j := same[g.rng.IntN(len(same))]
				if j != ci {
					return cities[j]
				}
			}
		}
	}
	for {
		o := cities[g.rng.IntN(len(cities))]
		if o.country != c.country {
			return o
		}
	}
}

func (g *gen) moneyPhrase(millions int) string {
	cur := " euros"
	if g.rng.IntN(3) == 0 {
		cur = " dollars"
	}
	if millions >= 1000 {
		return strconv.Itoa(millions/1000) + "." + strconv.Itoa(millions%1000/100) + " billion" + cur
	}
	return strconv.Itoa(millions) + " million" + cur
}

func twoDigits(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

// datePhrase writes the event's date the way one outlet might, relative to
// the article's publication time.
func (g *gen) datePhrase(when, pub time.Time) string {
	d, m, y := strconv.Itoa(when.Day()), when.Month(), strconv.Itoa(when.Year())
	wd := weekdays[when.Weekday()]
	switch g.rng.IntN(6) {
	case 1:
		return "on " + d + " " + months[m-1]
	case 2:
		return "on " + months[m-1] + " " + d + ", " + y
	case 3:
		return "on " + twoDigits(when.Day()) + "." + twoDigits(int(m)) + "." + y
	case 4:
		return "on " + wd + ", " + d + " " + months[m-1] + " " + y
	case 5:
		if pub.Truncate(24*time.Hour).Sub(when.Truncate(24*time.Hour)) == 24*time.Hour {
			return "yesterday"
		}
	}
	return "on " + wd
}

func (g *gen) article(e *event, j, idx int) news.Article {
	k := e.k
	id := g.prefix + strconv.Itoa(idx)
	lag := time.Duration(30+g.rng.IntN(6*60)) * time.Minute
	if j > 0 {
		lag = time.Duration(60+g.rng.IntN(72*60)) * time.Minute
	}
	pub := e.when.Add(lag).Truncate(time.Minute)
	source := outlets[g.rng.IntN(len(outlets))]

	var title, text string
	if j > 0 && g.rng.IntN(20) == 0 {
		// A syndicated copy: the first report verbatim, sometimes under
		// the outlet's own headline.
		title, text = e.firstTitle, e.firstText
		if g.rng.IntN(2) == 0 {
			a := article{n1: e.n[0], headline: true}
			title = string(g.fill(nil, e.c.titles[g.rng.IntN(len(e.c.titles))], e, &a))
		}
	} else {
		a := article{date: g.datePhrase(e.when, pub), n1: e.n[0]}
		if j > 0 && g.rng.IntN(4) == 0 {
			// Later reports sometimes give a higher count.
			a.n1 += 1 + g.rng.IntN(max(2, a.n1/5))
		}
		a.headline = true
		title = string(g.fill(make([]byte, 0, 96), e.c.titles[g.rng.IntN(len(e.c.titles))], e, &a))
		a.headline = false
		text = string(g.body(e, &a))
	}
	if j == 0 {
		e.firstTitle, e.firstText = title, text
	}
	url := "https://" + source + "/" + k.section + "/" + pub.Format("2006/01/02") + "/" + slug(title) + "-" + strconv.Itoa(idx)
	return news.Article{
		ID:        id,
		Title:     title,
		Text:      text,
		Published: pub,
		Source:    source,
		URL:       url,
		Lang:      "en",
	}
}

// body writes an article text of minText–maxText bytes: a lead, then
// paragraphs of one to three sentences drawn without repetition from the
// kind's details and the generic sentences, with a quote every few
// sentences.
func (g *gen) body(e *event, a *article) []byte {
	c := e.c
	target := minText + g.rng.IntN(maxText-minText+1)
	// The text is built in a buffer reused across articles; the caller
	// copies it into a string before the next call.
	if cap(g.scratch) < maxText+256 {
		g.scratch = make([]byte, 0, maxText+256)
	}
	buf := g.scratch[:0]
	buf = g.fill(buf, c.leads[g.rng.IntN(len(c.leads))], e, a)

	nd := len(e.details)
	g.perm = append(g.perm[:0], e.details...)
	g.rng.Shuffle(nd, func(i, j int) { g.perm[i], g.perm[j] = g.perm[j], g.perm[i] })
	g.gperm = shuffled(g.rng, g.gperm, len(compiledGeneric))
	g.qperm = shuffled(g.rng, g.qperm, len(c.quotes)+len(compiledGenericQuotes))
	di, gi, qi := 0, 0, 0
	inPara, paraLen := 1, 1+g.rng.IntN(2)
	sinceQuote := 0
	for tries := 0; len(buf) < target && tries < 200; tries++ {
		mark := len(buf)
		if inPara >= paraLen {
			buf = append(buf, '\n', '\n')
			inPara, paraLen = 0, 1+g.rng.IntN(3)
		} else {
			buf = append(buf, ' ')
		}
		saved := a.mentioned
		if sinceQuote >= 2 && qi < len(g.qperm) && g.rng.IntN(2) == 0 {
			q := g.qperm[qi]
			qi++
			// The kind's quotes belong to its three actors; anyone,
			// the witness included, may say a generic one.
			var text tmpl
			speaker := g.rng.IntN(4)
			if q < len(c.quotes) {
				text = c.quotes[q]
				speaker = g.rng.IntN(3)
			} else {
				text = compiledGenericQuotes[q-len(c.quotes)]
			}
			buf = g.quote(buf, e, a, speaker, text)
			sinceQuote = 0
		} else {
			// The kind's own sentences come first, mostly: they carry
			// what sets this event apart; generic ones pad it out.
			if di == nd && gi == len(g.gperm) {
				if len(buf) >= minText {
					buf = buf[:mark]
					break // every sentence used: stop rather than repeat
				}
				// Still too short: go round again (rare).
				di, gi = 0, 0
			}
			if di < nd && (gi == len(g.gperm) || g.rng.IntN(4) != 0) {
				buf = g.fill(buf, c.details[g.perm[di]], e, a)
				di++
			} else {
				buf = g.fill(buf, compiledGeneric[g.gperm[gi]], e, a)
				gi++
			}
			sinceQuote++
		}
		if len(buf) > maxText {
			buf, a.mentioned = buf[:mark], saved
			if len(buf) >= minText {
				break // long enough; the next sentence would not fit
			}
			continue
		}
		inPara++
	}
	return buf
}

// quote writes a quote in one of the forms news uses, naming the speaker
// in full with a role at first mention and by surname after.
func (g *gen) quote(buf []byte, e *event, a *article, s int, text tmpl) []byte {
	first := !a.mentioned[s]
	a.mentioned[s] = true
	speaker := func(buf []byte) []byte {
		if first {
			buf = append(buf, e.people[s]...)
			buf = append(buf, ", "...)
			return append(buf, e.roles[s]...)
		}
		return append(buf, e.sur[s]...)
	}
	switch g.rng.IntN(4) {
	case 0: // "…," X said.
		buf = append(buf, '"')
		buf = g.fill(buf, text, e, a)
		buf = append(buf, ",\" "...)
		buf = speaker(buf)
		if first {
			buf = append(buf, ',')
		}
		return append(buf, " said."...)
	case 1: // X said: "…."
		buf = speaker(buf)
		if first {
			buf = append(buf, ',')
		}
		buf = append(buf, " said: \""...)
		buf = g.fill(buf, text, e, a)
		return append(buf, ".\""...)
	case 2: // "…," said X.
		buf = append(buf, '"')
		buf = g.fill(buf, text, e, a)
		buf = append(buf, ",\" said "...)
		buf = speaker(buf)
		return append(buf, '.')
	default: // "…," X told reporters.
		buf = append(buf, '"')
		buf = g.fill(buf, text, e, a)
		buf = append(buf, ",\" "...)
		buf = speaker(buf)
		if first {
			buf = append(buf, ',')
		}
		return append(buf, " told reporters."...)
	}
}

// shuffled returns a random permutation of 0..n-1, reusing p's storage.
func shuffled(rng *rand.Rand, p []int, n int) []int {
	p = p[:0]
	for i := range n {
		p = append(p, i)
	}
	rng.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// fill appends template t to buf with its slots replaced by the event's
// and the article's values, and each word with synonyms by the event's
// choice.
func (g *gen) fill(buf []byte, t tmpl, e *event, a *article) []byte {
	for i := range t {
		sg := &t[i]
		switch sg.slot {
		case slotNone:
			if sg.alts != nil {
				buf = append(buf, sg.alts[mix(e.salt^sg.key)%uint64(len(sg.alts))]...)
			} else {
				buf = append(buf, sg.lit...)
			}
		case slotCity:
			buf = append(buf, e.city.name...)
		case slotCountry:
			if a.headline {
				buf = append(buf, e.city.country...)
			} else {
				buf = append(buf, e.country...)
			}
		case slotCity2:
			buf = append(buf, e.city2.name...)
		case slotCountry2:
			if a.headline {
				buf = append(buf, e.city2.country...)
			} else {
				buf = append(buf, e.country2...)
			}
		case slotP1, slotP2, slotP3:
			n := int(sg.slot - slotP1)
			a.mentioned[n] = true
			buf = append(buf, e.people[n]...)
		case slotP4:
			a.mentioned[3] = true
			buf = append(buf, e.people[3]...)
		case slotR4:
			buf = append(buf, e.roles[3]...)
		case slotSite:
			buf = append(buf, e.site...)
		case slotP1s, slotP2s, slotP3s:
			buf = append(buf, e.sur[sg.slot-slotP1s]...)
		case slotR1, slotR2, slotR3:
			buf = append(buf, e.roles[sg.slot-slotR1]...)
		case slotOrg:
			buf = append(buf, e.org...)
		case slotOrg2:
			buf = append(buf, e.org2...)
		case slotOrg3:
			buf = append(buf, e.org3...)
		case slotAgency:
			buf = append(buf, e.agency...)
		case slotN1:
			buf = appendCount(buf, a.n1)
		case slotN2, slotN3, slotN4:
			buf = appendCount(buf, e.n[sg.slot-slotN1])
		case slotPct1:
			buf = append(buf, e.pct[0]...)
		case slotPct2:
			buf = append(buf, e.pct[1]...)
		case slotMoney:
			buf = append(buf, e.money...)
		case slotMag:
			buf = append(buf, e.mag...)
		case slotTime:
			buf = append(buf, e.clock...)
		case slotDate:
			buf = append(buf, a.date...)
		}
	}
	return buf
}

// appendCount writes v with thousands separators, as English news does
// ("12,400").
func appendCount(buf []byte, v int) []byte {
	if v < 0 {
		buf = append(buf, '-')
		v = -v
	}
	s := strconv.Itoa(v)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, s[i])
	}
	return buf
}

// slug makes a URL path segment of a title: ASCII letters and digits,
// lower case, words joined by hyphens, at most 60 bytes.
func slug(title string) string {
	b := make([]byte, 0, 64)
	dash := false
	for i := 0; i < len(title) && len(b) < 60; i++ {
		c := title[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			dash = false
		default:
			dash = true
		}
	}
	if len(b) == 0 {
		return "article"
	}
	return string(b)
}
