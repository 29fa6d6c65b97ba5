package html

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// edgeLines is how many non-empty lines at each end of the text
// trimEdgeLines examines: a byline or date line sits above the story, a
// copyright or "last modified" line below it.
const edgeLines = 3

// trimEdgeLines drops, among the first and last few lines of an article's
// text, the lines that are page furniture rather than story: a byline or
// date line ("By Staff · 3 May 2026", "Posted: February 11, 2026",
// "Publié le 08/11/2026 à 07h30") and copyright lines. Extraction
// benchmarks leave them out of the main text, and readability keeps them
// when they sit inside the story's container. The date they carry has been
// read already (see extractString).
func trimEdgeLines(body string) string {
	lines := strings.Split(body, "\n")
	drop := make([]bool, len(lines))
	seen := 0
	for i := 0; i < len(lines) && seen < edgeLines; i++ {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		seen++
		drop[i] = isFurnitureLine(lines[i])
	}
	seen = 0
	for i := len(lines) - 1; i >= 0 && seen < edgeLines; i-- {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		seen++
		drop[i] = drop[i] || isFurnitureLine(lines[i])
	}
	kept := lines[:0]
	for i, l := range lines {
		if !drop[i] {
			kept = append(kept, l)
		}
	}
	out := strings.Join(kept, "\n")
	// Dropping a line leaves the blank lines around it.
	for strings.Contains(out, "\n\n\n") {
		out = strings.ReplaceAll(out, "\n\n\n", "\n\n")
	}
	return strings.TrimSpace(out)
}

// isFurnitureLine reports a copyright line, or a short line that states a
// date and is no sentence: at most 14 words, not ending as a sentence
// ends, holding a year (1995-2099) and at least one more number (the day).
func isFurnitureLine(line string) bool {
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > 200 {
		return false
	}
	low := strings.ToLower(line)
	if strings.Contains(line, "©") || strings.Contains(low, "copyright") || strings.Contains(low, "all rights reserved") {
		return true
	}
	words := strings.Fields(line)
	if len(words) > 14 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?\"”»", last) {
		return false
	}
	year, others := false, 0
	for _, num := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsDigit(r) }) {
		if len(num) == 4 && (num[:2] == "20" || num[:3] == "199") {
			year = true
		} else if len(num) <= 2 {
			others++
		}
	}
	return year && others > 0
}
