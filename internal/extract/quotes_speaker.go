package extract

import (
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// A quotation's speaker is not always a name the entity tagger found:
// `"...," Murray said` (a surname alone), `the commission said`, `a man
// yelled "..."`. cueSubject reads the subject of the cue verb next to the
// quotation as a phrase. A capitalised phrase whose last word ends a
// person or organisation mention of the article is that entity ("Murray"
// after "Patty Murray"); any other phrase is kept as the speaker's text
// with no entity.

// determiners open a common-noun subject ("the commission", "a man").
var determiners = set("the", "a", "an", "this", "that", "these", "those", "another", "one", "some", "several", "many", "der", "die", "das", "le", "la", "les", "un", "une", "el", "los", "las")

// phraseStops end a subject phrase: prepositions and conjunctions.
var phraseStops = set("in", "at", "on", "to", "for", "from", "with", "by", "and", "or", "but", "as", "about", "after", "before", "during", "while", "when", "who", "which", "that", "if", "because", "than", "into", "over")

// cueSubject finds the speaker phrase of q next to its cue verb.
func (d *doc) cueSubject(q qspan, mentionAt map[int]int) (speaker, entity string, ok bool) {
	toks := d.toks
	// After the closing mark: `, Murray said`, `, said the commission`.
	k := firstTokAt(toks, q.close)
	if k < len(toks) && !d.lineBreakBefore(k) {
		j := k
		for j < len(toks) && toks[j].Kind == tPunct && (d.text[toks[j].Start] == ',' || isDash(d.text[toks[j].Start:toks[j].End])) {
			j++
		}
		if j < len(toks) && j > k || j < len(toks) && !endsSentence(d.text[q.start:q.end]) {
			if j < len(toks) && d.isSpeechTok(j) {
				if s, e, ok := d.phraseAfter(j + 1); ok {
					return d.speakerOf(s, e)
				}
			}
			for v := j + 1; v < len(toks) && v <= j+6; v++ {
				if toks[v].Kind == tPunct || d.lineBreakBefore(v) {
					break
				}
				if d.isSpeechTok(v) {
					if s, e, ok := d.phraseBefore(v-1, j); ok && s == j {
						return d.speakerOf(s, e)
					}
					break
				}
			}
		}
	}
	// Before the opening mark, or earlier in its sentence: `the
	// protesters chanted "..."`, `The ad claims "..."`.
	o := firstTokAt(toks, q.open) - 1
	if o < 0 {
		return "", "", false
	}
	sent := toks[o].Sent
	for v := o; v >= 0 && v > o-25 && toks[v].Sent == sent; v-- {
		if d.isSpeechTok(v) || callingVerbs[toks[v].Fold] || subjectCues[toks[v].Fold] {
			if s, e, ok := d.phraseBefore(v-1, -1); ok {
				return d.speakerOf(s, e)
			}
			break
		}
		if toks[v].Kind == tPunct && isCloseQuote(d.text[toks[v].Start:toks[v].End]) {
			break // another quotation's clause
		}
	}
	return "", "", false
}

// subjectCues report speech only with a quotation right after them:
// `a man yelled "..."`, `the ad claims "..."`.
var subjectCues = set("yelled", "shouted", "chanted", "boomed", "claims", "reads", "read", "states", "stated", "features", "proclaims", "declares", "exclaimed", "screamed", "cried", "sang", "sings")

// lineBreakBefore reports a line break between tokens k-1 and k.
func (d *doc) lineBreakBefore(k int) bool {
	return k > 0 && k < len(d.toks) && strings.Contains(d.text[d.toks[k-1].End:d.toks[k].Start], "\n")
}

// phraseBefore reads a subject phrase ending at token e (going back no
// further than lo when lo >= 0): a run of capitalised words, or a
// determiner and up to four words, or one plural noun.
func (d *doc) phraseBefore(e, lo int) (int, int, bool) {
	toks := d.toks
	for e >= 0 && (auxiliaries[toks[e].Fold] || toks[e].Fold == "also" || toks[e].Fold == "then") {
		e--
	}
	if e < 0 || toks[e].Kind != tWord || d.isPronounTok(e) || stop[toks[e].Fold] && !d.isCapWord(e) {
		return 0, 0, false
	}
	s := e
	caps := d.isCapWord(e)
	for j := e; j >= 0 && j > e-6 && (lo < 0 || j >= lo); j-- {
		t := toks[j]
		if t.Kind == tPunct {
			if d.text[t.Start] == '.' && j > 0 && isAbbrev(d.text[toks[j-1].Start:toks[j-1].End]) {
				continue
			}
			break
		}
		if d.lineBreakBefore(j+1) && j < e {
			break
		}
		if determiners[t.Fold] {
			return j, e, true
		}
		if phraseStops[t.Fold] || complementizers[t.Fold] || d.isPronounTok(j) || t.Kind == tNum {
			break
		}
		if caps && !d.isCapWord(j) {
			break
		}
		s = j
	}
	if caps && !stop[toks[s].Fold] {
		return s, e, true
	}
	// One plural noun: "officials said", "critics say".
	if s == e && strings.HasSuffix(toks[e].Fold, "s") && len(toks[e].Fold) > 4 && !d.isSpeechTok(e) {
		return s, e, true
	}
	return 0, 0, false
}

// phraseAfter reads a subject phrase starting at token s, after an
// inverted verb: `said Murray`, `said the commission`, `said Rep. Jane Holloway`.
func (d *doc) phraseAfter(s int) (int, int, bool) {
	toks := d.toks
	if s >= len(toks) || toks[s].Kind != tWord || d.isPronounTok(s) {
		return 0, 0, false
	}
	det := determiners[toks[s].Fold]
	if !det && !d.isCapWord(s) {
		return 0, 0, false
	}
	e := s
	for j := s + 1; j < len(toks) && j < s+6; j++ {
		t := toks[j]
		if t.Kind == tPunct {
			if d.text[t.Start] == '.' && isAbbrev(d.text[toks[j-1].Start:toks[j-1].End]) {
				continue
			}
			break
		}
		if d.lineBreakBefore(j) || phraseStops[t.Fold] || d.isSpeechTok(j) {
			break
		}
		if !det && !d.isCapWord(j) {
			break
		}
		e = j
	}
	if det && e == s {
		return 0, 0, false
	}
	return s, e, true
}

// speakerOf turns the phrase of tokens s..e into a speaker: the entity of
// a mention it holds or whose last word it ends with, else its text.
func (d *doc) speakerOf(s, e int) (speaker, entity string, ok bool) {
	toks := d.toks
	start, end := toks[s].Start, toks[e].End
	last := toks[e].Fold
	best := -1
	for i, m := range d.ms {
		if m.Type == news.Place {
			continue
		}
		if m.Start < end && start < m.End {
			best = i
			break
		}
		if m.Start < start && d.isCapWord(e) {
			mf := strings.Fields(strings.ToLower(m.Text))
			if len(mf) > 1 && foldEq(mf[len(mf)-1], last) {
				best = i
			}
		}
	}
	if best >= 0 {
		m := d.ms[best]
		for _, en := range d.ents {
			if en.ID == m.Entity {
				return en.Name, en.ID, true
			}
		}
		return m.Text, m.Entity, true
	}
	return d.text[start:end], "", true
}

// foldEq compares a lower-cased word with a folded one.
func foldEq(lower, folded string) bool {
	return lower == folded || strings.TrimSuffix(lower, "'s") == folded
}
