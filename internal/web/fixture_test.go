package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// The fixture is a small newsroom day: a few fully reconciled events with
// articles in several languages, claims of every status, quotes, figures,
// places and storyline links, one article carrying markup that must never
// run, and enough one-article events to need a second page. Offsets are
// computed from the text, as the extractor would give them.

var day = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// builder accumulates one event's articles and analyses.
type builder struct {
	arts []news.Article
	ans  []news.Analysis
}

// art adds an article; facts lists the spans to annotate as
// "kind:text[:extra]" where kind is person/org/place/misc (mentions, extra
// = entity id), geo (extra = name|country|lat|lon), date (extra =
// YYYY-MM-DD), fig (extra = counts), quote (extra = speaker).
func (b *builder) art(id, source, lang, title, text string, at time.Time, facts ...fact) *news.Article {
	a := news.Article{ID: id, Title: title, Text: text, Published: at, Source: source, Lang: lang,
		URL: "https://" + source + "/" + id, Hash: "h-" + id}
	an := news.Analysis{Article: id, Lang: lang}
	ents := map[string]*news.Entity{}
	for _, f := range facts {
		s := strings.Index(text, f.text)
		if s < 0 {
			panic(fmt.Sprintf("fixture %s: %q not in text", id, f.text))
		}
		e := s + len(f.text)
		switch f.kind {
		case news.Person, news.Org, news.Place, news.Misc:
			an.Mentions = append(an.Mentions, news.Mention{Text: f.text, Start: s, End: e, Type: f.kind, Entity: f.entity})
			en, ok := ents[f.entity]
			if !ok {
				en = &news.Entity{ID: f.entity, Name: f.name, Type: f.kind, Mentions: map[string]int{}}
				ents[f.entity] = en
			}
			en.Mentions[id]++
			if f.text != f.name && !contains(en.Aliases, f.text) {
				en.Aliases = append(en.Aliases, f.text)
			}
		case "geo":
			an.Places = append(an.Places, news.GeoPlace{Name: f.name, Text: f.text, Country: f.country, Lat: f.lat, Lon: f.lon, Kind: "city", Start: s, End: e})
		case "date":
			an.Dates = append(an.Dates, news.DateMention{Date: f.date, Text: f.text, Start: s, End: e, Granularity: "day"})
		case "fig":
			an.Figures = append(an.Figures, news.Figure{Value: f.value, Counts: f.counts, Text: f.text, Start: s, End: e})
		case "quote":
			an.Quotes = append(an.Quotes, news.Quote{Speaker: f.name, Entity: f.entity, Text: f.text, Article: id, Start: s, End: e})
		}
	}
	for _, en := range ents {
		an.Entities = append(an.Entities, *en)
	}
	b.arts = append(b.arts, a)
	b.ans = append(b.ans, an)
	return &b.arts[len(b.arts)-1]
}

type fact struct {
	kind         news.EntityType // person/org/place/misc or geo/date/fig/quote
	text         string
	entity, name string
	country      string
	lat, lon     float64
	date         string
	value        float64
	counts       string
}

func person(text, id, name string) fact {
	return fact{kind: news.Person, text: text, entity: id, name: name}
}
func org(text, id, name string) fact { return fact{kind: news.Org, text: text, entity: id, name: name} }
func geo(text, name, cc string, lat, lon float64) fact {
	return fact{kind: "geo", text: text, name: name, country: cc, lat: lat, lon: lon}
}
func date(text, d string) fact { return fact{kind: "date", text: text, date: d} }
func fig(text string, v float64, counts string) fact {
	return fact{kind: "fig", text: text, value: v, counts: counts}
}
func quote(text, speaker, id string) fact {
	return fact{kind: "quote", text: text, name: speaker, entity: id}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// event derives the list fields of an event from its articles, as the
// clusterer would, and merges the analyses' entities and places, as the
// reconciler would; the caller fills claims and summary.
func (b *builder) event(id, title string) news.Event {
	ev := news.Event{ID: id, Title: title}
	srcs := map[string]bool{}
	langs := map[string]bool{}
	ents := map[string]*news.Entity{}
	var entOrder []string
	places := map[string]*news.GeoPlace{}
	var placeOrder []string
	for i := range b.arts {
		a := &b.arts[i]
		a.Event = id
		ev.Articles = append(ev.Articles, a.ID)
		if ev.First.IsZero() || a.Published.Before(ev.First) {
			ev.First = a.Published
		}
		if a.Published.After(ev.Last) {
			ev.Last = a.Published
		}
		if !srcs[a.Source] {
			srcs[a.Source] = true
			ev.Sources = append(ev.Sources, a.Source)
			ev.Coverage = append(ev.Coverage, news.Coverage{Outlet: a.Source, FirstSeen: a.Published})
		}
		for j := range ev.Coverage {
			if ev.Coverage[j].Outlet == a.Source {
				ev.Coverage[j].Articles = append(ev.Coverage[j].Articles, a.ID)
			}
		}
		if !langs[a.Lang] {
			langs[a.Lang] = true
			ev.Langs = append(ev.Langs, a.Lang)
		}
		an := b.ans[i]
		for _, e := range an.Entities {
			m, ok := ents[e.ID]
			if !ok {
				c := e
				c.Mentions = map[string]int{}
				c.Aliases = nil
				m = &c
				ents[e.ID] = m
				entOrder = append(entOrder, e.ID)
			}
			for k, v := range e.Mentions {
				m.Mentions[k] += v
			}
			for _, al := range e.Aliases {
				if !contains(m.Aliases, al) {
					m.Aliases = append(m.Aliases, al)
				}
			}
		}
		for _, p := range an.Places {
			if q, ok := places[p.Name]; ok {
				q.Count++
				continue
			}
			c := p
			c.Count = 1
			places[p.Name] = &c
			placeOrder = append(placeOrder, p.Name)
		}
		ev.Dates = append(ev.Dates, an.Dates...)
		ev.Figures = append(ev.Figures, an.Figures...)
		ev.Quotes = append(ev.Quotes, an.Quotes...)
	}
	for _, id := range entOrder {
		ev.Entities = append(ev.Entities, *ents[id])
	}
	for _, n := range placeOrder {
		ev.Places = append(ev.Places, *places[n])
	}
	if len(ev.Places) > 0 {
		ev.Where = ev.Places[:1]
	}
	if len(ev.Dates) > 0 {
		ev.When = news.DateRange{Start: ev.Dates[0].Date, End: ev.Dates[0].Date}
	}
	return ev
}

// fixture returns the batch the tests commit to a fresh store.
func fixture() store.Batch {
	var out store.Batch
	add := func(b *builder, ev news.Event) {
		out.Articles = append(out.Articles, b.arts...)
		out.Analyses = append(out.Analyses, b.ans...)
		out.Events = append(out.Events, ev)
	}

	// 1. An earthquake, four outlets, three languages, a syndicated copy,
	// a conflicting death toll.
	q := &builder{}
	t0 := day.Add(3*time.Hour + 36*time.Minute)
	q.art("quake-ansa", "ansa.it", "it", "Terremoto ad Amatrice, il sindaco: «Metà del paese non c'è più»",
		"Un terremoto di magnitudo 6.2 ha colpito Amatrice nella notte di mercoledì 24 agosto. Il sindaco Sergio Pirozzi ha detto: «Metà del paese non c'è più». La Protezione Civile parla di almeno 120 morti.",
		t0.Add(40*time.Minute),
		geo("Amatrice", "Amatrice", "IT", 42.629, 13.292), person("Sergio Pirozzi", "person:sergio-pirozzi", "Sergio Pirozzi"),
		org("Protezione Civile", "org:civil-protection", "Civil Protection Department"),
		date("mercoledì 24 agosto", "2026-11-20"), fig("120 morti", 120, "dead"), fig("magnitudo 6.2", 6.2, "magnitude"),
		quote("Metà del paese non c'è più", "Sergio Pirozzi", "person:sergio-pirozzi"))
	q.art("quake-bbc", "bbc.co.uk", "en", "Italy earthquake: dozens killed as quake hits Amatrice",
		"A magnitude 6.2 earthquake has struck central Italy near the town of Amatrice, killing at least 38 people, officials say.\n\nThe mayor of Amatrice, Sergio Pirozzi, said: \"Half the town is gone.\" Rescue teams from Rome arrived overnight, and Prime Minister Matteo Renzi is expected to visit Norcia on Thursday.",
		t0.Add(90*time.Minute),
		geo("central Italy", "Italy", "IT", 42.5, 12.5), geo("Rome", "Rome", "IT", 41.893, 12.483), geo("Norcia", "Norcia", "IT", 42.793, 13.093),
		person("Sergio Pirozzi", "person:sergio-pirozzi", "Sergio Pirozzi"), person("Matteo Renzi", "person:matteo-renzi", "Matteo Renzi"),
		fig("at least 38 people", 38, "dead"), fig("magnitude 6.2", 6.2, "magnitude"), date("Thursday", "2026-11-21"),
		quote("Half the town is gone.", "Sergio Pirozzi", "person:sergio-pirozzi"))
	q.arts[len(q.arts)-1].Image = "http://img.example/quake-town.jpg"
	q.art("quake-reuters", "reuters.com", "en", "Strong quake kills at least 38 in central Italy",
		"At least 38 people were killed when a 6.2 magnitude earthquake struck mountainous central Italy early on Wednesday, the Civil Protection Department said. Amatrice was worst hit.",
		t0.Add(2*time.Hour),
		fig("At least 38 people", 38, "dead"), org("Civil Protection Department", "org:civil-protection", "Civil Protection Department"),
		geo("Amatrice", "Amatrice", "IT", 42.629, 13.292), date("Wednesday", "2026-11-20"))
	dup := q.art("quake-yahoo", "news.yahoo.com", "en", "Strong quake kills at least 38 in central Italy",
		"At least 38 people were killed when a 6.2 magnitude earthquake struck mountainous central Italy early on Wednesday, the Civil Protection Department said. Amatrice was worst hit.",
		t0.Add(2*time.Hour+25*time.Minute))
	dup.DuplicateOf = "quake-reuters"
	q.art("quake-lemonde", "lemonde.fr", "fr", "Séisme en Italie : des dizaines de morts à Amatrice",
		"Un séisme de magnitude 6,2 a frappé le centre de l'Italie. Le président du Conseil Matteo Renzi s'est rendu à Amatrice.",
		t0.Add(5*time.Hour), person("Matteo Renzi", "person:matteo-renzi", "Matteo Renzi"), geo("Amatrice", "Amatrice", "IT", 42.629, 13.292))
	quake := q.event("ev-quake", "Earthquake strikes central Italy near Amatrice")
	quake.Claims = []news.Claim{
		{Text: "A magnitude 6.2 earthquake struck near Amatrice", Status: news.Corroborated, Slot: "magnitude",
			Sources: []string{"quake-ansa", "quake-bbc", "quake-reuters", "quake-yahoo", "quake-lemonde"},
			Outlets: []string{"ansa.it", "bbc.co.uk", "reuters.com", "lemonde.fr"}},
		{Text: "Number of people killed", Status: news.Conflicting, Slot: "dead", Kind: news.KindConflict,
			Sources: []string{"quake-ansa", "quake-bbc", "quake-reuters"}, Outlets: []string{"ansa.it", "bbc.co.uk", "reuters.com"},
			Values: []news.ClaimValue{
				{Value: "at least 38", Sources: []string{"quake-bbc", "quake-reuters"}, Outlets: []string{"bbc.co.uk", "reuters.com"}, First: t0.Add(time.Hour)},
				{Value: "at least 120", Sources: []string{"quake-ansa"}, Outlets: []string{"ansa.it"}, First: t0.Add(2 * time.Hour)},
			}},
		{Text: "Rescue teams from Rome arrived overnight", Status: news.Single, Sources: []string{"quake-bbc"}, Outlets: []string{"bbc.co.uk"}},
		{Text: "Matteo Renzi visited Amatrice", Status: news.Single, Sources: []string{"quake-lemonde"}, Outlets: []string{"lemonde.fr"}},
	}
	quake.Summary = []news.SummarySentence{
		{Text: "A magnitude 6.2 earthquake struck central Italy near Amatrice early on Wednesday.", Sources: []string{"quake-bbc", "quake-reuters", "quake-ansa"}},
		{Text: "Officials put the death toll at 38 or more; the Italian Civil Protection was quoted giving 120.", Sources: []string{"quake-reuters", "quake-ansa"}},
		{Text: "The mayor said half the town was gone.", Sources: []string{"quake-bbc"}},
	}
	quake.Lead = quake.Summary[0].Text
	quake.Image = "http://img.example/quake-town.jpg"
	add(q, quake)

	// 2 and 3. A storyline: talks in Geneva, then a vote in New York.
	g := &builder{}
	t1 := day.Add(-24*time.Hour + 9*time.Hour)
	g.art("talks-aj", "aljazeera.com", "en", "Ceasefire talks resume in Geneva",
		"Ceasefire talks resumed in Geneva on Friday, with US Secretary of State Antony Blinken meeting envoys from both sides. The United Nations said 300 observers were ready to deploy.",
		t1, geo("Geneva", "Geneva", "CH", 46.204, 6.143), person("Antony Blinken", "person:antony-blinken", "Antony Blinken"),
		org("United Nations", "org:united-nations", "United Nations"), fig("300 observers", 300, "observers"), date("Friday", "2026-11-19"))
	g.art("talks-dw", "dw.com", "de", "Waffenstillstandsgespräche in Genf wieder aufgenommen",
		"In Genf sind die Gespräche über eine Waffenruhe wieder aufgenommen worden. US-Außenminister Blinken sagte, man sei „vorsichtig optimistisch“.",
		t1.Add(3*time.Hour), geo("Genf", "Geneva", "CH", 46.204, 6.143), person("Blinken", "person:antony-blinken", "Antony Blinken"),
		quote("vorsichtig optimistisch", "Antony Blinken", "person:antony-blinken"))
	g.art("talks-bbc", "bbc.co.uk", "en", "Blinken 'cautiously optimistic' as Geneva talks resume",
		"Antony J. Blinken said he was \"cautiously optimistic\" after the first day of talks in Geneva. The UN has 300 observers on standby.",
		t1.Add(7*time.Hour), person("Antony J. Blinken", "person:antony-blinken", "Antony Blinken"), geo("Geneva", "Geneva", "CH", 46.204, 6.143),
		org("UN", "org:united-nations", "United Nations"), quote("cautiously optimistic", "Antony Blinken", "person:antony-blinken"), fig("300 observers", 300, "observers"))
	talks := g.event("ev-talks", "Ceasefire talks resume in Geneva")
	talks.Claims = []news.Claim{
		{Text: "The UN has 300 observers ready to deploy", Status: news.Corroborated, Sources: []string{"talks-aj", "talks-bbc"}, Outlets: []string{"aljazeera.com", "bbc.co.uk"}},
		{Text: "Blinken is cautiously optimistic", Status: news.Corroborated, Sources: []string{"talks-dw", "talks-bbc"}, Outlets: []string{"dw.com", "bbc.co.uk"}},
	}
	talks.Summary = []news.SummarySentence{{Text: "Ceasefire talks resumed in Geneva with Antony Blinken meeting envoys.", Sources: []string{"talks-aj", "talks-dw"}}}
	talks.Lead = talks.Summary[0].Text
	add(g, talks)

	v := &builder{}
	t2 := day.Add(-3*time.Hour + 30*time.Minute)
	v.art("vote-ap", "apnews.com", "en", "UN Security Council votes on aid corridor",
		"The UN Security Council voted 13 to 2 in New York on Wednesday to open an aid corridor. Antony Blinken welcomed the vote.",
		t2, org("UN Security Council", "org:un-security-council", "UN Security Council"), geo("New York", "New York", "US", 40.713, -74.006),
		person("Antony Blinken", "person:antony-blinken", "Antony Blinken"), fig("13", 13, "votes"))
	v.art("vote-elpais", "elpais.com", "es", "El Consejo de Seguridad aprueba un corredor humanitario",
		"El Consejo de Seguridad de la ONU aprobó en Nueva York un corredor humanitario con 13 votos a favor.",
		t2.Add(2*time.Hour), org("Consejo de Seguridad", "org:un-security-council", "UN Security Council"),
		geo("Nueva York", "New York", "US", 40.713, -74.006), fig("13 votos", 13, "votes"))
	vote := v.event("ev-vote", "UN Security Council votes on aid corridor")
	vote.Claims = []news.Claim{{Text: "The Security Council voted 13 to 2", Status: news.Corroborated, Sources: []string{"vote-ap", "vote-elpais"}, Outlets: []string{"apnews.com", "elpais.com"}}}
	vote.Summary = []news.SummarySentence{{Text: "The UN Security Council approved an aid corridor by 13 votes to 2.", Sources: []string{"vote-ap", "vote-elpais"}}}
	vote.Lead = vote.Summary[0].Text
	add(v, vote)
	out.Links = append(out.Links, store.Link{From: "ev-talks", To: "ev-vote", Score: 0.62, Reason: "shared actors: Antony Blinken, United Nations"})

	// 4. Hostile markup in every field a page shows.
	x := &builder{}
	x.art("xss-1", "evil.example", "en", `<script>window.__xss=1</script>Council <b>meeting</b>`,
		`The council said <script>window.__xss=2</script> and <img src=x onerror="window.__xss=3"> nothing. Mayor "Bob <i>Smith</i>" said: "<svg onload=alert(1)>".`,
		day.Add(-30*time.Hour),
		person(`Bob <i>Smith</i>`, `person:bob-<i>smith`, `Bob <i>Smith</i>`), quote(`<svg onload=alert(1)>`, `Bob <i>Smith</i>`, `person:bob-<i>smith`))
	xss := x.event("ev-xss", `<script>window.__xss=4</script>Council meeting`)
	xss.Claims = []news.Claim{{Text: `<img src=x onerror="window.__xss=5">`, Status: news.Single, Sources: []string{"xss-1"}, Outlets: []string{"evil.example"}}}
	xss.Summary = []news.SummarySentence{{Text: `<script>window.__xss=6</script>`, Sources: []string{"xss-1"}}}
	add(x, xss)

	// 5. Filler: one- and two-article events over the previous weeks, so
	// lists paginate and filters have something to drop.
	outlets := []struct{ host, lang string }{{"bbc.co.uk", "en"}, {"lemonde.fr", "fr"}, {"dw.com", "de"}, {"elpais.com", "es"}, {"reuters.com", "en"}}
	for i := range 24 {
		f := &builder{}
		o := outlets[i%len(outlets)]
		at := day.Add(-time.Duration(48+i*20) * time.Hour)
		f.art(fmt.Sprintf("brief-%02d", i), o.host, o.lang, fmt.Sprintf("Local council approves budget number %d", i),
			fmt.Sprintf("The council of Lyon approved budget number %d on Monday, with 41 votes in favour.", i), at,
			geo("Lyon", "Lyon", "FR", 45.764, 4.836), fig("41 votes", 41, "votes"))
		if i%3 == 0 {
			f.art(fmt.Sprintf("brief-%02d-b", i), "apnews.com", "en", fmt.Sprintf("Lyon budget %d passes", i),
				fmt.Sprintf("Lyon's council passed budget %d.", i), at.Add(time.Hour), geo("Lyon", "Lyon", "FR", 45.764, 4.836))
		}
		ev := f.event(fmt.Sprintf("ev-brief-%02d", i), fmt.Sprintf("Lyon council approves budget %d", i))
		ev.Claims = []news.Claim{{Text: "The budget passed with 41 votes", Status: news.Single, Sources: []string{f.arts[0].ID}, Outlets: []string{o.host}}}
		ev.Summary = []news.SummarySentence{{Text: "Lyon's council approved its budget.", Sources: []string{f.arts[0].ID}}}
		add(f, ev)
	}
	return out
}
