package extract

import "strings"

// The role of a speaker is read where the article names them: the
// titles before the name ("Sen.", "Ohio Gov.", "Former Secretary of
// State") or an appositive after it ("Tomas Berger, the mayor of the
// town, said").

// roleWords may stand in a title run before a name with the titles of
// words.go: "former", "acting", "presidential candidate".
var roleWords = set("former", "acting", "interim", "deputy", "vice", "assistant", "senior", "top", "chief", "executive",
	"presidential", "candidate", "nominee", "hopeful", "party", "state", "foreign", "defense", "defence", "national",
	"security", "adviser", "advisor", "spokesman", "spokeswoman", "of", "general", "attorney", "house", "speaker",
	"majority", "minority", "press", "communications", "policy", "senate", "whip", "leader", "campaign", "manager", "chairman", "chairwoman", "founder", "co-founder")

// speakerRole returns the role of the speaker mention mi, or "".
func (d *doc) speakerRole(mi int) string {
	if mi < 0 || mi >= len(d.ms) {
		return ""
	}
	m := d.ms[mi]
	toks, text := d.toks, d.text
	k := firstTokAt(toks, m.Start)
	// Before the name.
	s, hasTitle := k, false
	for j := k - 1; j >= 0 && j >= k-8 && toks[j].Sent == toks[k].Sent; j-- {
		t := toks[j]
		if t.Kind == tPunct {
			if text[t.Start] == '.' && j > 0 && isAbbrev(text[toks[j-1].Start:toks[j-1].End]) {
				continue
			}
			break
		}
		if titles[t.Fold] || titles[strings.TrimSuffix(t.Fold, "s")] {
			hasTitle = true
		} else if !roleWords[t.Fold] && !d.isCapWord(j) {
			break
		}
		if d.inMention(j) {
			break
		}
		s = j
	}
	for s < k && toks[s].Fold == "of" {
		s++
	}
	if hasTitle && s < k {
		return strings.TrimSpace(text[toks[s].Start:m.Start])
	}
	// After the name: ", the mayor of the town," or ", a consultant."
	e := firstTokAt(toks, m.End)
	if e >= len(toks) || toks[e].Kind != tPunct || text[toks[e].Start] != ',' || e+1 >= len(toks) {
		return ""
	}
	first := e + 1
	if f := toks[first].Fold; !determiners[f] && !titles[f] && !roleWords[f] {
		return ""
	}
	for j := first; j < len(toks) && j < first+14; j++ {
		t := toks[j]
		if d.lineBreakBefore(j) || d.isSpeechTok(j) || complementizers[t.Fold] || t.Fold == "who" {
			return ""
		}
		if t.Kind == tPunct && text[t.Start] == '.' && j > 0 && toks[j-1].End == t.Start && isAbbrev(text[toks[j-1].Start:toks[j-1].End]) {
			continue // "a former aide to Sen. Weber"
		}
		if t.Kind == tPunct && (text[t.Start] == ',' || text[t.Start] == '.' || text[t.Start] == ';' || isOpenQuote(text[t.Start:t.End]) || isCloseQuote(text[t.Start:t.End])) {
			if j == first+1 && determiners[toks[first].Fold] {
				return ""
			}
			return strings.TrimSpace(text[toks[first].Start:toks[j-1].End])
		}
	}
	return ""
}
