package sample

import (
	"fmt"
	"strings"
)

// Templates are compiled once into segments: literal text, a {slot}, or a
// word with synonyms. Compiling makes fill a plain loop (Generate must make
// 100k articles in seconds) and lets it vary wording per event.

type slotID uint8

const (
	slotNone slotID = iota
	slotCity
	slotCountry
	slotCity2
	slotCountry2
	slotP1
	slotP2
	slotP3
	slotP1s
	slotP2s
	slotP3s
	slotR1
	slotR2
	slotR3
	slotOrg
	slotOrg2
	slotOrg3
	slotAgency
	slotN1
	slotN2
	slotN3
	slotN4
	slotPct1
	slotPct2
	slotMoney
	slotMag
	slotTime
	slotDate
	slotP4
	slotR4
	slotSite
)

var slotNames = map[string]slotID{
	"city": slotCity, "country": slotCountry, "city2": slotCity2, "country2": slotCountry2,
	"p1": slotP1, "p2": slotP2, "p3": slotP3, "p1s": slotP1s, "p2s": slotP2s, "p3s": slotP3s,
	"r1": slotR1, "r2": slotR2, "r3": slotR3, "org": slotOrg, "org2": slotOrg2, "org3": slotOrg3,
	"agency": slotAgency, "n1": slotN1, "n2": slotN2, "n3": slotN3, "n4": slotN4,
	"pct1": slotPct1, "pct2": slotPct2, "money": slotMoney, "mag": slotMag, "time": slotTime, "date": slotDate,
	"p4": slotP4, "r4": slotR4, "site": slotSite,
}

// synonyms are words each event words its own way: two earthquakes in one
// week should not read as the same text with other names, as they would if
// every report of a kind shared its wording. An event picks one
// alternative per word and keeps it in all its articles. Alternatives are
// drop-in replacements (same part of speech and number, no vowel after
// "a").
var synonyms = map[string][]string{
	"officials":      {"officials", "authorities", "local officials"},
	"strong":         {"strong", "powerful", "violent"},
	"powerful":       {"powerful", "strong", "fierce"},
	"buildings":      {"buildings", "structures"},
	"damaged":        {"damaged", "wrecked"},
	"region":         {"region", "province", "district"},
	"residents":      {"residents", "inhabitants", "locals"},
	"hospitals":      {"hospitals", "clinics"},
	"injured":        {"injured", "hurt", "wounded"},
	"engineers":      {"engineers", "inspectors", "building experts"},
	"severe":         {"severe", "serious", "major"},
	"homes":          {"homes", "houses", "dwellings"},
	"rescue":         {"rescue", "emergency", "relief"},
	"teams":          {"teams", "crews", "units"},
	"evacuated":      {"evacuated", "cleared"},
	"blaze":          {"blaze", "fire", "conflagration"},
	"plant":          {"plant", "factory"},
	"site":           {"site", "premises", "compound"},
	"workers":        {"workers", "employees", "staff"},
	"company":        {"company", "firm", "group"},
	"deal":           {"deal", "transaction", "takeover"},
	"talks":          {"talks", "negotiations", "discussions"},
	"agreement":      {"agreement", "accord", "pact"},
	"protest":        {"protest", "demonstration", "rally"},
	"protests":       {"protests", "demonstrations", "rallies"},
	"demonstrators":  {"demonstrators", "protesters", "marchers"},
	"march":          {"march", "rally", "procession"},
	"trial":          {"trial", "case", "hearing"},
	"storm":          {"storm", "gale", "tempest"},
	"winds":          {"winds", "gusts"},
	"trees":          {"trees", "branches"},
	"carriages":      {"carriages", "coaches", "cars"},
	"investigators":  {"investigators", "inspectors", "experts"},
	"attack":         {"attack", "breach", "intrusion"},
	"hackers":        {"hackers", "attackers", "criminals"},
	"systems":        {"systems", "networks", "servers"},
	"customers":      {"customers", "clients", "users"},
	"large":          {"large", "big", "huge"},
	"announced":      {"announced", "confirmed", "unveiled"},
	"expected":       {"expected", "likely", "due"},
	"damage":         {"damage", "destruction", "losses"},
	"government":     {"government", "cabinet", "administration"},
	"shelters":       {"shelters", "camps", "centres"},
	"thick":          {"thick", "dense", "black"},
	"cloud":          {"cloud", "plume", "column"},
	"smoke":          {"smoke", "fumes"},
	"victory":        {"victory", "win", "triumph"},
	"voters":         {"voters", "citizens", "electors"},
	"campaign":       {"campaign", "race", "contest"},
	"cooperation":    {"cooperation", "collaboration", "coordination"},
	"commuters":      {"commuters", "passengers", "travellers"},
	"analysts":       {"analysts", "observers", "market watchers"},
	"rival":          {"rival", "competitor"},
	"arrested":       {"arrested", "detained", "held"},
	"shops":          {"shops", "stores", "businesses"},
	"bribes":         {"bribes", "kickbacks", "illegal payments"},
	"prosecutors":    {"prosecutors", "state attorneys"},
	"electricity":    {"electricity", "power", "energy"},
	"flights":        {"flights", "departures"},
	"warning":        {"warning", "alert"},
	"ransom":         {"ransom", "payment", "sum"},
	"passwords":      {"passwords", "login details", "credentials"},
	"derailed":       {"derailed", "left the tracks", "came off the rails"},
	"passengers":     {"passengers", "travellers", "people"},
	"track":          {"track", "rails", "line"},
	"crowds":         {"crowds", "groups", "throngs"},
	"questions":      {"questions", "concerns", "doubts"},
	"immediately":    {"immediately", "yet"},
	"gathered":       {"gathered", "met", "came together"},
	"monitored":      {"monitored", "watched", "followed"},
	"information":    {"information", "details", "news"},
	"explanation":    {"explanation", "account", "inquiry"},
	"statement":      {"statement", "update", "briefing"},
	"difficult":      {"difficult", "hard", "turbulent"},
	"businesses":     {"businesses", "traders", "shopkeepers"},
	"programmes":     {"programmes", "broadcasts", "schedules"},
	"comparable":     {"comparable", "similar", "like it"},
	"unverified":     {"unverified", "unconfirmed", "false"},
	"floodwaters":    {"floodwaters", "torrents", "muddy waters"},
	"farmers":        {"farmers", "growers", "smallholders"},
	"aftershocks":    {"aftershocks", "tremors", "smaller quakes"},
	"families":       {"families", "households", "relatives"},
	"firefighters":   {"firefighters", "fire crews", "firemen"},
	"production":     {"production", "work", "operations"},
	"transaction":    {"transaction", "purchase", "merger"},
	"infrastructure": {"infrastructure", "installations", "networks"},
}

type seg struct {
	lit  string
	slot slotID
	alts []string
	key  uint64 // hash of the word, so an event picks the same synonym every time
}

type tmpl []seg

// compile turns a template into segments. An unknown slot is a programmer
// error in the word lists and panics at start-up, so every test run sees
// it.
func compile(t string) tmpl {
	var out tmpl
	lit := func(s string) {
		// Split s into words with synonyms and the text between them.
		start := 0
		for i := 0; i < len(s); {
			if !isLetter(s[i]) {
				i++
				continue
			}
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			word := s[i:j]
			if alts, ok := synonyms[strings.ToLower(word)]; ok {
				if start < i {
					out = append(out, seg{lit: s[start:i]})
				}
				if word[0] >= 'A' && word[0] <= 'Z' {
					alts = capitalised(alts)
				}
				out = append(out, seg{alts: alts, key: hashString(strings.ToLower(word))})
				start = j
			}
			i = j
		}
		if start < len(s) {
			out = append(out, seg{lit: s[start:]})
		}
	}
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			lit(t)
			return out
		}
		lit(t[:i])
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			panic(fmt.Sprintf("sample: template %q: unclosed slot", t))
		}
		name := t[i+1 : i+j]
		id, ok := slotNames[name]
		if !ok {
			panic(fmt.Sprintf("sample: template %q: unknown slot {%s}", t, name))
		}
		out = append(out, seg{slot: id})
		t = t[i+j+1:]
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func capitalised(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return out
}

// hashString is FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix is the splitmix64 finaliser: it spreads an event's salt and a word's
// hash into a well-mixed choice.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// compiledKind holds a kind's templates compiled.
type compiledKind struct {
	agency                         tmpl
	roles                          [3]tmpl
	titles, leads, details, quotes []tmpl
}

func compileAll(list []string) []tmpl {
	out := make([]tmpl, len(list))
	for i, s := range list {
		out[i] = compile(s)
	}
	return out
}

var (
	compiledKinds = func() []compiledKind {
		out := make([]compiledKind, len(kinds))
		for i, k := range kinds {
			c := &out[i]
			c.agency = compile(k.agency)
			for j, r := range k.roles {
				c.roles[j] = compile(r)
			}
			c.titles = compileAll(k.titles)
			c.leads = compileAll(k.leads)
			c.details = compileAll(k.details)
			c.quotes = compileAll(k.quotes)
		}
		return out
	}()
	compiledGeneric       = compileAll(generic)
	compiledGenericQuotes = compileAll(genericQuotes)
	compiledWitnessRoles  = compileAll(witnessRoles)
)
