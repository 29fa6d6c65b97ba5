package readability

import "golang.org/x/net/html"

// cloneTree is dom.Clone(src, true) with all the nodes of the copy in one
// allocation and all their attributes in another, instead of one or two
// allocations per node: grabArticle copies the whole document for each
// pass. (Dossier's addition, see FORK-DOSSIER.md.) Each node's attribute
// slice is capped at its own length, so that adding an attribute to one
// node reallocates it rather than writing over the next node's.
func cloneTree(src *html.Node) *html.Node {
	nodes, attrs := 0, 0
	var count func(*html.Node)
	count = func(n *html.Node) {
		nodes++
		attrs += len(n.Attr)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			count(c)
		}
	}
	count(src)
	ns := make([]html.Node, nodes)
	as := make([]html.Attribute, attrs)
	var clone func(*html.Node) *html.Node
	clone = func(n *html.Node) *html.Node {
		c := &ns[0]
		ns = ns[1:]
		c.Type, c.DataAtom, c.Data = n.Type, n.DataAtom, n.Data // no Namespace, as dom.Clone
		k := copy(as, n.Attr)
		c.Attr = as[:k:k]
		as = as[k:]
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			cc := clone(ch)
			cc.Parent = c
			if c.LastChild == nil {
				c.FirstChild = cc
			} else {
				c.LastChild.NextSibling = cc
				cc.PrevSibling = c.LastChild
			}
			c.LastChild = cc
		}
		return c
	}
	return clone(src)
}
