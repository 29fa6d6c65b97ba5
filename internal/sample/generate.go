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
// An event draws one kind of happening (earthquake, strike, takeover, ...),
// one real city, three invented people with roles and invented
// organisations; all its articles share them, so articles of one event are
// similar and distinct events differ the way real ones do (same kind, other
// place and actors; one in ten repeats the place of the previous event of
// its kind). Articles of one event vary sentence choice and order,
// date format, quote wording, and now and then a figure (a later, higher
// count), and about one in twenty is a verbatim syndicated copy.
//
// The span is n/300 days, at least 7 and at most 365, from 1 January 2024.
func Generate(n int, seed int64) ([]news.Article, map[string]string) {
	labels := make(map[string]string, max(n, 0))
	if n <= 0 {
		return nil, labels
	}
	g := &gen{
		rng:    rand.New(rand.NewPCG(uint64(seed), 0x5eed_d055_1e77)),
		prefix: "gen-" + strconv.FormatUint(uint64(seed), 36) + "-",
		span:   min(max(n/300, 7), 365),
	}
	g.byCountry = make(map[string][]int)
	g.last = make(map[string]*event)
	for i, c := range cities {
		g.byCountry[c.country] = append(g.byCountry[c.country], i)
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
	span      int
	byCountry map[string][]int  // country → indexes into cities
	perm      []int             // scratch for the order of the kind's sentences
	gperm     []int             // scratch for the order of generic sentences
	qperm     []int             // scratch for quote order
	last      map[string]*event // kind name → its latest event
}

// event holds everything the articles of one happening share.
type event struct {
	k            *kind
	when         time.Time
	city, city2  city
	people, sur  [3]string
	roles        [3]string
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
	mentioned [3]bool
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
	return g.pick(orgStems) + " " + g.pick(trades)
}

func (g *gen) event() *event {
	k := &kinds[g.rng.IntN(len(kinds))]
	e := &event{k: k}
	day := g.rng.IntN(g.span)
	e.when = genStart.Add(time.Duration(day)*24*time.Hour + time.Duration(g.rng.IntN(24*60))*time.Minute)
	ci := g.rng.IntN(len(cities))
	e.city = cities[ci]
	e.city2 = g.otherCity(ci, k.otherCountry)
	if prev := g.last[k.name]; prev != nil && g.rng.IntN(10) == 0 {
		// Now and then the same kind of thing happens again in the same
		// place (two earthquakes, two strikes): similar but distinct
		// events that a clusterer must keep apart.
		e.city, e.city2 = prev.city, prev.city2
	}
	g.last[k.name] = e
	for i := range e.people {
		first, last := g.pick(firstNames), g.pick(lastNames)
		e.people[i], e.sur[i] = first+" "+last, last
	}
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
		e.mag = strconv.Itoa(4+g.rng.IntN(3)) + "." + strconv.Itoa(g.rng.IntN(10))
	}
	e.clock = twoDigits(g.rng.IntN(24)) + ":" + twoDigits(g.rng.IntN(60))
	var a article
	e.agency = string(g.fill(nil, k.agency, e, &a))
	for i, r := range k.roles {
		e.roles[i] = string(g.fill(nil, r, e, &a))
	}
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
		if pub.YearDay() != when.YearDay() && pub.Sub(when) < 48*time.Hour {
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
			a := article{n1: e.n[0]}
			title = string(g.fill(nil, g.pick(k.titles), e, &a))
		}
	} else {
		a := article{date: g.datePhrase(e.when, pub), n1: e.n[0]}
		if j > 0 && g.rng.IntN(4) == 0 {
			// Later reports sometimes give a higher count.
			a.n1 += 1 + g.rng.IntN(max(2, a.n1/5))
		}
		title = string(g.fill(make([]byte, 0, 96), g.pick(k.titles), e, &a))
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
	k := e.k
	target := minText + g.rng.IntN(maxText-minText+1)
	buf := make([]byte, 0, maxText+256)
	buf = g.fill(buf, g.pick(k.leads), e, a)

	nd := len(k.details)
	g.perm = shuffled(g.rng, g.perm, nd)
	g.gperm = shuffled(g.rng, g.gperm, len(generic))
	g.qperm = shuffled(g.rng, g.qperm, len(k.quotes)+len(genericQuotes))
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
			var text string
			if q < len(k.quotes) {
				text = k.quotes[q]
			} else {
				text = genericQuotes[q-len(k.quotes)]
			}
			buf = g.quote(buf, e, a, text)
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
				buf = g.fill(buf, k.details[g.perm[di]], e, a)
				di++
			} else {
				buf = g.fill(buf, generic[g.gperm[gi]], e, a)
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
func (g *gen) quote(buf []byte, e *event, a *article, text string) []byte {
	s := g.rng.IntN(3)
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
		buf = append(buf, text...)
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
		buf = append(buf, text...)
		return append(buf, ".\""...)
	case 2: // "…," said X.
		buf = append(buf, '"')
		buf = append(buf, text...)
		buf = append(buf, ",\" said "...)
		buf = speaker(buf)
		return append(buf, '.')
	default: // "…," X told reporters in City.
		buf = append(buf, '"')
		buf = append(buf, text...)
		buf = append(buf, ",\" "...)
		buf = speaker(buf)
		if first {
			buf = append(buf, ',')
		}
		buf = append(buf, " told reporters in "...)
		buf = append(buf, e.city.name...)
		return append(buf, '.')
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

// fill appends template t to buf with its {slots} replaced by the event's
// and the article's values. An unknown slot is a programmer error in the
// templates, caught by the tests, and is written as is.
func (g *gen) fill(buf []byte, t string, e *event, a *article) []byte {
	for {
		i := indexByte(t, '{')
		if i < 0 {
			return append(buf, t...)
		}
		buf = append(buf, t[:i]...)
		t = t[i+1:]
		j := indexByte(t, '}')
		if j < 0 {
			return append(buf, t...)
		}
		key := t[:j]
		t = t[j+1:]
		switch key {
		case "city":
			buf = append(buf, e.city.name...)
		case "country":
			buf = append(buf, e.city.country...)
		case "city2":
			buf = append(buf, e.city2.name...)
		case "country2":
			buf = append(buf, e.city2.country...)
		case "p1", "p2", "p3":
			n := int(key[1] - '1')
			a.mentioned[n] = true
			buf = append(buf, e.people[n]...)
		case "p1s", "p2s", "p3s":
			buf = append(buf, e.sur[key[1]-'1']...)
		case "r1", "r2", "r3":
			buf = append(buf, e.roles[key[1]-'1']...)
		case "org":
			buf = append(buf, e.org...)
		case "org2":
			buf = append(buf, e.org2...)
		case "org3":
			buf = append(buf, e.org3...)
		case "agency":
			buf = append(buf, e.agency...)
		case "n1":
			buf = appendCount(buf, a.n1)
		case "n2", "n3", "n4":
			buf = appendCount(buf, e.n[key[1]-'1'])
		case "pct1":
			buf = append(buf, e.pct[0]...)
		case "pct2":
			buf = append(buf, e.pct[1]...)
		case "money":
			buf = append(buf, e.money...)
		case "mag":
			buf = append(buf, e.mag...)
		case "time":
			buf = append(buf, e.clock...)
		case "date":
			buf = append(buf, a.date...)
		default:
			buf = append(buf, '{')
			buf = append(buf, key...)
			buf = append(buf, '}')
		}
	}
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
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
