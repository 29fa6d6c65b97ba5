package reconcile

import (
	"math"

	"github.com/dossier-news/dossier/internal/news"
)

// anchorReach is how far, in km, a town may lie from another place of
// its event, or from an outlet's home town, and be near it: a county's
// or a metro area's towns lie within it, a namesake in another state
// seldom does.
const anchorReach = 120.0

// anchored reports whether p, a town or a region among an event's places
// cands, has support besides its own mentions: for a town, another town
// of cands near it (anchorReach), its region among cands, or an outlet's
// home town (homes) near it or its region; for a region, a town of cands
// or a home in it. Countries and places without coordinates are always
// anchored: they are not namesakes of a town.
func anchored(p news.GeoPlace, cands, homes []news.GeoPlace) bool {
	if p.Kind != "city" && p.Kind != "region" || p.Lat == 0 && p.Lon == 0 {
		return true
	}
	inRegion := func(q news.GeoPlace) bool {
		return q.Country == p.Country && q.Region == p.Region && p.Region != ""
	}
	for _, q := range append(cands[:len(cands):len(cands)], homes...) {
		if fold(q.Name) == fold(p.Name) && q.Country == p.Country && q.Region == p.Region {
			continue
		}
		switch {
		case p.Kind == "region" && q.Kind == "city" && inRegion(q):
			return true
		case p.Kind == "city" && q.Kind == "region" && inRegion(q):
			return true
		case p.Kind == "city" && q.Kind == "city" && (q.Lat != 0 || q.Lon != 0) && km(p, q) <= anchorReach:
			return true
		}
	}
	// An outlet's home town is its own anchor.
	for _, h := range homes {
		if h.Kind == "city" && fold(h.Name) == fold(p.Name) && h.Country == p.Country && h.Region == p.Region {
			return true
		}
	}
	return false
}

// farNamesakes returns, by placeKey, the far namesakes among an event's
// places cands: the towns nothing else of the event anchors (anchored)
// while some other town or region is, and an anchored place scores half
// as much as the town at least (by score; a place the outlet's home
// anchors, any score): a Chicago report's "Austin" read as the Texas
// capital, a Pittsburgh report's "Homewood" read as Alabama's. A far
// town that alone outscores all else (a dateline's city) is kept, and so
// is one when the event names another region of its country
// (otherRegionNamed). None when nothing is anchored.
func farNamesakes(cands, homes []news.GeoPlace, score func(news.GeoPlace) float64) map[string]bool {
	isFar := make([]bool, len(cands))
	bestAnchored, anyAnchor := 0.0, false
	for i, p := range cands {
		if !anchored(p, cands, homes) {
			isFar[i] = true
		} else if p.Kind == "city" || p.Kind == "region" {
			anyAnchor = true
			bestAnchored = max(bestAnchored, score(p))
			if anchored(p, nil, homes) {
				bestAnchored = math.Inf(1) // the outlet's home region outweighs any mention
			}
		}
	}
	if !anyAnchor {
		return nil
	}
	far := map[string]bool{}
	for i, p := range cands {
		if !isFar[i] {
			continue
		}
		if p.Kind == "city" && bestAnchored*2 >= score(p) && !otherRegionNamed(p, cands) {
			far[placeKey(p)] = true
		}
	}
	return far
}

// otherRegionNamed reports whether the event names a region of p's
// country that p does not lie in ("Waynesville" read as North
// Carolina's in a report naming Indiana): p may then be a town of that
// region the gazetteer does not know, rightly named though wrongly
// placed, and it is not marked far.
func otherRegionNamed(p news.GeoPlace, cands []news.GeoPlace) bool {
	for _, q := range cands {
		if q.Kind == "region" && q.Country == p.Country && q.Region != p.Region {
			return true
		}
	}
	return false
}

// farLast moves the places of ps in far after the others, keeping the
// order within each part.
func farLast(ps []news.GeoPlace, far map[string]bool) []news.GeoPlace {
	if len(far) == 0 {
		return ps
	}
	out := make([]news.GeoPlace, 0, len(ps))
	for _, p := range ps {
		if !far[placeKey(p)] {
			out = append(out, p)
		}
	}
	for _, p := range ps {
		if far[placeKey(p)] {
			out = append(out, p)
		}
	}
	return out
}

func placeKey(p news.GeoPlace) string { return fold(p.Name) + "|" + p.Country + "|" + p.Region }

// homes lists the home towns the event's outlets' host names name
// (Analysis.Outlet), once each.
func (c *buildCtx) homes() []news.GeoPlace {
	var out []news.GeoPlace
	seen := map[string]bool{}
	for _, x := range c.an {
		if p := x.Outlet; p != nil && !seen[fold(p.Name)+"|"+p.Region] {
			seen[fold(p.Name)+"|"+p.Region] = true
			out = append(out, *p)
		}
	}
	return out
}
