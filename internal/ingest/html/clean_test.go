package html

import (
	"io"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

func TestStripRaw(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script", `a<script>var x = "<p>no</p>";</script>b`, "ab"},
		{"upper case", `a<SCRIPT type="text/javascript">x</Script >b`, "ab"},
		{"json-ld kept", `a<script type="application/ld+json">{"x":1}</script>b`, `a<script type="application/ld+json">{"x":1}</script>b`},
		{"style and comment", `a<style>p{}</style><!-- <p>hidden</p> -->b`, "ab"},
		{"not a script tag", `a<scripts>b`, `a<scripts>b`},
		{"unclosed", `a<script>never ends`, "a"},
		{"nothing", `<p>plain</p>`, `<p>plain</p>`},
		{"nav nested", `a<NAV class=x><nav><a>1</a></nav><a>2</a></nav>b`, "ab"},
		{"nav unclosed kept", `a<nav><a>1</a>b`, `a<nav><a>1</a>b`},
		{"svg self-closing", `a<svg/>b<svg viewBox="0 0 1 1"><svg></svg><path/></svg>c`, "abc"},
		{"navigation is not nav", `<navigation>x</navigation>`, `<navigation>x</navigation>`},
		{"aside dropped", `a<aside><p>1</p><aside>x</aside><p>2</p></aside>b`, "ab"},
		{"aside of paragraphs kept", `a<aside><p>1<p>2</p><P class=x>3</aside>b`, `a<aside><p>1<p>2</p><P class=x>3</aside>b`},
		{"footer and controls", `a<footer>(c)</footer><select><option>1</select><button>Go</button>b`, "ab"},
		{"pre is not p", `a<footer><pre>1</pre><pre>2</pre><pre>3</pre></footer>b`, "ab"},
	}
	for _, tc := range tests {
		if got := stripRaw(tc.in); got != tc.want {
			t.Errorf("%s: stripRaw(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestStripRawUnbalancedIsLinear: a page of unclosed <nav> tags must not
// make stripRaw search to the end of the page for each one.
func TestStripRawUnbalancedIsLinear(t *testing.T) {
	in := strings.Repeat("<nav>x", 200000) // 1.2 MB
	if got := stripRaw(in); got != in {
		t.Errorf("unclosed navs changed")
	}
}

func TestFocusArticle(t *testing.T) {
	para := "<p>" + strings.Repeat("Story text that runs on. ", 30) + "</p>"
	teaser := "<article><p>Teaser for another story.</p></article>"
	tests := []struct {
		name, body string
		focused    bool
	}{
		{"one dominant article", "<div>menu</div><article>" + para + "</article>" + teaser + teaser, true},
		{"teaser list only", strings.Repeat(teaser, 10), false},
		{"story outside the article", "<div>" + para + para + "</div><article>" + para + "</article>", false},
		{"no article", "<div>" + para + "</div>", false},
	}
	for _, tc := range tests {
		doc := mustParse(t, "<html><body>"+tc.body+"</body></html>")
		focusArticle(doc)
		text := Text(doc)
		if got := !strings.Contains(text, "menu") && !strings.Contains(text, "Teaser") && strings.Contains(text, "Story text"); got != tc.focused && tc.name == "one dominant article" {
			t.Errorf("%s: focused text = %q", tc.name, text)
		}
		if !tc.focused && Text(mustParse(t, "<html><body>"+tc.body+"</body></html>")) != text {
			t.Errorf("%s: document changed though no article dominates: %q", tc.name, text)
		}
	}
}

func TestSqueezeEnds(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" ", " "},
		{"\n\t\t  ", "\n"},
		{"  \t ", " "},
		{"word", "word"},
		{" word", " word"},
		{"\n\n    word  more \n  ", " word  more "},
		{"word\n\n  ", "word\n"},
	}
	for _, tc := range tests {
		if got := squeezeEnds(tc.in, strings.TrimSpace(tc.in) == ""); got != tc.want {
			t.Errorf("squeezeEnds(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRemoveBoilerplateSpace: indentation between blocks goes, the space
// between inline words stays.
func TestRemoveBoilerplateSpace(t *testing.T) {
	doc := mustParse(t, "<div>\n  <p><b>one</b> <i>two</i>\n  </p>\n  <pre>  x\n  </pre>\n</div>")
	removeBoilerplate(doc)
	var b strings.Builder
	if err := xhtml.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	want := "<html><head></head><body><div><p><b>one</b> <i>two</i></p><pre>  x\n  </pre></div></body></html>"
	if got := b.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestIsBoilerplate(t *testing.T) {
	tests := []struct {
		attrs string
		want  bool
	}{
		{`class="story"`, false},
		{`class="story AD-slot"`, true},
		{`id="social_bar"`, true},
		{`class="  header-ads "`, true},
		{`class="adjective shadow"`, false},
		{`class="ads-enabled"`, true},
		{`class="x" id="newsletter"`, true},
		{`class="read-more"`, false},
		{`class="related-stories"`, true},
		{`class="a-lire-aussi"`, true},
		{`class="Mehr-zum-Thema"`, true},
		{`class="product-box"`, true},
		{`class="recipe-card"`, true},
		{`class="story-body"`, false},
		{`class="productive"`, true}, // a part, matched anywhere: the paragraph guard protects stories
	}
	for _, tc := range tests {
		doc := mustParse(t, "<div "+tc.attrs+">x</div>")
		div := doc.LastChild.LastChild.FirstChild // html > body > div
		if got := isBoilerplate(div); got != tc.want {
			t.Errorf("isBoilerplate(<div %s>) = %v, want %v", tc.attrs, got, tc.want)
		}
	}
}

func TestIsComments(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{`<div id="comments"><p>x</p></div>`, true},
		{`<section class="comments-area"><p>x</p></section>`, true},
		{`<div class="leserkommentare"><p>x</p></div>`, true},
		{`<div id="disqus_thread"></div>`, true},
		{`<div class="commentary"><p>x</p></div>`, false},
		{`<div class="comments-enabled"><h1>Headline</h1><p>x</p></div>`, false},
		{`<div class="story"><p>x</p></div>`, false},
	}
	for _, tc := range tests {
		doc := mustParse(t, tc.html)
		el := doc.LastChild.LastChild.FirstChild // html > body > element
		if got := isComments(el); got != tc.want {
			t.Errorf("isComments(%s) = %v, want %v", tc.html, got, tc.want)
		}
	}
}

func TestTrimEdgeLines(t *testing.T) {
	story := "The council voted on Tuesday to close the bridge.\n\nBuses will be diverted."
	tests := []struct {
		name, in, want string
	}{
		{"byline with date", "By Staff · 3 May 2026\n\n" + story, story},
		{"posted line", "Posted: February 11, 2026\n\n" + story, story},
		{"french dateline", "Publié le 08/11/2026 à 07h30, mis à jour le 09/11/2026 à 10h12\n\n" + story, story},
		{"copyright footer", story + "\n\n© 2001-2026 County Echo", story},
		{"sentence with a date kept", "The bridge closes on 3 May 2026.\n\n" + story, "The bridge closes on 3 May 2026.\n\n" + story},
		{"heading with a year only kept", "Budget 2026\n\n" + story, "Budget 2026\n\n" + story},
		{"date in the middle kept", "A.\n\nB.\n\nC.\n\n3 May 2026\n\nD.\n\nE.\n\nF.", "A.\n\nB.\n\nC.\n\n3 May 2026\n\nD.\n\nE.\n\nF."},
	}
	for _, tc := range tests {
		if got := trimEdgeLines(tc.in); got != tc.want {
			t.Errorf("%s: trimEdgeLines(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestSqueezeIndent(t *testing.T) {
	tests := []struct {
		in   []string
		drop bool // dropBlockSpace
		want string
	}{
		{[]string{"<div>\n        <p>a\n  b</p>\n\n\n\n\n</div>"}, false, "<div>\n<p>a\n  b</p>\n</div>"},
		{[]string{"x\n\t\t\t\ty", "\n    z"}, false, "x\ny\nz"},
		{[]string{"no breaks    here"}, false, "no breaks    here"},
		{[]string{"end\n      "}, false, "end\n"},
		// Next to a block tag the run goes whole; between inline tags or
		// next to text it is only squeezed.
		{[]string{"<div>\n        <p>a\n  b</p>\n\n\n\n\n</div>"}, true, "<div><p>a\n  b</p></div>"},
		{[]string{"<DIV class=x>  \n <P>a</P>\n<span>b</span>\n      </div>"}, true, "<DIV class=x><P>a</P><span>b</span></div>"},
		{[]string{"<a href=x>a</a>\n      <p>b</p>  \n  c"}, true, "<a href=x>a</a><p>b</p>  \n  c"},
		{[]string{"<b>\n<pref>\n  <i>"}, true, "<b>\n<pref>\n  <i>"},
		{[]string{"a >\n<em>"}, true, "a >\n<em>"},
	}
	for _, tc := range tests {
		if got := strings.Join(squeezeIndent(tc.in, tc.drop), ""); got != tc.want {
			t.Errorf("squeezeIndent(%q, %v) = %q, want %q", tc.in, tc.drop, got, tc.want)
		}
	}
}

// TestStrippedReaderKeepsPre: a page with an element that keeps its
// white space keeps the runs next to block tags (squeezed).
func TestStrippedReaderKeepsPre(t *testing.T) {
	for in, want := range map[string]string{
		"<div>\n<p>a</p>\n</div>":                        "<div><p>a</p></div>",
		"<pre>\n<div>a</div>\n\t<div>b</div></pre>\n<p>": "<pre>\n<div>a</div>\n\t<div>b</div></pre>\n<p>",
		"<p>x</p>\n<TextArea>t</TextArea>\n<p>":          "<p>x</p>\n<TextArea>t</TextArea>\n<p>",
		"<p>x</p>\n<preview>\n<p>":                       "<p>x</p><preview><p>",
	} {
		got, err := io.ReadAll(strippedReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("strippedReader(%q) reads %q, want %q", in, got, want)
		}
	}
}

func TestTrimAttrs(t *testing.T) {
	doc := mustParse(t, `<div class="a" style="color:red" data-x="1" data-utime="1480000000" onclick="f()" id="b" open="">x</div>`)
	div := doc.LastChild.LastChild.FirstChild
	trimAttrs(div)
	var keys []string
	for _, a := range div.Attr {
		keys = append(keys, a.Key)
	}
	if got, want := strings.Join(keys, " "), "class data-utime id open"; got != want {
		t.Errorf("attributes left: %q, want %q", got, want)
	}
}

// FuzzStrippedReader: the raw-level cuts never panic (Extract would turn a
// panic into an error, hiding it), never grow the page, and the reader
// yields exactly the kept spans.
func FuzzStrippedReader(f *testing.F) {
	f.Add("a<script>x</script><nav><nav>b</nav></nav><aside><p>1</p></aside>\n      <p>c</p>")
	f.Add("<footer><p>1<p>2<p>3</footer><svg/><select><option>x</select><!-- y")
	f.Add("<ASIDE><aside></aside>\n\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(squeezeIndent(keptSpans(s), true), "")
		if len(want) > len(s) {
			t.Fatalf("stripped page longer than the page: %d > %d", len(want), len(s))
		}
		got, err := io.ReadAll(strippedReader(s))
		if err != nil || string(got) != want {
			t.Fatalf("reader gave %q (%v), spans join to %q", got, err, want)
		}
		if sr := stripRaw(s); len(sr) > len(s) {
			t.Fatalf("stripRaw grew the page")
		}
	})
}
