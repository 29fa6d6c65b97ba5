package ingest

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// normTextRef is the plain definition writeNorm must match: stored hashes
// are computed from it, so a faster writeNorm may not change one bit.
func normTextRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func FuzzWriteNorm(f *testing.F) {
	for _, s := range []string{
		"", "  ", "Hello  World\n", "\tÉCOLE\u00a0Ünd\u2003ΣΟΦΙΑ \u0085x\v\fy\r\n",
		strings.Repeat("Ab ", 3000) + "İ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Normalize refuses invalid UTF-8 before hashing
		}
		var b strings.Builder
		writeNorm(&b, s)
		if want := normTextRef(s); b.String() != want {
			t.Errorf("writeNorm(%q) = %q, want %q", s, b.String(), want)
		}
	})
}
