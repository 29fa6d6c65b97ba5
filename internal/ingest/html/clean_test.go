package html

import "testing"

func TestStripRaw(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script", `a<script>var x = "<p>no</p>";</script>b`, "ab"},
		{"upper case", `a<SCRIPT type="text/javascript">x</Script >b`, "ab"},
		{"json-ld kept", `a<script type="application/ld+json">{"x":1}</script>b`, `a<script type="application/ld+json">{"x":1}</script>b`},
		{"style and comment", `a<style>p{}</style><!-- <p>hidden</p> -->b`, "ab"},
		{"not a script tag", `a<scripts>b`, `a<scripts>b`},
		{"unclosed", `a<script>never ends`, "a"},
		{"nothing", `<p>plain</p>`, `<p>plain</p>`},
	}
	for _, tc := range tests {
		if got := stripRaw(tc.in); got != tc.want {
			t.Errorf("%s: stripRaw(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
