package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/lex"
)

// TestFoldText pins what the full-text index and name_key of existing
// databases hold: the store folds with lex.FoldSearch, not lex.Fold, so
// that a database indexed before lex existed still finds every word
// (ligatures stay, as they always did).
func TestFoldText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zürich", "zurich"},
		{"ZÜRICH, Genève!", "zurich geneve"},
		{"Ελλάδα", "ελλαδα"},
		{"ΕΛΛΆΔΑ", "ελλαδα"},
		{"Straße", "strasse"},
		{"Łódź Ørsted Đorđe", "lodz orsted dorde"},
		{"İstanbul", "istanbul"},
		{"l'Élysée — «Paris»", "l elysee paris"},
		{"北京市", "北 京 市"},
		{"서울", "서울"},
		{"Москва́", "москва"},
		{"U.S. 2024", "u s 2024"},
		{"Æsir Œuvre", "æsir œuvre"},
		{"a\xffb", "a b"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := foldText(tc.in); got != tc.want {
			t.Errorf("foldText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct{ in, fts, ts string }{
		{"Zürich", `"zurich"`, `('zurich')`},
		{"earthq* zurich", `"earthq"* AND "zurich"`, `('earthq':*) & ('zurich')`},
		{`"New Democracy" Athens`, `"new democracy" AND "athens"`, `('new' <-> 'democracy') & ('athens')`},
		{`"unclosed phrase`, `"unclosed phrase"`, `('unclosed' <-> 'phrase')`},
		{"北京", `"北 京"`, `('北' <-> '京')`},
		{`a' OR "b`, `("a" OR "b")`, `(('a') | ('b'))`},
		{"a or b", `"a" AND "or" AND "b"`, `('a') & ('or') & ('b')`},
		{"flood OR storm harbour", `("flood" OR "storm") AND "harbour"`, `(('flood') | ('storm')) & ('harbour')`},
		{"harbour -storm", `"harbour" NOT "storm"`, `('harbour') & !('storm')`},
		{`harbour quay NOT "high tide" -gale*`, `("harbour" AND "quay") NOT ("high tide" OR "gale"*)`,
			`('harbour') & ('quay') & !('high' <-> 'tide') & !('gale':*)`},
		{"OR harbour OR", `"harbour"`, `('harbour')`},
		{"-storm", ``, ``},
		{"well-known", `"well known"`, `('well' <-> 'known')`},
		{"!!! ...", ``, ``},
	}
	for _, tc := range tests {
		terms := parseQuery(tc.in)
		if got := ftsQuery(terms); got != tc.fts {
			t.Errorf("ftsQuery(parseQuery(%q)) = %s, want %s", tc.in, got, tc.fts)
		}
		if got := tsQuery(terms); got != tc.ts {
			t.Errorf("tsQuery(parseQuery(%q)) = %s, want %s", tc.in, got, tc.ts)
		}
	}
}

func TestSnippet(t *testing.T) {
	text := "Intro.\n\nThe   mayor of Zürich said the quake was strong."
	if got, want := snippet(text, parseQuery("zurich").positive()), "Intro. The mayor of Zürich said the quake was strong."; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
	if got := snippet(text, parseQuery("paris").positive()); got != "" {
		t.Errorf("snippet(no match) = %q, want empty", got)
	}
	if got := snippet(text, parseQuery("qua*").positive()); !strings.Contains(got, "quake") {
		t.Errorf("snippet(prefix) = %q, want it to contain quake", got)
	}
}

// FuzzQuery checks that any query string folds to valid UTF-8 and that the FTS5 expression
// built from it is always accepted by SQLite: user input can never make Search fail.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"Zürich", `"new democracy"`, "earthq*", `a" OR b NOT c`, "北京", "*", `"*"`, "NEAR(a b)", "a:b", "^x", "\xff\xfe", "-x +y"} {
		f.Add(s)
	}
	db, err := Open(context.Background(), "sqlite:"+filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	mustCommit(f, db, fixture())
	f.Fuzz(func(t *testing.T, q string) {
		pq := parseQuery(q)
		for _, term := range append(pq.positive(), pq.none...) {
			for _, tok := range term.tokens {
				if tok == "" || !utf8.ValidString(tok) || strings.ContainsAny(tok, `"' `) {
					t.Fatalf("parseQuery(%q) token %q", q, tok)
				}
			}
		}
		if _, _, err := db.Search(context.Background(), q, 5, 0); err != nil {
			t.Fatalf("Search(%q) [%s]: %v", q, db.searchDebug(q), err)
		}
		if _, _, err := db.Events(context.Background(), EventFilter{Query: q, Place: q, Entity: q}); err != nil {
			t.Fatalf("Events(query %q): %v", q, err)
		}
	})
}

// FuzzFoldText checks that folded text is valid UTF-8 and that folding is idempotent, which
// is what makes a folded query match folded text.
func FuzzFoldText(f *testing.F) {
	for _, s := range []string{"Zürich", "ΕΛΛΆΔΑ", "Straße", "İstanbul", "北京市", "ǅemal", "ﬁnance", "Ⅻ", "a\u0301\u0327"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := foldText(s)
		if ref := foldTextRef(s); got != ref {
			t.Fatalf("foldText(%q) = %q, the rune-by-rune reference gives %q", s, got, ref)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("foldText(%q) = %q, invalid UTF-8", s, got)
		}
		if again := foldText(got); again != got {
			t.Fatalf("foldText(foldText(%q)) = %q, want %q", s, again, got)
		}
	})
}

// foldTextRef is foldText as first written, rune by rune through the Unicode tables and a
// string per token: the reference for its ASCII fast paths.
func foldTextRef(s string) string {
	var toks []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				r = ' '
			}
		}
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			flush(i)
			toks = append(toks, s[i:i+utf8.RuneLen(r)])
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	var b strings.Builder
	for _, tok := range toks {
		f := lex.FoldSearch(tok)
		if f == "" {
			continue
		}
		if b.Len()+len(f)+1 > maxIndexBytes {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}
