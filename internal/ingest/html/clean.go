package html

import (
	"bytes"
	"io"
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

// boilerplateParts are parts of class/id tokens, matched anywhere in the
// token, that mark blocks set into or next to a story that are not its
// text: lists of related or other articles ("related-stories",
// "mehr-zum-thema", "a-lire-aussi"), product and shop boxes, recipe cards.
// Like the prefixes, they take a block only when it holds fewer than three
// paragraphs and no long one.
var boilerplateParts = []string{
	"related", "relacionad", "read-also", "see-also", "more-from", "more-on",
	"most-read", "mostread", "popular", "lire-aussi", "zum-thema", "leggi-anche", "lees-ook",
	"product", "shop", "price", "buy", "recipe", "ingredient",
}

var boilerplatePartBytes = func() [][]byte {
	out := make([][]byte, len(boilerplateParts))
	for i, p := range boilerplateParts {
		out[i] = []byte(p)
	}
	return out
}()

// commentHeads are first parts of class/id tokens of reader comment
// sections ("comments", "comment-list", "kommentare", "disqus_thread").
// A comment section is taken out whatever it holds: comments are written
// in paragraphs as long as the story's own.
var commentHeads = []string{
	"comment", "comments", "kommentar", "kommentare", "leserkommentare", "comentario",
	"comentarios", "commentaire", "commentaires", "commenti", "reacties", "disqus", "discussion",
}

// removeBoilerplate deletes <nav> menus and elements whose class or id marks them as ads,
// share bars and the like. Containers that hold three paragraphs or more are
// kept: a wrapper class such as "ads-enabled" on the story must not take the
// story with it.
//
// It also deletes, in the same walk, what readability would throw away
// anyway (see prunable), so that readability's candidate search, which
// walks every scored subtree's text several times, scores a smaller tree.
func removeBoilerplate(n *xhtml.Node) { pruneTree(n, false) }

// textStats are counts over a subtree: bytes of visible non-space text,
// how many of them are inside links, and the number of links.
type textStats struct{ chars, linkChars, links int }

// pruneTree does removeBoilerplate's work in one walk and returns the text
// statistics of what is left under n, which it uses to drop link lists
// (see isLinkList) on the way up. Outside preformatted text (pre) it also
// shortens runs of white space at the ends of text nodes to one character:
// source indentation is most of the text bytes of a page, and readability
// reads every character of a candidate's text several times, while runs
// of white space render, and count for readability, as one space.
func pruneTree(n *xhtml.Node, pre bool) textStats {
	var st textStats
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == xhtml.TextNode:
			k := nonSpace(c.Data)
			if !pre {
				if k == 0 && (isBlock(n) && (c.PrevSibling == nil || next == nil) || isBlock(c.PrevSibling) || isBlock(next)) {
					// Indentation between blocks: nothing renders it, and
					// readability walks every node several times.
					n.RemoveChild(c)
					break
				}
				c.Data = squeezeEnds(c.Data, k == 0)
			}
			st.chars += k
		case c.Type == xhtml.CommentNode:
			n.RemoveChild(c)
		case c.Type != xhtml.ElementNode:
		case c.DataAtom == atom.Nav || prunable(c) || isBoilerplate(c) && countP(c, 3) < 3 && !isProse(c) || isComments(c):
			n.RemoveChild(c)
		default:
			trimAttrs(c)
			cs := pruneTree(c, pre || keepsSpace(c.DataAtom))
			if c.DataAtom == atom.A {
				cs.linkChars, cs.links = cs.chars, cs.links+1
			}
			if isLinkList(c, cs) {
				n.RemoveChild(c)
				break
			}
			st.chars += cs.chars
			st.linkChars += cs.linkChars
			st.links += cs.links
		}
		c = next
	}
	return st
}

// isProse reports a paragraph long enough to be article text, whatever its
// class says: some publishers mark every paragraph of a metered story
// "paywall", and an ad slot's label is never 150 bytes of text.
func isProse(n *xhtml.Node) bool {
	if n.DataAtom != atom.P {
		return false
	}
	k := 0
	for d := range n.Descendants() {
		if d.Type == xhtml.TextNode {
			if k += nonSpace(d.Data); k >= 150 {
				return true
			}
		}
	}
	return false
}

// trimAttrs removes attributes nothing downstream reads, once prunable
// has judged n: the inline style (readability strips styles from its
// output anyway, but first runs two regular expressions over every
// element's style to judge visibility), data-* attributes other than
// htmldate's data-utime, and on* event handlers. Readability keeps its
// scores in attributes and looks them up by scanning each element's list
// many times, and clones the tree with them on every pass.
func trimAttrs(n *xhtml.Node) {
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		k := a.Key
		if a.Namespace == "" && (k == "style" ||
			strings.HasPrefix(k, "data-") && k != "data-utime" ||
			len(k) > 2 && k[0] == 'o' && k[1] == 'n') {
			continue
		}
		kept = append(kept, a)
	}
	clear(n.Attr[len(kept):])
	n.Attr = kept
}

// isLinkList reports a block that is a list of links: related stories,
// tag clouds, site maps. Nearly all of its text is link text and it holds
// several links. Readability removes such blocks from what it picks
// (cleanConditionally, on link density), but first scores them, and
// its link-density walks over the big containers holding them are most of
// its time on portal pages.
func isLinkList(n *xhtml.Node, st textStats) bool {
	switch n.DataAtom {
	case atom.Div, atom.Ul, atom.Ol, atom.Section, atom.Table, atom.Dl, atom.Header:
	default:
		return false
	}
	return st.links >= 3 && st.linkChars*10 >= st.chars*9
}

// isBlock reports elements that start and end a line of text, so that
// white space next to them renders as nothing.
func isBlock(n *xhtml.Node) bool {
	if n == nil || n.Type != xhtml.ElementNode {
		return n != nil && n.Type == xhtml.DocumentNode
	}
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Address, atom.Article, atom.Aside,
		atom.Blockquote, atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.Li,
		atom.Main, atom.Nav, atom.Ol, atom.P, atom.Section, atom.Table,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Ul,
		atom.Title, atom.Meta, atom.Link, atom.Script, atom.Style:
		return true
	}
	return false
}

// keepsSpace reports elements whose text keeps its white space as written.
func keepsSpace(a atom.Atom) bool {
	switch a {
	case atom.Pre, atom.Textarea, atom.Listing, atom.Plaintext, atom.Xmp:
		return true
	}
	return false
}

// squeezeEnds shortens the runs of ASCII white space at the start and end
// of s to one character each (the one next to the text); blank says s is
// all white space, which becomes a newline if it holds one (so blocks stay
// on their own lines) and else its first character. It slices s rather
// than copying it.
func squeezeEnds(s string, blank bool) string {
	if len(s) < 2 {
		return s
	}
	if blank {
		if strings.IndexByte(s, '\n') >= 0 {
			return "\n"
		}
		return s[:1]
	}
	i := 0
	for i < len(s) && isASCIISpace(s[i]) {
		i++
	}
	j := len(s)
	for j > i && isASCIISpace(s[j-1]) {
		j--
	}
	if i > 0 {
		i-- // keep one
	}
	if j < len(s) {
		j++
	}
	return s[i:j]
}

func isASCIISpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false
}

// nonSpace counts the bytes of s that are not ASCII white space. Single-byte
// counts are vectorised, which beats a byte loop on long text.
func nonSpace(s string) int {
	if len(s) < 16 {
		k := 0
		for i := 0; i < len(s); i++ {
			if !isASCIISpace(s[i]) {
				k++
			}
		}
		return k
	}
	return len(s) - strings.Count(s, " ") - strings.Count(s, "\n") -
		strings.Count(s, "\t") - strings.Count(s, "\r") - strings.Count(s, "\f")
}

// prunable reports elements that cannot be part of the article text:
// readability removes elements hidden by the hidden attribute or an inline
// display:none / visibility:hidden style, and modal dialogs, before it
// scores anything (the same tests are made here), and deletes <iframe>,
// embedded objects and form controls from whatever it picks; <template>
// content is never displayed. <aside> and <footer> without three paragraphs
// are sidebars and page footers; readability deletes them from the
// candidate it picks but lets their text score the containers around them,
// which can pull the pick toward the page wrapper. (aria-hidden is left to
// readability: carousels mark slides aria-hidden that readers do show.)
func prunable(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body:
		return false
	case atom.Aside, atom.Footer:
		return countP(n, 3) < 3
	case atom.Template, atom.Iframe,
		atom.Object, atom.Embed, atom.Input, atom.Textarea, atom.Select,
		atom.Button:
		return true
	}
	var style, ariaModal, role string
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			return true
		case "style":
			style = a.Val
		case "aria-modal":
			ariaModal = a.Val
		case "role":
			role = a.Val
		}
	}
	if ariaModal == "true" && role == "dialog" {
		return true
	}
	return style != "" && hiddenStyle(style)
}

// hiddenStyle reports an inline style with display:none or
// visibility:hidden (white space around the colon allowed, any case), as
// readability tests it.
func hiddenStyle(style string) bool {
	s := asciiLower(style)
	for _, decl := range [...][2]string{{"display", "none"}, {"visibility", "hidden"}} {
		for rest := s; ; {
			i := strings.Index(rest, decl[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(decl[0]):]
			v := strings.TrimLeft(rest, " \t\n\r\f")
			if !strings.HasPrefix(v, ":") {
				continue
			}
			if strings.HasPrefix(strings.TrimLeft(v[1:], " \t\n\r\f"), decl[1]) {
				return true
			}
		}
	}
	return false
}

func isBoilerplate(n *xhtml.Node) bool { return hasClassToken(n, boilerplateToken) }

// isComments reports a reader comment section (see commentHeads). An
// element holding the page's headline is the story's wrapper, whatever its
// class says.
func isComments(n *xhtml.Node) bool {
	return hasClassToken(n, commentToken) && !hasDescendant(n, atom.H1)
}

func commentToken(tok string) bool {
	head := tok
	if k := strings.IndexAny(tok, "-_"); k >= 0 {
		head = tok[:k]
	}
	for _, p := range commentHeads {
		if len(head) == len(p) && strings.EqualFold(head, p) {
			return true
		}
	}
	return false
}

func hasDescendant(n *xhtml.Node, a atom.Atom) bool {
	for d := range n.Descendants() {
		if d.Type == xhtml.ElementNode && d.DataAtom == a {
			return true
		}
	}
	return false
}

// hasClassToken reports whether a class or id token of n passes match. The page's
// structural elements (html, body, main, article) never count.
func hasClassToken(n *xhtml.Node, match func(string) bool) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.Head:
		return false
	}
	for _, a := range n.Attr {
		if a.Namespace != "" || a.Key != "class" && a.Key != "id" {
			continue
		}
		// Tokens are split by hand: this runs on every element of the page.
		for v := a.Val; v != ""; {
			i := 0
			for i < len(v) && isASCIISpace(v[i]) {
				i++
			}
			v = v[i:]
			j := 0
			for j < len(v) && !isASCIISpace(v[j]) {
				j++
			}
			tok := v[:j]
			v = v[j:]
			if tok != "" && match(tok) {
				return true
			}
		}
	}
	return false
}

// boilerplateToken reports a class or id token whose first dash- or
// underscore-separated part is a boilerplate prefix, or that ends in
// "-ad" or "-ads" (ASCII case ignored).
func boilerplateToken(tok string) bool {
	head := tok
	if k := strings.IndexAny(tok, "-_"); k >= 0 {
		head = tok[:k]
	}
	for _, p := range boilerplatePrefixes {
		if len(head) == len(p) && strings.EqualFold(head, p) {
			return true
		}
	}
	if hasSuffixFold(tok, "-ad") || hasSuffixFold(tok, "-ads") {
		return true
	}
	if len(tok) < 3 || len(tok) > 64 {
		return false
	}
	// Lower-cased into a stack buffer: this runs on every class token of
	// the page.
	var buf [64]byte
	low := buf[:len(tok)]
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for _, p := range boilerplatePartBytes {
		if bytes.Contains(low, p) {
			return true
		}
	}
	return false
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
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

// stripRaw removes <script> (except JSON-LD metadata), <style> and comment
// blocks, and the elements of rawDropped (<nav> menus, inline <svg>
// drawings, ...), from a page before it is parsed. They carry no article text, yet on a portal page inline state
// scripts and mega-menus are often most of the bytes, and the HTML
// tokenizer copies every one of them. Raw-text ends are found as the
// tokenizer finds them: the first "</script" or "</style" (ASCII
// case-insensitive), the first "-->"; the others are matched with nesting
// and left alone when unbalanced.
func stripRaw(s string) string {
	spans := keptSpans(s)
	if len(spans) == 1 && len(spans[0]) == len(s) {
		return s
	}
	return strings.Join(spans, "")
}

// strippedReader reads s with stripRaw's removals, without copying the
// page into a new string first: the tokenizer copies what it reads anyway.
func strippedReader(s string) io.Reader {
	spans, keeper := keptSpansKeeper(s)
	return &spanReader{spans: squeezeIndent(spans, cutBlockSpace && !keeper)}
}

// cutBlockSpace turns squeezeIndent's cut of white space next to block
// tags on; a test turns it off to check that it changes no article.
var cutBlockSpace = true

// keepBlockSpace is strippedReader keeping the white space between block
// tags (as one line break) for trafilatura, which renders the elements it
// keeps without regard to which are blocks.
func keepBlockSpace(s string) io.Reader {
	return &spanReader{spans: squeezeIndent(keptSpans(s), false)}
}

// squeezeIndent cuts white space out of spans where nothing renders it.
// A run of white space holding a line break between two tags, one of them
// a block element's start or end tag ("</p>\n    <a", "<li>\n  <a") is
// cut whole: it would parse as a text node that is the first or last
// child of a block, or a block's sibling, which pruneTree deletes anyway, and such nodes are a third of the nodes of a
// typical page, each one a token to copy and a node to allocate, link and
// then unlink. Other indentation after a line break (four or more spaces,
// tabs or further line breaks) is cut keeping the line break: source
// indentation is a third of a typical page's text bytes, and the
// tokenizer reads it byte by byte. Runs of white space render, and are
// rendered by Text, as one, inside <pre> as well. Without dropBlockSpace
// (which the caller leaves off for a page holding an element that keeps
// its white space, <pre>, <textarea>, ..., where pruneTree keeps the runs
// next to block tags), those runs are squeezed like the others.
func squeezeIndent(spans []string, dropBlockSpace bool) []string {
	out := make([]string, 0, len(spans)*2)
	for _, sp := range spans {
		betweenBlocks := dropBlockSpace
		start, pos := 0, 0
		for {
			k := strings.IndexByte(sp[pos:], '\n')
			if k < 0 {
				break
			}
			k += pos
			j := k + 1
			for j < len(sp) && isASCIISpace(sp[j]) {
				j++
			}
			i := k // start of the run
			for i > pos && isASCIISpace(sp[i-1]) {
				i--
			}
			switch {
			case betweenBlocks && i > 0 && sp[i-1] == '>' && j < len(sp) && sp[j] == '<' &&
				(isBlockTag(sp[j:]) || blockTagEndingAt(sp, i-1)):
				out = append(out, sp[start:i])
				start = j
			case j-k-1 >= 4:
				out = append(out, sp[start:k+1])
				start = j
			}
			pos = j
		}
		if start < len(sp) {
			out = append(out, sp[start:])
		}
	}
	return out
}

// isBlockTag reports whether s starts with a start or end tag of an
// element isBlock counts as a block ("<p ", "</div>").
func isBlockTag(s string) bool {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	var name [12]byte
	n := 0
	for ; i < len(s) && n < len(name); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			if n == 0 || !isTagEnd(s, i) {
				return false
			}
			return isBlock(&xhtml.Node{Type: xhtml.ElementNode, DataAtom: atom.Lookup(name[:n])})
		}
		name[n] = c
		n++
	}
	return false
}

// blockTagEndingAt reports whether the tag whose '>' is s[gt] is a block
// tag (see isBlockTag). Its '<' is looked for no further back than 512
// bytes: a longer tag is taken for no block tag, and its white space kept.
func blockTagEndingAt(s string, gt int) bool {
	from := max(0, gt-512)
	lt := strings.LastIndexByte(s[from:gt], '<')
	return lt >= 0 && isBlockTag(s[from+lt:gt+1])
}

// spanReader reads a list of strings one after the other.
type spanReader struct{ spans []string }

func (r *spanReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && len(r.spans) > 0 {
		k := copy(p[n:], r.spans[0])
		n += k
		if r.spans[0] = r.spans[0][k:]; r.spans[0] == "" {
			r.spans = r.spans[1:]
		}
	}
	if n == 0 && len(r.spans) == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// keptSpans returns the parts of s that stripRaw keeps, in order.
func keptSpans(s string) []string {
	spans, _ := keptSpansKeeper(s)
	return spans
}

// keptSpansKeeper is keptSpans also reporting whether what it keeps holds
// a start tag of an element that keeps its white space (<pre>, ...; see
// keepsSpace), noticed on the way.
func keptSpansKeeper(s string) (_ []string, spaceKeeper bool) {
	var spans []string
	last := 0 // s[last:] not yet kept
	// After one unbalanced element of a name, the rest of that name are
	// left to the parser: searching to the end of the page for each would
	// be quadratic.
	var unbalanced [len(rawDropped)]bool
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(s) {
			switch s[i+1] | 0x20 {
			case '!', 's', 'n', 't', 'a', 'f', 'b', 'p', 'l', 'x':
				// the first letter of something handled below
			default:
				i++ // end tags and most start tags: nothing to do
				continue
			}
		}
		var end int
		switch {
		case strings.HasPrefix(s[i:], "<!--"):
			k := strings.Index(s[i+4:], "-->")
			if k < 0 {
				end = len(s)
			} else {
				end = i + 4 + k + 3
			}
		case hasPrefixFold(s[i:], "<script") && isTagEnd(s, i+7):
			end = rawEnd(s, i, "</script")
			gt := strings.IndexByte(s[i:end], '>')
			if gt >= 0 && strings.Contains(asciiLower(s[i:i+gt]), "ld+json") {
				i = end
				continue // metadata: kept
			}
		case hasPrefixFold(s[i:], "<style") && isTagEnd(s, i+6):
			end = rawEnd(s, i, "</style")
		default:
			end = i + 1
			if i+1 >= len(s) {
				break
			}
			c := s[i+1] | 0x20
			switch c {
			case 'p', 't', 'l', 'x':
				for _, name := range [...]string{"pre", "textarea", "listing", "xmp", "plaintext"} {
					if hasPrefixFold(s[i+1:], name) && isTagEnd(s, i+1+len(name)) {
						spaceKeeper = true
					}
				}
			}
			for k, d := range rawDropped {
				if d.name[0] != c || unbalanced[k] || !hasPrefixFold(s[i+1:], d.name) || !isTagEnd(s, i+1+len(d.name)) {
					continue
				}
				end = nestedEnd(s, i, d.name)
				unbalanced[k] = end == i+1
				if d.fewP && end > i+1 && countPTags(s[i:end], 3) >= 3 {
					end = i + 1 // holds paragraphs: left to pruneTree's judgement
				}
				break
			}
		}
		if end == i+1 { // nothing to remove here
			i++
			continue
		}
		if i > last {
			spans = append(spans, s[last:i])
		}
		last, i = end, end
	}
	if last < len(s) || len(spans) == 0 {
		spans = append(spans, s[last:])
	}
	return spans, spaceKeeper
}

// rawDropped are the elements keptSpans cuts out with their content,
// matched with nesting: menus and drawings, never displayed templates, form
// controls, and (when holding fewer than three <p> tags, as pruneTree
// judges them) sidebars and footers. Cutting them before parsing spares
// the tokenizer and tree builder a tenth of a typical page.
var rawDropped = [...]struct {
	name string
	fewP bool // only when holding fewer than three <p>
}{
	{"nav", false}, {"svg", false}, {"template", false}, {"select", false},
	{"button", false}, {"aside", true}, {"footer", true},
}

// countPTags counts <p> start tags in s, stopping at limit.
func countPTags(s string, limit int) int {
	n := 0
	for i := 0; n < limit; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if i < len(s) && s[i]|0x20 == 'p' && isTagEnd(s, i+1) {
			n++
		}
	}
	return n
}

// rawEnd returns the index just past the closing tag of the raw-text
// element opened at i, or len(s) when it is never closed.
func rawEnd(s string, i int, closer string) int {
	for k := i + 1; k < len(s); {
		j := strings.IndexByte(s[k:], '<')
		if j < 0 {
			return len(s)
		}
		k += j
		if hasPrefixFold(s[k:], closer) {
			gt := strings.IndexByte(s[k:], '>')
			if gt < 0 {
				return len(s)
			}
			return k + gt + 1
		}
		k++
	}
	return len(s)
}

// nestedEnd returns the index just past the end tag matching the <name>
// element opened at i, counting nested elements of the same name; i+1 (skip
// just the '<') when there is none, so an unclosed element is kept.
func nestedEnd(s string, i int, name string) int {
	open, closer := "<"+name, "</"+name
	depth := 0
	for k := i; k < len(s); {
		j := strings.IndexByte(s[k:], '<')
		if j < 0 {
			break
		}
		k += j
		switch {
		case hasPrefixFold(s[k:], closer) && isTagEnd(s, k+len(closer)):
			depth--
			if depth == 0 {
				gt := strings.IndexByte(s[k:], '>')
				if gt < 0 {
					return i + 1
				}
				return k + gt + 1
			}
		case hasPrefixFold(s[k:], open) && isTagEnd(s, k+len(open)):
			gt := strings.IndexByte(s[k:], '>')
			if gt > 0 && s[k+gt-1] == '/' {
				if k == i {
					return k + gt + 1 // <svg .../> closes itself
				}
			} else {
				depth++
			}
		}
		k++
	}
	return i + 1
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isTagEnd reports whether the tag name ends at s[i] (so "<scripts" or
// "<styled" are not taken for <script> and <style>).
func isTagEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	switch s[i] {
	case ' ', '\t', '\n', '\r', '\f', '>', '/':
		return true
	}
	return false
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// focusArticle narrows the document to its <article> element when one
// article plainly holds the story: it contains at least 60% of the
// paragraph text of the page and 500 characters of it. Readability then
// scores a small tree instead of the whole portal, which is several times
// faster, and cannot wander into teasers. When no <article> qualifies, the
// page's main region (<main>, or role="main") is tried the same way: it
// excludes the site's header, sidebars and footer by the page's own
// declaration. Pages with no such element (teaser lists of many
// <article>s, or none) are left whole.
func focusArticle(doc *xhtml.Node) {
	var body *xhtml.Node
	var articles, mains []*xhtml.Node
	var find func(*xhtml.Node, bool, bool)
	find = func(n *xhtml.Node, inArticle, inMain bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			article, main := inArticle, inMain
			switch {
			case c.DataAtom == atom.Body:
				body = c
			case c.DataAtom == atom.Article:
				if !inArticle {
					articles = append(articles, c)
				}
				article = true
			case c.DataAtom == atom.Main || strings.EqualFold(attr(c, "role"), "main"):
				if !inMain && !inArticle {
					mains = append(mains, c)
				}
				main = true
			}
			find(c, article, main)
		}
	}
	find(doc, false, false)
	if body == nil || len(articles)+len(mains) == 0 {
		return
	}
	total := pText(body)
	best := dominant(articles, total)
	if best == nil {
		best = dominant(mains, total)
	}
	if best == nil {
		return
	}
	best.Parent.RemoveChild(best)
	for c := body.FirstChild; c != nil; {
		next := c.NextSibling
		body.RemoveChild(c)
		c = next
	}
	body.AppendChild(best)
}

// dominant returns the element of els with the most paragraph text, if it
// holds at least 500 bytes of it and 60% of the page's total.
func dominant(els []*xhtml.Node, total int) *xhtml.Node {
	var best *xhtml.Node
	bestN := 0
	for _, a := range els {
		if n := pText(a); n > bestN {
			best, bestN = a, n
		}
	}
	if bestN < 500 || bestN*10 < total*6 {
		return nil
	}
	return best
}

// pText counts the bytes of text inside <p> elements under n.
func pText(n *xhtml.Node) int {
	total := 0
	var walk func(*xhtml.Node, bool)
	walk = func(n *xhtml.Node, inP bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case xhtml.TextNode:
				if inP {
					total += len(strings.TrimSpace(c.Data))
				}
			case xhtml.ElementNode:
				walk(c, inP || c.DataAtom == atom.P)
			}
		}
	}
	walk(n, false)
	return total
}
