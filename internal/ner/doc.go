package ner

// Document-level evidence: a name is usually written the same way and has
// the same type all through an article, and some of its mentions are
// easier to read than others ("Keltro said" against "at Keltro"). TagDoc
// tags every sentence once, then again with, for each word, what the
// first pass said of the word's other occurrences in the document.

// Votes for a token (tokInfo.vote): 0 when the word does not occur
// elsewhere in the document; voteO when it does and the first pass left
// every other occurrence outside names; voteLabel+l when label l is the
// most frequent first-pass label of the other occurrences that are in
// names (ties go to the lower label).
const (
	voteO     = 1
	voteLabel = 2
)

// votes computes the vote of every token of a document from first-pass
// labels. lw holds the lower-case hashes of the words, sentence by
// sentence, like labels.
func votes(lw [][]uint64, labels [][]Label) [][]uint8 {
	type tally struct {
		n   int
		lab [numLabels]int
	}
	t := map[uint64]*tally{}
	for s := range lw {
		for i, h := range lw[s] {
			x := t[h]
			if x == nil {
				x = &tally{}
				t[h] = x
			}
			x.n++
			x.lab[labels[s][i]]++
		}
	}
	out := make([][]uint8, len(lw))
	for s := range lw {
		out[s] = make([]uint8, len(lw[s]))
		for i, h := range lw[s] {
			x := t[h]
			if x.n < 2 {
				continue
			}
			own := labels[s][i]
			best, arg := 0, -1
			for l := 1; l < numLabels; l++ {
				c := x.lab[l]
				if Label(l) == own {
					c--
				}
				if c > best {
					best, arg = c, l
				}
			}
			if arg < 0 {
				out[s][i] = voteO
			} else {
				out[s][i] = uint8(voteLabel + arg)
			}
		}
	}
	return out
}

// TagDoc labels the sentences of one document, dst[k] for sents[k]; dst
// and its rows are reused when large enough. Words that recur in the
// document are read with what a first pass found at their other
// occurrences.
func (t *Tagger) TagDoc(sents [][]string, dst [][]Label) [][]Label {
	if cap(dst) < len(sents) {
		dst = make([][]Label, len(sents))
	}
	dst = dst[:len(sents)]
	for k, ws := range sents {
		dst[k] = t.Tag(ws, dst[k])
	}
	if len(sents) < 2 && !recurs(sents) {
		return dst
	}
	lw := make([][]uint64, len(sents))
	for k, ws := range sents {
		lw[k] = make([]uint64, len(ws))
		for i, w := range ws {
			lw[k][i] = lowerHash(w)
		}
	}
	v := votes(lw, dst)
	for k, ws := range sents {
		dst[k] = t.tag(ws, v[k], dst[k])
	}
	return dst
}

// recurs reports whether a word occurs twice in a one-sentence document.
func recurs(sents [][]string) bool {
	if len(sents) == 0 {
		return false
	}
	seen := map[uint64]bool{}
	for _, w := range sents[0] {
		h := lowerHash(w)
		if seen[h] {
			return true
		}
		seen[h] = true
	}
	return false
}
