package readability

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

func renderHTML(t *testing.T, n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCloneTree: cloneTree copies as dom.Clone does, and the copies'
// attribute lists are independent.
func TestCloneTree(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*.html")
	pages := []string{`<div a=1 b=2><p c=3>x</p><svg><path d=1></path></svg></div>`}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(data))
	}
	for _, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		got, want := cloneTree(doc), dom.Clone(doc, true)
		if renderHTML(t, got) != renderHTML(t, want) {
			t.Fatalf("cloneTree differs from dom.Clone on %.80q", page)
		}
		var els []*html.Node
		for n := range got.Descendants() {
			if n.Type == html.ElementNode {
				els = append(els, n)
			}
		}
		before := renderHTML(t, got)
		for _, n := range els {
			dom.SetAttribute(n, "data-k", "v")
		}
		for _, n := range els {
			if n.Attr[len(n.Attr)-1].Key != "data-k" || len(n.Attr) < 1 {
				t.Fatalf("<%s> lost its added attribute", n.Data)
			}
		}
		if strings.Count(renderHTML(t, got), `data-k="v"`) != len(els) {
			t.Fatalf("added attributes overwrote others")
		}
		if renderHTML(t, doc) != renderHTML(t, want) || before == "" {
			t.Fatal("the source changed")
		}
	}
}
