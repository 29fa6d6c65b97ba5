package htmlparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// same checks that Parse builds the tree golang.org/x/net/html builds.
func same(t *testing.T, page string) {
	t.Helper()
	render := func(n *html.Node, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		var b strings.Builder
		if err := html.Render(&b, n); err != nil {
			return "render error: " + err.Error()
		}
		return b.String()
	}
	got, want := render(Parse(strings.NewReader(page))), render(html.Parse(strings.NewReader(page)))
	if got != want {
		t.Errorf("page %.200q\nparsed here: %.300q\nupstream:    %.300q", page, got, want)
	}
}

func TestParseAsUpstream(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*.html")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		same(t, string(data))
	}
	same(t, `<P CLASS=a Class=b data-X="1&amp;2" data-x=3>t</P><IMG SRC="a\x00b">`)
	var many strings.Builder
	many.WriteString("<div")
	for i := range 100 {
		many.WriteString(" a")
		many.WriteString(strings.Repeat("b", i%40))
		many.WriteString("=1")
	}
	many.WriteString(" A=2 B=3>x</div>")
	same(t, many.String())
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`<div class="a" CLASS=b id=c><p>x</div>`,
		"<a href='x\x00y' Href=z>l</a><b a=1 A=2 a=3>",
		`<table><tr><td data-x=1>c<svg viewbox="0 0 1 1"><path D=1/></svg></table>`,
		`<title>t</title><textarea Data-a=1>x&amp;y</textarea><script>"</script>"</script>`,
		"<p\x00 a\x00=b\x00>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { same(t, s) })
}
