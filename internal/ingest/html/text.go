package html

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text renders the text of an HTML subtree as plain text: white space inside
// a paragraph collapsed to single spaces, one blank line between blocks
// (paragraphs, headings, list items, quotes, table rows), a line break for
// <br>. Scripts, styles and form controls are dropped.
func Text(n *xhtml.Node) string {
	var tb textBuilder
	tb.walk(n)
	return tb.String()
}

type textBuilder struct {
	b        strings.Builder
	space    bool // a space is pending before the next word
	newlines int  // line breaks pending before the next word (max 2)
}

func (tb *textBuilder) String() string { return tb.b.String() }

func (tb *textBuilder) breakLines(n int) {
	if tb.b.Len() == 0 {
		return
	}
	if n > tb.newlines {
		tb.newlines = n
	}
}

func (tb *textBuilder) write(s string) {
	for i := 0; i < len(s); {
		// split on ASCII and Unicode white space without allocating
		j := i
		for j < len(s) && !isSpaceByte(s, j) {
			j += runeLen(s, j)
		}
		if j > i {
			w := s[i:j]
			if tb.b.Len() > 0 {
				switch {
				case tb.newlines > 0:
					tb.b.WriteString(strings.Repeat("\n", tb.newlines))
				case tb.space:
					tb.b.WriteByte(' ')
				}
			}
			tb.newlines, tb.space = 0, false
			tb.b.WriteString(w)
		}
		if j < len(s) {
			tb.space = true
			j += runeLen(s, j)
		}
		i = j
	}
}

// isSpaceByte reports white space at s[i]: ASCII white space, and the
// Unicode spaces news pages use between words (no-break, thin, em, ...).
func isSpaceByte(s string, i int) bool {
	switch s[i] {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	case 0xC2: // U+00A0 no-break space
		return i+1 < len(s) && s[i+1] == 0xA0
	case 0xE2: // U+2002..U+200B, U+2028, U+2029 (spaces and separators)
		if i+2 < len(s) && s[i+1] == 0x80 {
			c := s[i+2]
			return (c >= 0x82 && c <= 0x8B) || c == 0xA8 || c == 0xA9 || c == 0xAF
		}
	case 0xE3: // U+3000 ideographic space
		return i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80
	}
	return false
}

func runeLen(s string, i int) int {
	c := s[i]
	switch {
	case c < 0x80:
		return 1
	case c>>5 == 0x6:
		return min(2, len(s)-i)
	case c>>4 == 0xE:
		return min(3, len(s)-i)
	case c>>3 == 0x1E:
		return min(4, len(s)-i)
	}
	return 1
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Figure: true,
	atom.Figcaption: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Hr: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
}

var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
}

func (tb *textBuilder) walk(n *xhtml.Node) {
	switch n.Type {
	case xhtml.TextNode:
		tb.write(n.Data)
		return
	case xhtml.ElementNode:
		// Nodes created or renamed by readability carry no DataAtom.
		a := n.DataAtom
		if a == 0 {
			a = atom.Lookup([]byte(strings.ToLower(n.Data)))
		}
		if skipTags[a] {
			return
		}
		if hasAttr(n, "hidden") || strings.Contains(strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", ""), "display:none") {
			return
		}
		switch {
		case a == atom.Br:
			if tb.b.Len() > 0 {
				tb.newlines = min(2, tb.newlines+1)
			}
			return
		case a == atom.Td || a == atom.Th:
			tb.space = true
		case blockTags[a]:
			tb.breakLines(2)
			defer tb.breakLines(2)
		}
	case xhtml.CommentNode, xhtml.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tb.walk(c)
	}
}

func hasAttr(n *xhtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
