package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/term"
	"golang.org/x/text/width"
)

// defaultWidth is the width tables fit when neither the terminal nor $COLUMNS tells one
// (output to a file or a pipe): what a reader's terminal is at least.
const defaultWidth = 120

// minFlexWidth is the narrowest a shrinkable column gets, however narrow the terminal.
const minFlexWidth = 8

// termWidth is the width tables fit on w: the terminal's when w is one, else $COLUMNS,
// else defaultWidth.
func termWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return defaultWidth
}

// table is a text table for people that fits a width: columns marked shrinkable (titles,
// snippets, lists of names) give up room, widest first, and their cells are cut at a word
// boundary with "…"; the others (ids, dates, counts) keep theirs.
type table struct {
	head   []string
	shrink []bool
	rows   [][]string
}

// newTable starts a table with the column heads; a head ending in "~" marks a column that
// may shrink (the "~" is not shown).
func newTable(head ...string) *table {
	t := &table{}
	for _, h := range head {
		s, ok := strings.CutSuffix(h, "~")
		t.head = append(t.head, s)
		t.shrink = append(t.shrink, ok)
	}
	return t
}

// row adds a row; its cells are made one line.
func (t *table) row(cells ...string) {
	r := make([]string, len(t.head))
	for i := range r {
		if i < len(cells) {
			r[i] = strings.Join(strings.Fields(cells[i]), " ")
		}
	}
	t.rows = append(t.rows, r)
}

const colGap = 2

// write writes the table fitted to width columns (0: no limit).
func (t *table) write(w io.Writer, width int) error {
	n := len(t.head)
	cols := make([]int, n)
	for i, h := range t.head {
		cols[i] = textWidth(h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			cols[i] = max(cols[i], textWidth(c))
		}
	}
	if width > 0 {
		total := colGap * (n - 1)
		for _, c := range cols {
			total += c
		}
		for total > width {
			widest := -1
			for i, c := range cols {
				if t.shrink[i] && c > minFlexWidth && (widest < 0 || c > cols[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break // only fixed columns left: wider than the terminal, but whole
			}
			cols[widest]--
			total--
		}
	}
	var b strings.Builder
	line := func(r []string) {
		b.Reset()
		for i, c := range r {
			c = fit(c, cols[i])
			b.WriteString(c)
			if i < n-1 {
				b.WriteString(strings.Repeat(" ", cols[i]-textWidth(c)+colGap))
			}
		}
		io.WriteString(w, strings.TrimRight(b.String(), " ")+"\n")
	}
	line(t.head)
	for _, r := range t.rows {
		line(r)
	}
	return nil
}

// textWidth is the number of terminal columns s takes: two for wide (CJK) characters, none
// for combining marks.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200b':
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// fit cuts s to n columns at the last word boundary, marking the cut with "…"; only a first
// word longer than n (or text without spaces, such as Chinese) is cut between runes.
func fit(s string, n int) string {
	if textWidth(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > n-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	cut := b.String()
	// A word boundary right after the cut keeps the last word whole.
	if rest := s[len(cut):]; rest != "" && !unicode.IsSpace([]rune(rest)[0]) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-", r) }) + "…"
}
