package reconcile

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Storyline scoring. An event's profile is its main actors and places, each
// weighted by the share of its articles that mention it; two events are
// compared by the weighted Jaccard of their profiles, damped by the days
// between them. relatedMin is the score below which a link is noise;
// relatedMax caps the links shown.
const (
	relatedMin     = 0.12
	relatedMax     = 10
	profileActors  = 12
	profilePlaces  = 6
	relatedHalfGap = 7.0 // days at which the time factor halves: a follow-up a week later still counts
)

type profileItem struct {
	key    string
	name   string
	weight float64
	actor  bool
	alt    []string // other keys it matches under: its id and aliases
}

// profile keys items by a folded name as well as by id, so that events
// canonicalised separately (whose ids might differ) still meet.
func profile(ev news.Event) map[string]profileItem {
	n := float64(max(len(ev.Articles), 1))
	out := map[string]profileItem{}
	actors := 0
	hosts := outletHosts(ev.Sources)
	for _, e := range ev.Entities {
		if e.Type == news.Place || actors == profileActors || isOutlet(e.Name, hosts) {
			continue
		}
		actors++
		w := float64(len(e.Mentions)) / n
		if len(e.Mentions) == 0 {
			w = 0.5
		}
		it := profileItem{key: "n:" + fold(e.Name), name: e.Name, weight: min(w, 1), actor: true}
		if e.ID != "" {
			it.alt = append(it.alt, "i:"+e.ID)
		}
		for _, a := range e.Aliases {
			// One-word aliases ("Brekke") are too loose to link events.
			if len(words(a)) > 1 {
				it.alt = append(it.alt, "n:"+fold(a))
			}
		}
		out[it.key] = it
	}
	places := 0
	for _, p := range ev.Places {
		if places == profilePlaces {
			break
		}
		places++
		k := "n:" + fold(p.Name)
		if _, ok := out[k]; ok {
			continue
		}
		out[k] = profileItem{key: k, name: p.Name, weight: 0.8 / float64(places)}
	}
	for _, e := range ev.Entities {
		if e.Type != news.Place || places == profilePlaces {
			continue
		}
		k := "n:" + fold(e.Name)
		if _, ok := out[k]; ok {
			continue
		}
		places++
		out[k] = profileItem{key: k, name: e.Name, weight: 0.5 * min(float64(len(e.Mentions))/n, 1)}
	}
	return out
}

// isOutlet reports whether name is the name of one of the outlets (an
// agency named in a dateline, "Nordic Wire" for nordic-wire.example): two
// events covered by one outlet share nothing by that.
func isOutlet(name string, hosts []string) bool {
	n := strings.Join(words(fold(name)), "")
	if n == "" {
		return false
	}
	for _, host := range hosts {
		if strings.HasPrefix(host, n) {
			return true
		}
	}
	return false
}

// outletHosts folds the outlets' names as isOutlet compares them.
func outletHosts(sources []string) []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = strings.Join(words(fold(strings.TrimPrefix(s, "www."))), "")
	}
	return out
}

// match finds the item of p that it names, by name, id or alias.
func match(it profileItem, p map[string]profileItem, byAlt map[string]string) (profileItem, bool) {
	if b, ok := p[it.key]; ok {
		return b, true
	}
	for _, k := range append([]string{it.key}, it.alt...) {
		if key, ok := byAlt[k]; ok {
			return p[key], true
		}
	}
	return profileItem{}, false
}

func altIndex(p map[string]profileItem) map[string]string {
	idx := map[string]string{}
	for k, it := range p {
		for _, a := range it.alt {
			idx[a] = k
		}
	}
	return idx
}

// Related scores ev against candidate events (other events of nearby
// dates) and returns the links worth showing, best first. A link needs a
// shared actor, or two shared places: events in the same country are not
// a storyline by that alone. The reason names what they share and the gap
// in days ("shared: Antony Blinken, Jordan; 2 days later").
func Related(ev news.Event, candidates []news.Event) []news.Related {
	return NewStorylines(candidates).Related(ev, time.Time{}, time.Time{})
}

// Storylines is a pool of events ready to be linked: each event's profile
// is computed once, and an inverted index from profile keys to events
// leaves out the candidates that share nothing, so linking every event
// of a batch against a crowded pool costs what they share, not the pool's
// size squared.
type Storylines struct {
	events   []news.Event
	profiles []map[string]profileItem
	alts     []map[string]string
	postings map[string][]int
}

// NewStorylines indexes pool.
func NewStorylines(pool []news.Event) *Storylines {
	s := &Storylines{events: pool, profiles: make([]map[string]profileItem, len(pool)),
		alts: make([]map[string]string, len(pool)), postings: map[string][]int{}}
	for i, ev := range pool {
		p := profile(ev)
		s.profiles[i], s.alts[i] = p, altIndex(p)
		for k, it := range p {
			s.postings[k] = append(s.postings[k], i)
			for _, a := range it.alt {
				s.postings[a] = append(s.postings[a], i)
			}
		}
	}
	return s
}

// Related links ev to the pool's events whose span meets [lo, hi] (zero
// bounds: any), as the package-level Related does.
func (s *Storylines) Related(ev news.Event, lo, hi time.Time) []news.Related {
	pa := profile(ev)
	seen := map[int]bool{}
	var cands []int
	for k, it := range pa {
		for _, key := range append([]string{k}, it.alt...) {
			for _, i := range s.postings[key] {
				if !seen[i] {
					seen[i] = true
					cands = append(cands, i)
				}
			}
		}
	}
	slices.Sort(cands) // the pool's order, whatever the map's
	var out []news.Related
	for _, ci := range cands {
		cand := s.events[ci]
		if cand.ID == ev.ID || (!lo.IsZero() && (cand.First.IsZero() || cand.Last.Before(lo))) ||
			(!hi.IsZero() && (cand.First.IsZero() || cand.First.After(hi))) {
			continue
		}
		if r, ok := relate(ev, pa, cand, s.profiles[ci], s.alts[ci]); ok {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Event < out[j].Event
	})
	if len(out) > relatedMax {
		out = out[:relatedMax]
	}
	return out
}

// relate scores one pair of profiled events.
func relate(ev news.Event, pa map[string]profileItem, cand news.Event, pb map[string]profileItem, altB map[string]string) (news.Related, bool) {
	matched := map[string]bool{}
	var inter, union float64
	var shared []profileItem
	actors, places := 0, 0
	for k, a := range pa {
		if b, ok := match(a, pb, altB); ok && !matched[b.key] {
			matched[b.key] = true
			inter += min(a.weight, b.weight)
			union += max(a.weight, b.weight)
			shared = append(shared, profileItem{key: k, name: a.name, weight: a.weight + b.weight, actor: a.actor || b.actor})
			if a.actor || b.actor {
				actors++
			} else {
				places++
			}
		} else {
			union += a.weight
		}
	}
	for k, b := range pb {
		if !matched[k] {
			union += b.weight
		}
	}
	if union == 0 || (actors == 0 && places < 2) {
		return news.Related{}, false
	}
	gap := dayGap(ev, cand)
	score := inter / union / (1 + math.Abs(gap)/relatedHalfGap)
	if score < relatedMin {
		return news.Related{}, false
	}
	sort.Slice(shared, func(i, j int) bool {
		if shared[i].actor != shared[j].actor {
			return shared[i].actor
		}
		if shared[i].weight != shared[j].weight {
			return shared[i].weight > shared[j].weight
		}
		return shared[i].key < shared[j].key
	})
	names := make([]string, 0, 4)
	for _, s := range shared {
		if len(names) == 4 {
			break
		}
		names = append(names, s.name)
	}
	reason := "shared: " + strings.Join(names, ", ")
	if g := int(math.Round(gap)); g != 0 {
		unit := "days"
		if g == 1 || g == -1 {
			unit = "day"
		}
		if g > 0 {
			reason += fmt.Sprintf("; %d %s later", g, unit)
		} else {
			reason += fmt.Sprintf("; %d %s earlier", -g, unit)
		}
	} else {
		reason += "; same day"
	}
	return news.Related{Event: cand.ID, Title: cand.Title, Score: math.Round(score*1000) / 1000, Reason: reason}, true
}

// dayGap is how many days cand starts after ev (negative: before), by the
// happening dates when both have them, else by first publication.
func dayGap(ev, cand news.Event) float64 {
	a, errA := time.Parse(time.DateOnly, ev.When.Start)
	b, errB := time.Parse(time.DateOnly, cand.When.Start)
	if errA != nil || errB != nil {
		a, b = ev.First, cand.First
		if a.IsZero() || b.IsZero() {
			return 0
		}
		return b.Sub(a).Hours() / 24
	}
	// Overlapping happenings are the same days.
	aEnd, _ := time.Parse(time.DateOnly, cmp.Or(ev.When.End, ev.When.Start))
	bEnd, _ := time.Parse(time.DateOnly, cmp.Or(cand.When.End, cand.When.Start))
	if !b.After(aEnd) && !a.After(bEnd) {
		return 0
	}
	return b.Sub(a).Hours() / 24
}
