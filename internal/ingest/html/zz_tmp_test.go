package html

import (
	"bytes"
	"sort"
	"testing"
	"time"
	xhtml "golang.org/x/net/html"
	"os"
	"strings"
)

func TestTmpPerPage(t *testing.T) {
	pages := realPages(t)
	type r struct {
		name string
		d    time.Duration
		kb   int
	}
	var rs []r
	var tot time.Duration
	for _, pg := range pages {
		st := time.Now()
		for range 3 {
			Extract(bytes.NewReader(pg.source), "https://example.org/"+pg.name)
		}
		d := time.Since(st) / 3
		tot += d
		rs = append(rs, r{pg.name, d, len(pg.source) / 1024})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].d > rs[j].d })
	cum := time.Duration(0)
	for i, x := range rs[:25] {
		cum += x.d
		t.Logf("%2d %-40s %6.2fms %5dKB cum %.0f%%", i, x.name, x.d.Seconds()*1000, x.kb, 100*cum.Seconds()/tot.Seconds())
	}
	t.Logf("total %v mean %.2fms", tot, tot.Seconds()*1000/float64(len(rs)))
}

func BenchmarkTmpOne(b *testing.B) {
	pages := realPages(b)
	want := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("PAGES"), ",") {
		want[n] = true
	}
	var sel []realPage
	for _, pg := range pages {
		if want[pg.name] {
			sel = append(sel, pg)
		}
	}
	n := 0
	for b.Loop() {
		pg := sel[n%len(sel)]
		Extract(bytes.NewReader(pg.source), "https://example.org/"+pg.name)
		n++
	}
}

func TestTmpComposition(t *testing.T) {
	pages := realPages(t)
	var raw, kept, inTag, attrs, head, ntags int
	for _, pg := range pages {
		s := string(pg.source)
		raw += len(s)
		var sb strings.Builder
		for _, sp := range squeezeIndent(keptSpans(s), true) {
			sb.WriteString(sp)
		}
		k := sb.String()
		kept += len(k)
		if i := strings.Index(strings.ToLower(k), "</head>"); i > 0 {
			head += i
		}
		for i := 0; i < len(k); {
			j := strings.IndexByte(k[i:], '<')
			if j < 0 {
				break
			}
			i += j
			e := strings.IndexByte(k[i:], '>')
			if e < 0 {
				break
			}
			inTag += e + 1
			ntags++
			if sp := strings.IndexByte(k[i:i+e], ' '); sp > 0 {
				attrs += e - sp
			}
			i += e + 1
		}
	}
	t.Logf("raw %d KB, kept %d KB, in tags %d KB (attrs %d KB), head %d KB, tags %d/page", raw>>10, kept>>10, inTag>>10, attrs>>10, head>>10, ntags/len(pages))
}

func TestTmpAttrs(t *testing.T) {
	pages := realPages(t)
	by := map[string]int{}
	for _, pg := range pages {
		s := string(pg.source)
		var sb strings.Builder
		for _, sp := range squeezeIndent(keptSpans(s), true) {
			sb.WriteString(sp)
		}
		z := xhtml.NewTokenizer(strings.NewReader(sb.String()))
		for {
			tt := z.Next()
			if tt == xhtml.ErrorToken {
				break
			}
			if tt == xhtml.StartTagToken || tt == xhtml.SelfClosingTagToken {
				tok := z.Token()
				for _, a := range tok.Attr {
					k := a.Key
					if strings.HasPrefix(k, "data-") {
						k = "data-*"
					}
					if strings.HasPrefix(k, "aria-") {
						k = "aria-*"
					}
					if strings.HasPrefix(k, "on") {
						k = "on*"
					}
					by[k+"@"+tok.Data] += len(a.Key) + len(a.Val) + 4
					by[k] += len(a.Key) + len(a.Val) + 4
				}
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range by {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
	for _, x := range l[:40] {
		t.Logf("%-30s %6d KB", x.k, x.v>>10)
	}
}

func countNodes(n *xhtml.Node) int {
	c := 1
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c += countNodes(k)
	}
	return c
}

func TestTmpNodes(t *testing.T) {
	pages := realPages(t)
	var a, b, c int
	for _, pg := range pages {
		doc, _ := xhtml.Parse(strippedReader(string(pg.source)))
		a += countNodes(doc)
		removeBoilerplate(doc)
		b += countNodes(doc)
		focusArticle(doc)
		c += countNodes(doc)
	}
	t.Logf("nodes/page: parsed %d, after boilerplate %d, after focus %d", a/len(pages), b/len(pages), c/len(pages))
}

func countEl(n *xhtml.Node) (int, int) {
	e, t := 0, 0
	if n.Type == xhtml.ElementNode {
		e = 1
	}
	if n.Type == xhtml.TextNode {
		t = 1
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		a, b := countEl(k)
		e, t = e+a, t+b
	}
	return e, t
}

func TestTmpEls(t *testing.T) {
	pages := realPages(t)
	var a, b, c, d int
	for _, pg := range pages {
		doc, _ := xhtml.Parse(strippedReader(string(pg.source)))
		x, y := countEl(doc)
		a, b = a+x, b+y
		removeBoilerplate(doc)
		x, y = countEl(doc)
		c, d = c+x, d+y
	}
	n := len(pages)
	t.Logf("elements %d text %d -> elements %d text %d", a/n, b/n, c/n, d/n)
}
