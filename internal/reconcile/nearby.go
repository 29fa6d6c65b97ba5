package reconcile

import (
	"math"

	"github.com/dossier-news/dossier/internal/news"
)

// seatRatio is how many times the people of a neighbourhood its city has
// at least: a borough of a metropolis (a tenth of it or more) is a town of
// its own that records name, a quarter of a city is not.
const seatRatio = 10

// seatReach is the farthest, in km, that a place may lie from a larger
// town's centre and be read as a part of it; within it the reach grows
// with the town (seatRadius).
const seatReach = 15.0

// seatRadius is the radius in km of the built-up area of a town of pop
// people, roughly: 8 km for 300,000 people, 3 km for 40,000.
func seatRadius(pop int) float64 {
	return min(seatReach, 0.015*math.Sqrt(float64(pop)))
}

// seats maps, among an event's towns, each that lies within a much
// larger one of the same region (seatRatio, seatRadius) to that town, by
// folded names: a report about a shooting "in Eastmoor" names the
// neighbourhood more often than its city, but the city is the town it
// happened in, unless the texts name the neighbourhood more than twice as
// often: then it is a town of its own beside the city ("in Eastmoor, a
// suburb of Karvik"). Of several larger towns around, the largest wins.
func seats(cands []news.GeoPlace) map[string]string {
	out := map[string]string{}
	for _, p := range cands {
		if p.Kind != "city" || p.Population <= 0 || p.Region == "" {
			continue
		}
		best := -1
		for j, q := range cands {
			if q.Kind != "city" || q.Country != p.Country || q.Region != p.Region || fold(q.Name) == fold(p.Name) {
				continue
			}
			if q.Population < seatRatio*p.Population || km(p, q) > seatRadius(q.Population) || q.Count*2 < p.Count {
				continue
			}
			if best < 0 || q.Population > cands[best].Population {
				best = j
			}
		}
		if best >= 0 {
			out[fold(p.Name)] = fold(cands[best].Name)
		}
	}
	return out
}

// withSeats returns a copy of scores (by folded place name) in which each
// town's seat (seats) also has the town's score.
func withSeats(scores map[string]float64, seat map[string]string) map[string]float64 {
	if len(seat) == 0 || scores == nil {
		return scores
	}
	out := make(map[string]float64, len(scores))
	for k, v := range scores {
		out[k] += v
		if s, ok := seat[k]; ok {
			out[s] += v
		}
	}
	return out
}

// km is the great-circle distance between two places in kilometres.
func km(a, b news.GeoPlace) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	la1, la2 := a.Lat*rad, b.Lat*rad
	dla, dlo := la2-la1, (b.Lon-a.Lon)*rad
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// boroughRatio is how many times the people of a borough its metropolis
// has at most: a fifth of a city or more is a town of its own that
// records name, a suburb named after the city ("West Karvik") is less.
const boroughRatio = 5

// boroughsFirst moves each town of out that is a town of its own within
// a metropolis of out (boroughRatio of its people or more, within its
// seatRadius, same region) before the metropolis: "in Brooklyn" says more
// about where it happened than "New York City", as a city does more than
// its country. Neighbourhoods, much smaller, are left to seats.
func boroughsFirst(out []news.GeoPlace) []news.GeoPlace {
	for i := 1; i < len(out); i++ {
		p := out[i]
		for j := 0; j < i; j++ {
			q := out[j]
			if p.Kind != "city" || q.Kind != "city" || p.Country != q.Country || p.Region != q.Region || p.Region == "" ||
				p.Population <= 0 || p.Population >= q.Population || p.Population*boroughRatio < q.Population ||
				km(p, q) > seatRadius(q.Population) {
				continue
			}
			copy(out[j+1:i+1], out[j:i])
			out[j] = p
			break
		}
	}
	return out
}
