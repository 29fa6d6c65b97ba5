package readability

import (
	"strings"
	"unicode"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// This file is Dossier's addition to the fork (see FORK-DOSSIER.md):
// getLinkDensity of every candidate in one walk of the tree instead of
// one walk of each candidate's subtree. Candidates are the ancestors (up
// to five levels) of every scored paragraph, so the per-candidate walks
// read the page's text many times over, a tenth of the extraction time.

// textSpan summarises a run of text as charCounter counts it: n non-space
// runes, gaps whitespace runs between two of them (each counted as one
// more character), and whether white space leads or trails. The charCounter
// total of the run is n+gaps; summaries of consecutive runs combine with
// join, so a subtree's count is made from its children's.
type textSpan struct {
	n, gaps     int
	lead, trail bool // white space before the first / after the last non-space rune
	space       bool // for a run without non-space runes: it holds white space
}

func (s textSpan) total() int { return s.n + s.gaps }

// join returns the summary of s followed by t.
func (s textSpan) join(t textSpan) textSpan {
	switch {
	case s.n == 0:
		if t.n == 0 {
			return textSpan{space: s.space || t.space}
		}
		t.lead = t.lead || s.space
		return t
	case t.n == 0:
		s.trail = s.trail || t.space
		return s
	}
	gap := 0
	if s.trail || t.lead {
		gap = 1
	}
	return textSpan{n: s.n + t.n, gaps: s.gaps + t.gaps + gap, lead: s.lead, trail: t.trail}
}

// spanOf summarises one text.
func spanOf(text string) textSpan {
	s, _ := spanAndCommas(text)
	return s
}

// spanAndCommas summarises one text and counts its commas (as
// commaCounter does), in one reading.
func spanAndCommas(text string) (s textSpan, commas int) {
	inSpace := false
	for _, r := range text {
		if isSpaceRune(r) {
			inSpace = true
			continue
		}
		switch r {
		case '\u002C', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C':
			commas++
		}
		if s.n == 0 {
			s.lead = inSpace
		} else if inSpace {
			s.gaps++
		}
		s.n++
		inSpace = false
	}
	if s.n == 0 {
		s.space = inSpace
	} else {
		s.trail = inSpace
	}
	return s, commas
}

// isSpaceRune is unicode.IsSpace with the common ASCII cases decided
// inline.
func isSpaceRune(r rune) bool {
	switch {
	case r > ' ' && r < 0x80:
		return false
	case r < 0x80:
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// linkDensities sets want[n] to getLinkDensity(n) for each node n of want
// (all of them under root, or root itself), walking root once.
func (ps *Parser) linkDensities(root *html.Node, want map[*html.Node]float64) {
	var walk func(n *html.Node) (all, free textSpan, linkWeighted float64)
	// all is the node's text, free the part of it outside links, and
	// linkWeighted the weighted link characters getLinkDensity sums.
	walk = func(n *html.Node) (all, free textSpan, linkWeighted float64) {
		if n.Type == html.TextNode {
			s := ps.textOf(n).span
			return s, s, 0
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			a, f, lw := walk(c)
			all, free = all.join(a), free.join(f)
			linkWeighted += lw
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			// A link's own counter sees its text outside nested links.
			linkWeighted += float64(free.total()) * getLinkDensityCoefficient(n)
			free = textSpan{}
		}
		if _, ok := want[n]; ok {
			d := 0.0
			if t := all.total(); t > 0 {
				d = linkWeighted / float64(t)
			}
			want[n] = d
		}
		return all, free, linkWeighted
	}
	walk(root)
}

// addSpan counts a whole text whose summary is s, as Count would rune by
// rune.
func (c *charCounter) addSpan(s textSpan) {
	if s.n == 0 {
		if s.space {
			c.lastCharWasSpace = true
		}
		return
	}
	c.Total += s.n + s.gaps
	if (c.lastCharWasSpace || s.lead) && c.seenNonSpace {
		c.Total++
	}
	c.lastCharWasSpace = s.trail
	c.seenNonSpace = true
}

// textInfo is what the counting walks need of one text node.
type textInfo struct {
	data   string // the text summarised, to notice a changed node
	span   textSpan
	commas int
}

// textOf returns the summary of text node n, from the parser's cache:
// cleanConditionally walks each candidate's subtree once for every
// enclosing element it judges, and the scoring walks every paragraph,
// so each text would otherwise be read rune by rune many times.
func (ps *Parser) textOf(n *html.Node) textInfo {
	if ti, ok := ps.texts[n]; ok && ti.data == n.Data {
		return ti
	}
	ti := textInfo{data: n.Data}
	ti.span, ti.commas = spanAndCommas(n.Data)
	if ps.texts == nil {
		ps.texts = map[*html.Node]textInfo{}
	}
	ps.texts[n] = ti
	return ti
}

// matchShare is rxShareElements.MatchString(s), (?i)(\b|_)(share|sharedaddy)(\b|_),
// without the regular expression engine for ASCII s: prepArticle tests it
// on the class and id of every element of the article.
func matchShare(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return rxShareElements.MatchString(s)
		}
	}
	for p := 0; p+5 <= len(s); p++ {
		if s[p]|0x20 != 's' || !strings.EqualFold(s[p:p+5], "share") {
			continue
		}
		if p > 0 && isWordByte(s[p-1]) && s[p-1] != '_' {
			continue
		}
		if q := p + 5; q == len(s) || !isWordByte(s[q]) || s[q] == '_' {
			return true
		}
		if q := p + 10; q <= len(s) && strings.EqualFold(s[p:q], "sharedaddy") &&
			(q == len(s) || !isWordByte(s[q]) || s[q] == '_') {
			return true
		}
	}
	return false
}

// isWordByte reports an ASCII word character, as \w and \b see them.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// className is dom.ClassName(n) (the class attribute with its white space
// normalised) without building a new string when the attribute is already
// normal, as it nearly always is: grabArticle asks for every node's.
func className(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Key == "class" {
			if isNormalSpaced(a.Val) {
				return a.Val
			}
			return dom.ClassName(n)
		}
	}
	return ""
}

// isNormalSpaced reports whether strings.Join(strings.Fields(s), " ") is s.
func isNormalSpaced(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, '\t' <= c && c <= '\r':
			return false // maybe Unicode white space; other white space
		case c == ' ':
			if space {
				return false
			}
			space = true
		default:
			space = false
		}
	}
	return true
}
