package readability

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// checkLinkDensities compares linkDensities with getLinkDensity on every
// element of the page.
func checkLinkDensities(t *testing.T, page string) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return
	}
	want := map[*html.Node]float64{}
	var els []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			want[n] = -1
			els = append(els, n)
		}
	}
	var ps Parser
	ps.linkDensities(doc, want)
	for _, n := range els {
		if got, exp := want[n], ps.getLinkDensity(n); math.Abs(got-exp) > 1e-12 {
			t.Fatalf("<%s> in %.200q: one-walk density %v, getLinkDensity %v", n.Data, page, got, exp)
		}
	}
}

func TestLinkDensities(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*.html")
	if len(files) == 0 {
		t.Skip("no test pages in ../../testdata")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkLinkDensities(t, string(data))
	}
}

func FuzzLinkDensities(f *testing.F) {
	for _, s := range []string{
		"<p>a <a href=x>b  c</a> d</p>",
		"<div> <a href='#x'> x <a>y</a> z </a>\u00a0w\n</div>",
		"<a><b> </b></a><a>  </a>text",
		"<ul><li><a href=/a>one</a></li> <li>two <a href=#t> three</a></li></ul>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLinkDensities(t, s) })
}

// FuzzAddSpan: counting whole texts with addSpan gives what Count gives
// rune by rune, whatever the counter's state and the texts' split.
func FuzzAddSpan(f *testing.F) {
	f.Add(" a  b", "", "c\u00a0 ", false)
	f.Add("", "  ", "x", true)
	f.Add("a,b", " c ", "\u2003", true)
	f.Fuzz(func(t *testing.T, a, b, c string, reset bool) {
		var byRune, bySpan charCounter
		for i, s := range []string{a, b, c} {
			if reset && i == 1 {
				byRune.ResetContext()
				bySpan.ResetContext()
			}
			for _, r := range s {
				byRune.Count(r)
			}
			bySpan.addSpan(spanOf(s))
			if byRune != bySpan {
				t.Fatalf("after %q of %q: by rune %+v, by span %+v", s, []string{a, b, c}, byRune, bySpan)
			}
		}
	})
}

func FuzzMatchShare(f *testing.F) {
	for _, s := range []string{"share", "post-share bar", "xshare", "share_x", "_share", "sharedaddy", "sharedaddyx",
		"SHAREDADDY-1", "shares", "Share9", " sharex share", "ſhare", "a_sharedaddy_b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := matchShare(s), rxShareElements.MatchString(s); got != want {
			t.Errorf("matchShare(%q) = %v, regexp says %v", s, got, want)
		}
	})
}

func FuzzIsNormalSpaced(f *testing.F) {
	for _, s := range []string{"", "a", "a b", " a", "a  b", "a\tb", "a\u00a0b", "a\u0085", "é b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Sound (never true for a string Fields would change), and exact
		// on ASCII, where it saves the allocation.
		normal := strings.Join(strings.Fields(s), " ") == s
		ascii := !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 })
		if got := isNormalSpaced(s); got && !normal || ascii && got != normal {
			t.Errorf("isNormalSpaced(%q) = %v; normalised it is %q", s, got, strings.Join(strings.Fields(s), " "))
		}
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: s}}}
		if got, want := className(n), dom.ClassName(n); got != want {
			t.Errorf("className(%q) = %q, dom.ClassName %q", s, got, want)
		}
	})
}
