package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// qspan is one direct quotation: the text between its marks, possibly
// across paragraphs (each continued paragraph reopens the quote).
type qspan struct {
	open, close int // byte offsets of the opening mark and just after the closing mark
	start, end  int // the quoted words
}

// closerFor gives the closing marks that end a quotation opened by r.
func closerFor(r rune) string {
	switch r {
	case '"':
		return "\""
	case '“':
		return "”\""
	case '„':
		return "“”"
	case '«':
		return "»"
	case '‹':
		return "›"
	}
	return ""
}

// findQuotes pairs quotation marks. A line break inside a quotation ends it
// unless the next paragraph opens again with the same mark, the convention
// for a quotation running over several paragraphs.
func findQuotes(text string) []qspan {
	var out []qspan
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		closers := closerFor(r)
		opener := text[i : i+w]
		if r == '`' && strings.HasPrefix(text[i:], "``") {
			// corpus (Penn Treebank) style: ``quoted''
			closers, opener, w = "''", "``", 2
		}
		if closers == "" {
			i += w
			continue
		}
		q := qspan{open: i, start: i + w}
		j := i + w
		done := false
		for j < len(text) && !done {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			switch {
			case closers == "''" && strings.HasPrefix(text[j:], "''"):
				q.end = j
				q.close = j + 2
				done = true
			case closers != "''" && strings.ContainsRune(closers, r2):
				q.end = j
				q.close = j + w2
				done = true
			case r2 == '\n':
				// Continuation?
				k := j
				for k < len(text) && (text[k] == '\n' || text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
					k++
				}
				if k < len(text) && strings.HasPrefix(text[k:], opener) {
					j = k + len(opener)
					continue
				}
				j = len(text) + 1 // abandon
			default:
				j += w2
			}
			if j-i > 8000 {
				break
			}
		}
		if !done {
			i += w
			continue
		}
		out = append(out, q)
		i = q.close
	}
	return out
}

// quotes finds direct quotations with their speakers, then reported speech
// ("according to X", "X said that ...") in the sentences without one.
func quotes(d *doc, artID string) []news.Quote {
	text := d.text
	// Mention lookups by start and end token.
	mentionAt := make(map[int]int, len(d.ms)) // token index → mention index
	for i, m := range d.ms {
		if k := firstTokAt(d.toks, m.Start); k < len(d.toks) && d.toks[k].Start == m.Start {
			mentionAt[k] = i
		}
	}
	name := map[string]string{}
	for _, e := range d.ents {
		name[e.ID] = e.Name
	}
	var out []news.Quote
	inQuote := make([]bool, len(d.sents))
	prevPara, prevSpeaker := -1, -1
	qs := findQuotes(text)
	quoted := map[string]bool{} // entities already given a quote
	for _, q := range qs {
		words := len(strings.Fields(text[q.start:q.end]))
		short := words < 3 && !(words == 2 && endsSentence(text[q.start:q.end]))
		s := firstTokAt(d.toks, q.close)
		spk := -1
		if !short && !endsSentence(text[q.start:q.end]) {
			spk = d.speakerAfter(s, mentionAt)
		}
		if !short && spk == -1 {
			spk = d.speakerBefore(firstTokAt(d.toks, q.open)-1, mentionAt)
		}
		if spk == -1 {
			// A partial or short quotation inside reported speech: `X
			// said the plan was "reckless"`, `called him "a friend"`.
			spk = d.reportingSpeaker(firstTokAt(d.toks, q.open)-1, mentionAt)
		}
		if spk == -1 && !titleCase(text[q.start:q.end]) {
			// A partial quotation in a clause whose verb is not a
			// speech verb: `X blamed the "fog of war"`, `she applauded
			// him for fighting "over and over again"`. A title ("the
			// show "Morning Talk"") is no speech.
			spk = d.clauseSubject(firstTokAt(d.toks, q.open)-1, mentionAt)
		}
		if short && spk == -1 {
			continue // a scare quote or a title, not speech
		}
		para := paragraphOf(text, q.open)
		if spk == -2 || spk == -3 {
			spk = d.pronounSpeaker(q, qs, quoted)
		}
		if spk < 0 && para == prevPara && prevSpeaker >= 0 {
			spk = prevSpeaker
		}
		if spk < 0 {
			// A speaker the tagger did not name: "Murray said", "the
			// commission said".
			speaker, entity, ok := d.cueSubject(q, mentionAt)
			if !ok {
				continue
			}
			d.markQuoted(inQuote, q)
			start, end := trimSpace(text, q.start, q.end)
			out = append(out, news.Quote{Speaker: speaker, Entity: entity, Text: text[start:end], Article: artID, Start: start, End: end})
			prevPara, prevSpeaker = para, -1
			continue
		}
		for i, sp := range d.sents {
			if q.open < sp.End && q.close > sp.Start {
				inQuote[i] = true
			}
		}
		m := d.ms[spk]
		start, end := trimSpace(text, q.start, q.end)
		out = append(out, news.Quote{Speaker: name[m.Entity], Entity: m.Entity, Role: d.speakerRole(spk), Text: text[start:end], Article: artID, Start: start, End: end})
		quoted[m.Entity] = true
		prevPara, prevSpeaker = para, spk
	}
	// Reported speech.
	for si, sp := range d.sents {
		if inQuote[si] {
			continue
		}
		if q, ok := d.indirect(sp, mentionAt, name, artID); ok {
			out = append(out, q)
		}
	}
	return out
}

// markQuoted marks the sentences q overlaps.
func (d *doc) markQuoted(inQuote []bool, q qspan) {
	for i, sp := range d.sents {
		if q.open < sp.End && q.close > sp.Start {
			inQuote[i] = true
		}
	}
}

// endsSentence reports whether quoted words end with a full stop (or ! ?),
// after which English puts no attribution: `"...play." Next sentence`.
func endsSentence(q string) bool {
	q = strings.TrimRight(q, " \n\t")
	return strings.HasSuffix(q, ".") && !strings.HasSuffix(q, "...")
}

func trimSpace(text string, s, e int) (int, int) {
	for s < e && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == '\t') {
		e--
	}
	return s, e
}

func paragraphOf(text string, off int) int {
	return strings.Count(text[:off], "\n")
}

func firstTokAt(toks []token, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// isPronounTok reports a subject pronoun, including French inversions
// written as one hyphenated word ("a-t-il", "déclare-t-elle").
func (d *doc) isPronounTok(k int) bool {
	f := d.toks[k].Fold
	if pronouns[f] {
		return true
	}
	return strings.HasSuffix(f, " il") || strings.HasSuffix(f, " elle") || strings.HasSuffix(f, " t il") || strings.HasSuffix(f, " t elle")
}

// isSpeechTok reports a speech verb, also when glued to an inverted
// pronoun ("déclare-t-il" folds to "declare t il").
func (d *doc) isSpeechTok(k int) bool {
	f := d.toks[k].Fold
	if speechVerbs[f] {
		return true
	}
	if i := strings.IndexByte(f, ' '); i > 0 && speechVerbs[f[:i]] {
		return true
	}
	// The participle of a speech verb: "responding", "stating".
	if n := len(f); n > 5 && strings.HasSuffix(f, "ing") {
		stem := f[:n-3]
		return speechVerbs[stem+"ed"] || speechVerbs[stem+"d"] || speechVerbs[stem+"s"] || speechVerbs[stem+"es"]
	}
	return false
}

// speakerAfter reads `, X said`, `, said X`, `, he said`, `, a déclaré X`,
// `, sagte er` after a closing quote. It returns a mention index, -2 for a
// pronoun, or -1.
func (d *doc) speakerAfter(k int, mentionAt map[int]int) int {
	toks := d.toks
	if k >= len(toks) {
		return -1
	}
	// When the closing mark ended the sentence, attribution may still
	// follow on the same line: the search stops at a line break, not at
	// a sentence end.
	// A quotation run on by a conjunction or preposition ("was "riding
	// the fence" until Y said") is not attributed by what follows it.
	if toks[k].Kind == tWord && (phraseStops[toks[k].Fold] || runOn[toks[k].Fold]) {
		return -1
	}
	verb := -1
	for j := k; j < len(toks) && j < k+10; j++ {
		t := &toks[j]
		if j > 0 && strings.Contains(d.text[toks[j-1].End:t.Start], "\n") {
			break
		}
		if t.Kind == tPunct {
			c := d.text[t.Start]
			if c == ',' || c == '-' || t.End-t.Start > 1 {
				continue
			}
			if c == '.' && j > 0 && toks[j-1].End == t.Start && isAbbrev(d.text[toks[j-1].Start:toks[j-1].End]) {
				continue // "Sen." before the name
			}
			if c == '(' {
				// "Sen. Marco Rubio (R-Fla.) said": skip the aside.
				for j+1 < len(toks) && j < k+12 && d.text[toks[j].Start] != ')' {
					j++
				}
				continue
			}
			if c == '.' || c == '!' || c == '?' || c == '"' || c == '(' {
				break
			}
			continue
		}
		if d.isSpeechTok(j) {
			verb = j
			break
		}
		// a named speaker may stand before the verb
		if _, ok := mentionAt[j]; !ok && !d.isPronounTok(j) && !titles[t.Fold] && !stop[t.Fold] && !d.isCapWord(j) {
			if j > k+4 {
				break
			}
		}
	}
	if verb < 0 {
		return -1
	}
	if strings.Contains(toks[verb].Fold, " ") && d.isPronounTok(verb) {
		return -2
	}
	// Speaker between the quote and the verb: the last mention there.
	best := -1
	for j := k; j < verb; j++ {
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			best = m
		}
		if d.isPronounTok(j) && best < 0 {
			best = -2
		}
	}
	if best != -1 {
		return best
	}
	// Speaker after the verb: "said Blinken", "a déclaré le ministre X", "sagte er".
	for j := verb + 1; j < len(toks) && j < verb+7; j++ {
		if toks[j].Kind == tPunct && d.text[toks[j].Start] == '.' && toks[j-1].End == toks[j].Start && isAbbrev(d.text[toks[j-1].Start:toks[j-1].End]) {
			continue // "said Atty. Laura Finch"
		}
		if toks[j].Kind == tPunct && d.text[toks[j].Start] != ',' {
			break
		}
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			return m
		}
		if d.isPronounTok(j) {
			return -2
		}
	}
	return -1
}

// runOn are conjunctions that carry a sentence on past a quotation.
var runOn = set("until", "unless", "since", "though", "although", "whereas", "so")

// speakerBefore reads `X said: "`, `X told reporters, "` before an opening
// quote (k is the token before the mark).
func (d *doc) speakerBefore(k int, mentionAt map[int]int) int {
	toks := d.toks
	if k < 0 {
		return -1
	}
	sent := toks[k].Sent
	verb := -1
	for j := k; j >= 0 && j > k-8 && toks[j].Sent == sent; j-- {
		if d.isSpeechTok(j) {
			verb = j
			break
		}
	}
	if verb < 0 {
		// `Kasich resisted: "..."`: a colon before the quotation makes
		// the sentence's subject its speaker, whatever the verb.
		if toks[k].Kind == tPunct && d.text[toks[k].Start] == ':' {
			return d.sentenceSubject(sent, toks[k].Start, mentionAt)
		}
		return -1
	}
	if m := d.participleSubject(verb, mentionAt); m != -1 {
		return m
	}
	if verb > 0 && (toks[verb-1].Fold == "and" || toks[verb-1].Fold == "but") {
		if m := d.clauseSubject(verb-2, mentionAt); m != -1 {
			return m // "X praised Y's plan and said: "...""
		}
	}
	for j := verb - 1; j >= 0 && j > verb-8 && toks[j].Sent == sent; j-- {
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			// the mention may start earlier than j when it spans tokens
			return m
		}
		if d.isPronounTok(j) {
			return -2
		}
	}
	// "said X:" in German/French order: verb then speaker.
	for j := verb + 1; j <= k; j++ {
		if complementizers[toks[j].Fold] {
			break // "said that X "...": X is what was said about
		}
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			return m
		}
		if d.isPronounTok(j) {
			return -2
		}
	}
	return -1
}

// reportingSpeaker finds the speaker of a quotation that sits inside a
// reported clause: from the token k before the opening mark it looks back
// through the sentence for a speech or calling verb, then for the
// speaker just before it (`Lindsey Graham said that Carson is a "good
// man"`) or just after it when the verb comes first (`said Graham`).
// It returns a mention index, -2 for a pronoun, or -1.
func (d *doc) reportingSpeaker(k int, mentionAt map[int]int) int {
	toks := d.toks
	if k < 0 {
		return -1
	}
	sent := toks[k].Sent
	verb := -1
	for j := k; j >= 0 && j > k-40 && toks[j].Sent == sent; j-- {
		if d.isSpeechTok(j) || callingVerbs[toks[j].Fold] {
			verb = j
			break
		}
		if j < k && toks[j].Kind == tPunct && isCloseQuote(d.text[toks[j].Start:toks[j].End]) && toks[j].Start > 0 {
			// past an earlier quotation of the same sentence: its
			// speaker, found the same way, is this one's too
			continue
		}
	}
	if verb < 0 {
		return -1
	}
	if m := d.participleSubject(verb, mentionAt); m != -1 {
		return m
	}
	// A second verb of the subject: "X praised Y's plan and said it
	// would "bring change"" is X's, not Y's.
	if verb > 0 && (toks[verb-1].Fold == "and" || toks[verb-1].Fold == "but") {
		if m := d.clauseSubject(verb-2, mentionAt); m != -1 {
			return m
		}
	}
	// The word before the verb is not a name or pronoun ("Smith, who
	// ..., said", "Smith, delivering the speech, asked"): the subject
	// is the one opening the sentence.
	b := verb - 1
	for b >= 0 && (auxiliaries[toks[b].Fold] || toks[b].Fold == "also" || toks[b].Fold == "then") {
		b--
	}
	if b >= 0 && toks[b].Sent == sent && !d.isPronounTok(b) && !d.inMention(b) {
		if m := d.sentenceSubject(sent, toks[verb].Start, mentionAt); m != -1 {
			return m
		}
	}
	for j := verb - 1; j >= 0 && j > verb-10 && toks[j].Sent == sent; j-- {
		if auxiliaries[toks[j].Fold] || toks[j].Fold == "also" || toks[j].Fold == "then" {
			continue
		}
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			return m
		}
		if d.isPronounTok(j) {
			return -2
		}
		if complementizers[toks[j].Fold] {
			break
		}
	}
	// The mention may span tokens: the one ending just before the verb.
	for i := len(d.ms) - 1; i >= 0; i-- {
		m := d.ms[i]
		if m.End <= toks[verb].Start && m.End > toks[max(0, verb-3)].Start && m.Type != news.Place {
			return i
		}
	}
	for j := verb + 1; j <= k && j < verb+6 && !callingVerbs[toks[verb].Fold]; j++ {
		if complementizers[toks[j].Fold] || toks[j].Kind == tPunct {
			break
		}
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			return m
		}
		if d.isPronounTok(j) {
			return -2
		}
	}
	return -1
}

// participleSubject reads ", saying that ...", ", noting ...": a
// participle after a comma takes the subject of its sentence. It returns
// that subject, -2 for a pronoun, or -1.
func (d *doc) participleSubject(verb int, mentionAt map[int]int) int {
	toks := d.toks
	if !strings.HasSuffix(toks[verb].Fold, "ing") || verb == 0 || toks[verb-1].Kind != tPunct || d.text[toks[verb-1].Start] != ',' {
		return -1
	}
	return d.sentenceSubject(toks[verb].Sent, toks[verb].Start, mentionAt)
}

// inMention reports whether token k lies inside a non-place mention.
func (d *doc) inMention(k int) bool {
	t := d.toks[k]
	for _, m := range d.ms {
		if m.Start > t.Start {
			return false
		}
		if t.End <= m.End && m.Type != news.Place {
			return true
		}
	}
	return false
}

// sentenceSubject is the subject of sentence sent when it opens the
// sentence (before byte off): a person or organisation mention after at
// most a title or determiner, or a pronoun (-2); -1 otherwise.
func (d *doc) sentenceSubject(sent, off int, mentionAt map[int]int) int {
	s := firstTokAt(d.toks, d.sents[sent].Start)
	for j := s; j < len(d.toks) && j < s+4 && d.toks[j].Start < off; j++ {
		if m, ok := mentionAt[j]; ok && d.ms[m].Type != news.Place {
			return m
		}
		if d.isPronounTok(j) {
			return -2
		}
		if !(titles[d.toks[j].Fold] || determiners[d.toks[j].Fold] || d.toks[j].Kind == tPunct || d.isCapWord(j)) {
			break
		}
	}
	return -1
}

// lastPerson returns the last person mention before off, the antecedent of
// a pronoun speaker.
func (d *doc) lastPerson(off int) int {
	best := -1
	for i, m := range d.ms {
		if m.Start >= off {
			break
		}
		if m.Type == news.Person {
			best = i
		}
	}
	return best
}

// indirect finds reported speech in one sentence: "according to X, ...",
// "laut X", "selon X", "según X", and "X said (that) ...".
func (d *doc) indirect(sp news.Span, mentionAt map[int]int, name map[string]string, artID string) (news.Quote, bool) {
	toks, text := d.toks, d.text
	s := firstTokAt(toks, sp.Start)
	e := firstTokAt(toks, sp.End)
	for j := s; j < e; j++ {
		f := toks[j].Fold
		// "according to X"
		n := -1
		switch {
		case f == "according" && j+1 < e && toks[j+1].Fold == "to":
			n = j + 2
		case f == "laut" || f == "selon" || f == "segun":
			n = j + 1
		}
		if n >= 0 {
			for skip := 0; n < e && skip < 5; skip++ {
				if _, ok := mentionAt[n]; ok {
					break
				}
				if toks[n].Kind != tWord || d.isCapWord(n) && !isDemonym(toks[n].Fold) {
					break
				}
				n++
			}
			m, ok := mentionAt[n]
			if !ok || d.ms[m].Type == news.Place {
				continue
			}
			ment := d.ms[m]
			var qs, qe int
			if j == s || (j == s+1 && toks[s].Kind == tPunct) {
				// clause first: text after the comma following the mention
				k := firstTokAt(toks, ment.End)
				for k < e && !(toks[k].Kind == tPunct && text[toks[k].Start] == ',') {
					k++
				}
				if k+1 >= e {
					continue
				}
				qs, qe = toks[k+1].Start, sp.End
			} else {
				qs, qe = sp.Start, toks[j].Start
			}
			qs, qe = trimPunct(text, qs, qe)
			if len(strings.Fields(text[qs:qe])) < 3 {
				continue
			}
			return news.Quote{Speaker: name[ment.Entity], Entity: ment.Entity, Text: text[qs:qe], Article: artID, Start: qs, End: qe, Indirect: true}, true
		}
		// "X said (that) ...", "X has told that ...", "he said he ...",
		// and "..., X said." closing the sentence.
		var ment news.Mention
		var ok bool
		k := j
		if m, found := mentionAt[j]; found {
			ment, ok = d.ms[m], true
			k = firstTokAt(toks, ment.End)
		} else if d.isPronounTok(j) && toks[j].Kind == tWord {
			if lp := d.lastPerson(toks[j].Start); lp >= 0 {
				ment, ok = d.ms[lp], true
				k = j + 1
			}
		}
		if !ok {
			continue
		}
		for k < e && auxiliaries[toks[k].Fold] {
			k++
		}
		if k >= e || !d.isSpeechTok(k) || toks[k].Fold == "asked" {
			continue
		}
		verbAt := k
		k++
		// "..., Mayor X said." — the statement came first.
		if k >= e-1 || (toks[k].Kind == tPunct && d.text[toks[k].Start] == '.') {
			if j > s+3 {
				qs, qe := trimPunct(text, sp.Start, toks[j].Start)
				for _, p := range []int{j - 1, j - 2, j - 3} {
					if p > s && toks[p].Kind == tPunct && text[toks[p].Start] == ',' {
						qs, qe = trimPunct(text, sp.Start, toks[p].Start)
						break
					}
				}
				if len(strings.Fields(text[qs:qe])) >= 3 {
					return news.Quote{Speaker: name[ment.Entity], Entity: ment.Entity, Text: text[qs:qe], Article: artID, Start: qs, End: qe, Indirect: true}, true
				}
			}
			continue
		}
		if toks[k-1].Fold == "told" {
			// "told a news conference in Washington that ..."
			for x := k; x < e && x < k+8; x++ {
				if toks[x].Fold == "that" {
					k = x
					break
				}
			}
		} else if toks[k].Kind == tWord && adverbialStart[toks[k].Fold] {
			// "said on Tuesday that ...", "estime pour sa part que ...",
			// "sagte am Freitag, dass ...": the clause starts at the
			// complementizer, past an adverbial (not past a noun phrase:
			// "said the deal that was signed ..." is the deal).
			for x := k + 1; x < e && x < k+7; x++ {
				if f := toks[x].Fold; f == "that" || f == "dass" || f == "que" || f == "qu" {
					k = x
					break
				}
				if toks[x].Kind == tPunct && text[toks[x].Start] != ',' {
					break
				}
			}
		}
		that := false
		for k < e && (toks[k].Fold == "that" || toks[k].Fold == "dass" || toks[k].Fold == "que" || toks[k].Fold == "qu" || toks[k].Fold == "on" || toks[k].Fold == "reporters" || (toks[k].Kind == tPunct && text[toks[k].Start] == ',')) {
			that = that || toks[k].Fold == "that" || toks[k].Fold == "dass" || toks[k].Fold == "que" || toks[k].Fold == "qu"
			k++
		}
		if k >= e || (ment.Type != news.Person && !that && !sentenceClause(toks, k, e)) || (needsThat[toks[verbAt].Fold] && !that) {
			continue
		}
		qs, qe := trimPunct(text, toks[k].Start, sp.End)
		if len(strings.Fields(text[qs:qe])) < 3 {
			continue
		}
		return news.Quote{Speaker: name[ment.Entity], Entity: ment.Entity, Text: text[qs:qe], Article: artID, Start: qs, End: qe, Indirect: true}, true
	}
	return news.Quote{}, false
}

// sentenceClause reports that the words after a speech verb read as a
// reported clause: "Ukraine said on Tuesday it was ready": a pronoun
// subject within the next few words.
func sentenceClause(toks []token, k, e int) bool {
	for j := k; j < e && j < k+5; j++ {
		switch toks[j].Fold {
		case "it", "they", "he", "she", "we", "er", "sie", "es", "il", "elle", "ils":
			return true
		}
	}
	return false
}

// adverbialStart are words that open an adverbial between a speech verb
// and its "that" clause: prepositions and sentence adverbs.
var adverbialStart = set("on", "in", "at", "during", "after", "before", "earlier", "later", "also", "again", "publicly",
	"repeatedly", "previously", "last", "this", "late", "early", "yesterday", "today",
	"pour", "lors", "dans", "en", "mardi", "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "aussi",
	"egalement", "encore", "hier", "ce", "cette", "devant", "apres", "avant",
	"am", "im", "bei", "nach", "vor", "auch", "zudem", "gestern", "heute", "in", "gegenuber",
	"el", "este", "esta", "tambien", "ayer", "hoy", "durante", "tras", "ante", "por")

// needsThat lists verbs that report speech only with a "that" clause:
// "announced that ..." is speech, "announced a package" an action.
var needsThat = set("announced", "anuncio", "annonce", "confirmed", "confirmo", "confirme", "posted", "wrote", "ecrit", "schrieb", "reported")

// auxiliaries may stand between a speaker and the speech verb.
var auxiliaries = set("has", "had", "have", "hat", "hatte", "a", "ha", "habia", "avait", "also", "later", "again", "then")

func isDemonym(f string) bool {
	_, ok := demonyms[f]
	return ok
}

func trimPunct(text string, s, e int) (int, int) {
	for s < e {
		r, w := utf8.DecodeRuneInString(text[s:])
		if unicode.IsSpace(r) || r == ',' {
			s += w
			continue
		}
		break
	}
	for e > s {
		r, w := utf8.DecodeLastRuneInString(text[s:e])
		if unicode.IsSpace(r) || r == ',' || r == '.' {
			e -= w
			continue
		}
		break
	}
	return s, e
}

// clauseSubject finds the subject of the clause that holds a partial
// quotation, from the token k before its opening mark: the nearest
// person or organisation mention (or subject pronoun, -2) before it in
// the sentence that is followed by a verb, not one after a preposition
// or with a possessive. It returns -1 when there is none.
func (d *doc) clauseSubject(k int, mentionAt map[int]int) int {
	toks := d.toks
	if k < 0 || k >= len(toks) {
		return -1
	}
	sent := toks[k].Sent
	for j := k; j >= 0 && j > k-30 && toks[j].Sent == sent; j-- {
		if toks[j].Kind == tPunct && isCloseQuote(d.text[toks[j].Start:toks[j].End]) {
			return -1 // another quotation of the sentence stands between
		}
		m, isMention := mentionAt[j]
		if isMention && (d.ms[m].Type == news.Place) {
			continue
		}
		pron := !isMention && d.isPronounTok(j) && toks[j].Kind == tWord
		if !isMention && !pron {
			continue
		}
		if j > 0 && toks[j-1].Sent == sent && toks[j-1].Kind == tWord && (phraseStops[toks[j-1].Fold] || determiners[toks[j-1].Fold] || toks[j-1].Fold == "of") {
			continue // an object or a modifier: "praised Smith", "for Smith"
		}
		e := j + 1
		if isMention {
			e = firstTokAt(toks, d.ms[m].End)
		}
		if e < len(toks) && toks[e].Kind == tPunct && (strings.HasPrefix(d.text[toks[e].Start:], "'") || strings.HasPrefix(d.text[toks[e].Start:], "’")) {
			continue // "Smith's plan"
		}
		for e < len(toks) && e < k && (auxiliaries[toks[e].Fold] || strings.HasSuffix(toks[e].Fold, "ly") || toks[e].Fold == "not" || toks[e].Fold == "also") {
			e++
		}
		if e > k || e >= len(toks) || toks[e].Kind != tWord || d.isCapWord(e) || phraseStops[toks[e].Fold] || determiners[toks[e].Fold] || toks[e].Fold == "of" {
			continue
		}
		if pron {
			return -2
		}
		return m
	}
	return -1
}

// titleCase reports whether quoted words read as a title: every word of
// four letters or more capitalised, and no sentence punctuation.
func titleCase(q string) bool {
	q = strings.TrimRight(strings.TrimSpace(q), ",")
	if strings.ContainsAny(q, ".!?") && !strings.HasSuffix(q, ".") || strings.Count(q, ".") > 1 {
		return false
	}
	long := 0
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, ".,:;'’\"()")
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		long++
	}
	return long > 0
}
