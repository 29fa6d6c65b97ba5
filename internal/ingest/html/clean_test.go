package html

import (
	"strings"
	"testing"
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
