package extract

import (
	"strings"

	"github.com/dossier-news/dossier/internal/lex"
)

// splitGlued cuts the words machine translation glued together
// ("Berlinwould", "Malisaid"): a capitalised word the gazetteer and alias
// table do not know, made of a known name and a lower-case function word
// of gluedTails, becomes two tokens, so that names and places are read
// from the name alone. It runs on tokens with Fold set, before sentences.
func (a *Analyzer) splitGlued(text string, toks []token) []token {
	var out []token
	for i, t := range toks {
		cut := 0
		if t.Kind == tWord && a.isCap(text, &toks[i]) {
			cut = a.gluedCut(text[t.Start:t.End], t.Fold)
		}
		if cut == 0 {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]token, 0, len(toks)+4), toks[:i]...)
		}
		head, tail := t, t
		head.End, tail.Start = t.Start+cut, t.Start+cut
		head.Fold = lex.FoldName(text[head.Start:head.End])
		tail.Fold = lex.FoldName(text[tail.Start:tail.End])
		out = append(out, head, tail)
	}
	if out == nil {
		return toks
	}
	return out
}

// gluedCut returns the byte length of the known name that word (folded f)
// begins with when a lower-case function word of gluedTails follows it
// to the word's end, or 0.
func (a *Analyzer) gluedCut(word, f string) int {
	if a.gaz == nil || a.known(f) {
		return 0
	}
	for tail := range gluedTails {
		n := len(word) - len(tail)
		if n < 4 || !strings.HasSuffix(word, tail) {
			continue // the tail is written in lower case, and the name before it has four letters or more
		}
		if a.known(lex.FoldName(word[:n])) {
			return n
		}
	}
	return 0
}
