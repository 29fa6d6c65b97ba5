package html

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// boilerplatePrefixes are class/id tokens (or their first dash-separated
// parts) of page furniture that readability's own "unlikely candidate" list
// misses, mainly ad slots and share bars inside the article body. They are
// matched on whole tokens so "adjective" or "shadow" never match.
var boilerplatePrefixes = []string{
	"ad", "ads", "adslot", "advert", "advertisement", "advertising", "dfp", "gpt",
	"sponsor", "sponsored", "promo", "newsletter", "paywall", "cookie", "cookies",
	"share", "sharing", "social", "outbrain", "taboola", "teaser", "subscribe", "subscription",
}

// removeBoilerplate deletes elements whose class or id marks them as ads,
// share bars and the like. Containers that hold three paragraphs or more are
// kept: a wrapper class such as "ads-enabled" on the story must not take the
// story with it.
func removeBoilerplate(n *xhtml.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == xhtml.ElementNode && isBoilerplate(c) && countP(c, 3) < 3 {
			n.RemoveChild(c)
		} else {
			removeBoilerplate(c)
		}
		c = next
	}
}

func isBoilerplate(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.Head:
		return false
	}
	for _, key := range [...]string{"class", "id"} {
		for _, tok := range strings.Fields(strings.ToLower(attr(n, key))) {
			head, _, _ := strings.Cut(strings.ReplaceAll(tok, "_", "-"), "-")
			for _, p := range boilerplatePrefixes {
				if head == p || tok == p {
					return true
				}
			}
			if strings.HasSuffix(tok, "-ad") || strings.HasSuffix(tok, "-ads") {
				return true
			}
		}
	}
	return false
}

// countP counts <p> descendants, stopping at limit.
func countP(n *xhtml.Node, limit int) int {
	c := 0
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		for k := n.FirstChild; k != nil && c < limit; k = k.NextSibling {
			if k.Type == xhtml.ElementNode && k.DataAtom == atom.P {
				c++
			}
			walk(k)
		}
	}
	walk(n)
	return c
}
