package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// group turns the typed candidates of one article into mentions and
// article-level entities: alias-table names, abbreviations and their long
// forms, surnames and their full names, and spelling variants each become
// one entity.
func (a *Analyzer) group(d *doc) {
	text, toks := d.text, d.toks
	type full struct {
		first, last, lastNoAl string
		key                   string
		start                 int // token index of the full name
	}
	var fulls []full
	keys := make([]string, len(d.cands))
	for i, c := range d.cands {
		switch {
		case c.alias != "":
			keys[i] = "alias:" + c.alias
		default:
			keys[i] = a.fold(text, toks, c.s, c.e)
		}
		if c.e-c.s > 1 && c.typ == news.Person {
			l := toks[c.e-1].Fold
			fulls = append(fulls, full{toks[c.s].Fold, l, strings.TrimPrefix(l, "al "), keys[i], c.s})
		}
	}
	for i := range d.cands {
		c := &d.cands[i]
		if c.abbrOf > 0 {
			keys[i] = keys[c.abbrOf-1]
			c.typ = d.cands[c.abbrOf-1].typ
			c.unsure = false
		}
	}
	// Every later use of a defined abbreviation is its long form too.
	abbrKey := map[string]int{}
	for i, c := range d.cands {
		if c.abbrOf > 0 {
			abbrKey[toks[c.s].Fold] = i
		}
	}
	for i := range d.cands {
		c := &d.cands[i]
		if j, ok := abbrKey[toks[c.s].Fold]; ok && c.e-c.s == 1 && c.abbrOf == 0 && c.alias == "" {
			keys[i] = keys[j]
			c.typ, c.unsure = d.cands[j].typ, false
		}
	}
	// Surnames → full names seen in the article.
	for i := range d.cands {
		c := &d.cands[i]
		if c.e-c.s != 1 || (c.alias != "" && c.typ != news.Place) || (c.typ != news.Person && c.typ != news.Misc && c.typ != news.Place && !c.unsure) {
			continue
		}
		f := toks[c.s].Fold
		fnoal := strings.TrimPrefix(f, "al ")
		// The nearest full name before the surname (else the first after):
		// "Charlene Kafoury ... Kafoury" is the Kafoury just named.
		best := -1
		for k, fu := range fulls {
			if !(fu.last == f || fu.lastNoAl == fnoal || (c.typ != news.Place && len(f) >= 5 && editDistance(fu.last, f, 1) <= 1) ||
				(fu.first == f && len(f) >= 3 && firstNameLike(c))) {
				continue
			}
			if best < 0 || (fu.start < c.s && (fulls[best].start > c.s || fu.start > fulls[best].start)) {
				best = k
			}
		}
		if best >= 0 {
			keys[i] = fulls[best].key
			c.typ, c.unsure = news.Person, false
		}
	}
	// Unresolved single words: keep only when repeated away from sentence
	// starts (a name the article keeps using) and not in strict mode.
	count := map[string]int{}
	for i, c := range d.cands {
		if !toks[c.s].Initial {
			count[keys[i]]++
		}
	}
	kept := d.cands[:0]
	var kkeys []string
	for i, c := range d.cands {
		if c.e-c.s == 1 && c.unsure && c.typ == news.Misc {
			if c.strict || d.lang == "de" || count[keys[i]] < 2 {
				continue
			}
		}
		kept = append(kept, c)
		kkeys = append(kkeys, keys[i])
	}
	d.cands = kept
	// Build proto-entities per key, then merge variants.
	byKey := map[string]*news.Entity{}
	var order []string
	for i, c := range d.cands {
		raw := text[toks[c.s].Start:toks[c.e-1].End]
		e := byKey[kkeys[i]]
		if e == nil {
			e = &news.Entity{Type: c.typ, Mentions: map[string]int{}}
			if c.alias != "" {
				e.Name = c.alias
			} else if c.place != nil {
				e.Name = c.place.Name // the gazetteer's name: "Irak" and "Iraq" are one place
			}
			byKey[kkeys[i]] = e
			order = append(order, kkeys[i])
		}
		addAlias(e, raw)
		e.Mentions[d.id]++
		if e.Type == news.Misc && c.typ != news.Misc {
			e.Type = c.typ
		}
	}
	var protos []news.Entity
	for _, k := range order {
		e := byKey[k]
		protos = append(protos, *e)
	}
	merged, idx := mergeEntities(protos)
	// Mentions point at the merged entity's id.
	for i, c := range d.cands {
		pos := 0
		for j, k := range order {
			if k == kkeys[i] {
				pos = j
				break
			}
		}
		m := merged[idx[pos]]
		d.ms = append(d.ms, news.Mention{
			Text:   text[toks[c.s].Start:toks[c.e-1].End],
			Start:  toks[c.s].Start,
			End:    toks[c.e-1].End,
			Type:   m.Type,
			Entity: m.ID,
		})
	}
	d.ents = merged
}

// firstNameLike reports whether a lone word may be the first name of a
// full name seen in the article: already taken for a person, or a small
// town's name ("Tara") rather than a region or a common word.
func firstNameLike(c *cand) bool {
	return c.typ == news.Person || (c.place != nil && c.place.Kind == "city" && c.place.Population < 100000)
}

func addAlias(e *news.Entity, name string) {
	for _, x := range e.Aliases {
		if x == name {
			return
		}
	}
	e.Aliases = append(e.Aliases, name)
}

// mergeEntities merges entities that name the same thing and returns the
// merged entities plus, for each input, the index of its merged entity.
// Each input's Mentions are added up; Name is taken from the alias table
// when a member came from it, else the most complete name (most words,
// then most mentioned). Aliases holds every form seen.
func mergeEntities(in []news.Entity) ([]news.Entity, []int) {
	parent := make([]int, len(in))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) { parent[find(i)] = find(j) }

	forms := make([][]string, len(in))
	byForm := map[string][]int{}
	for i, e := range in {
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			f := lex.FoldName(n)
			if f == "" || seen[f] {
				continue
			}
			seen[f] = true
			forms[i] = append(forms[i], f)
			byForm[f] = append(byForm[f], i)
		}
	}
	// Same written form (folded) and compatible type.
	for _, ids := range byForm {
		for _, j := range ids[1:] {
			if compatible(in[ids[0]].Type, in[j].Type) {
				union(ids[0], j)
			}
		}
	}
	// Spelling variants; a lone surname joins a full name only when one
	// full name (after the merges so far) fits it: "Kafoury" next to both
	// "Charlene Kafoury" and "Madeline Kafoury" stays apart.
	single := func(i int) bool {
		return len(forms[i]) > 0 && !strings.Contains(in[i].Name+strings.Join(in[i].Aliases, ""), " ")
	}
	for i := range in {
		for j := i + 1; j < len(in); j++ {
			if find(i) == find(j) || !compatible(in[i].Type, in[j].Type) || single(i) != single(j) {
				continue
			}
			if variantOf(forms[i], forms[j], in[i].Type, in[j].Type) {
				union(i, j)
			}
		}
	}
	for i := range in {
		if !single(i) {
			continue
		}
		match := -1
		for j := range in {
			if j == i || single(j) || !compatible(in[i].Type, in[j].Type) || !variantOf(forms[i], forms[j], in[i].Type, in[j].Type) {
				continue
			}
			if match >= 0 && find(match) != find(j) {
				match = -2 // ambiguous
				break
			}
			match = j
		}
		if match >= 0 {
			union(i, match)
		}
	}
	acronymUnions(in, find, union)
	// Collect groups.
	groupOf := map[int]int{}
	var out []news.Entity
	idx := make([]int, len(in))
	members := map[int][]int{}
	for i := range in {
		r := find(i)
		g, ok := groupOf[r]
		if !ok {
			g = len(out)
			groupOf[r] = g
			out = append(out, news.Entity{Mentions: map[string]int{}})
		}
		idx[i] = g
		members[g] = append(members[g], i)
	}
	al := sharedAliases()
	for g := range out {
		e := &out[g]
		votes := map[news.EntityType]int{}
		freq := map[string]int{}
		for _, i := range members[g] {
			m := &in[i]
			n := 0
			for k, v := range m.Mentions {
				e.Mentions[k] += v
				n += v
			}
			if n == 0 {
				n = 1
			}
			votes[m.Type] += n
			if m.Name != "" {
				if _, ok := al.lookup(lex.FoldName(m.Name)); ok {
					if x, _ := al.lookup(lex.FoldName(m.Name)); x.Name == m.Name {
						e.Name = m.Name
					}
				}
				freq[m.Name] += n
			}
			for _, x := range m.Aliases {
				addAlias(e, x)
				freq[x] += n / max(1, len(m.Aliases))
			}
			if m.Name != "" {
				addAlias(e, m.Name)
			}
		}
		// Type: the majority of the definite types; misc only when no
		// member has one.
		best, bestN := news.Misc, 0
		for _, t := range []news.EntityType{news.Person, news.Org, news.Place} {
			if n := votes[t]; n > bestN {
				best, bestN = t, n
			}
		}
		e.Type = best
		if e.Name == "" {
			// A gazetteer name given by a member ("Iraq" for "Irak").
			best := 0
			for _, i := range members[g] {
				if m := &in[i]; m.Name != "" && m.Type == news.Place && freq[m.Name] > best {
					e.Name, best = m.Name, freq[m.Name]
				}
			}
		}
		if e.Name == "" {
			e.Name = mostComplete(e.Aliases, freq, wordSupport(members[g], forms))
		}
		// Aliases: the other forms seen.
		rest := e.Aliases[:0]
		for _, x := range e.Aliases {
			if x != e.Name {
				rest = append(rest, x)
			}
		}
		sort.Strings(rest)
		e.Aliases = rest
		if len(e.Aliases) == 0 {
			e.Aliases = nil
		}
		e.ID = string(e.Type) + ":" + strings.ReplaceAll(lex.FoldName(e.Name), " ", "-")
	}
	return out, idx
}

// mostComplete picks an entity's name among the forms seen: the one of
// most words; among those, the one whose words the most members share
// (support, from wordSupport: of "Mohammed Shia al-Sudani", "Mohammed
// Shia al-Soudani" and "Mohammed Schia al-Sudani", the first, each of
// its words being in two forms or more), then the most used.
func mostComplete(names []string, freq, support map[string]int) string {
	best := ""
	score := func(n string) (int, int, int) {
		sup := 0
		for _, w := range strings.Fields(lex.FoldName(n)) {
			sup += support[w]
		}
		return len(strings.Fields(n)), sup, freq[n]
	}
	for _, n := range names {
		if best == "" {
			best = n
			continue
		}
		w1, s1, f1 := score(n)
		w2, s2, f2 := score(best)
		if w1 > w2 || (w1 == w2 && s1 > s2) || (w1 == w2 && s1 == s2 && f1 > f2) || (w1 == w2 && s1 == s2 && f1 == f2 && n < best) {
			best = n
		}
	}
	return best
}

// wordSupport counts, per folded word, the members (entities of one
// article, or of one event's articles) that write it in one of their
// forms.
func wordSupport(members []int, forms [][]string) map[string]int {
	out := map[string]int{}
	for _, i := range members {
		seen := map[string]bool{}
		for _, f := range forms[i] {
			for _, w := range strings.Fields(f) {
				if !seen[w] {
					seen[w] = true
					out[w]++
				}
			}
		}
	}
	return out
}

func compatible(a, b news.EntityType) bool {
	return a == b || a == news.Misc || b == news.Misc
}

// variantOf reports whether two entities' folded forms name the same
// thing: the same words up to one edit each ("antony blinken" / "anthony
// blinkin"), or a single word that is the last word of a full person name
// ("blinken", "al sudani" / "sudani").
func variantOf(a, b []string, ta, tb news.EntityType) bool {
	person := ta == news.Person || tb == news.Person
	for _, x := range a {
		for _, y := range b {
			xw, yw := strings.Fields(x), strings.Fields(y)
			if len(xw) == len(yw) && wordsClose(xw, yw) {
				return true
			}
			if !person {
				continue
			}
			if len(xw) == 1 && len(yw) > 1 && lastMatches(xw[0], yw) {
				return true
			}
			if len(yw) == 1 && len(xw) > 1 && lastMatches(yw[0], xw) {
				return true
			}
		}
	}
	return false
}

func lastMatches(w string, full []string) bool {
	last := full[len(full)-1]
	if len(full) >= 2 && (full[len(full)-2] == "al" || full[len(full)-2] == "el") {
		if w == "al "+last || w == last {
			return true
		}
	}
	if len(w) < 4 {
		return false
	}
	return w == last || (len(w) >= 5 && editDistance(w, last, 1) <= 1)
}

func wordsClose(a, b []string) bool {
	total := 0
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		// A letter doubled or not is the commonest variant of a name in
		// transliteration and rough translation ("Liisa Tamm" / "Lisa
		// Tam", "Philip" / "Phillip"), short words included.
		if len(a[i]) >= 3 && len(b[i]) >= 3 && len(a) > 1 && undouble(a[i]) == undouble(b[i]) {
			total++
			continue
		}
		// A transliteration's spelling of one word, when another word
		// is the same: "Mohammed al-Rashed" / "Muhammad al-Rashed".
		if len(a) > 1 && translitClose(a[i], b[i]) && sharesWord(a, b) {
			total++
			continue
		}
		if len(a[i]) < 4 || len(b[i]) < 4 || a[i][0] != b[i][0] {
			return false
		}
		d := editDistance(a[i], b[i], 1)
		if d > 1 {
			return false
		}
		total += d
	}
	return total <= len(a) && (total == 0 || len(a) > 1 || len(a[0]) >= 6)
}

func sharesWord(a, b []string) bool {
	for i := range a {
		if a[i] == b[i] && len(a[i]) >= 3 {
			return true
		}
	}
	return false
}

// undouble collapses runs of one letter: "liisa" → "lisa", "tamm" → "tam".
func undouble(w string) string {
	if !hasDouble(w) {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i == 0 || w[i] != w[i-1] {
			b = append(b, w[i])
		}
	}
	return string(b)
}

func hasDouble(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] {
			return true
		}
	}
	return false
}

// editDistance is the Damerau–Levenshtein distance of a and b (bytes of
// folded ASCII), giving up with limit+1 once it must exceed limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

var (
	aliasOnce sync.Once
	aliasTab  *aliasTable
	aliasErr  error
)

// loadSharedAliases parses the embedded alias table once for every
// Analyzer and for Canonicalize.
func loadSharedAliases() (*aliasTable, error) {
	aliasOnce.Do(func() {
		aliasTab, aliasErr = loadAliases(aliasJSON)
		if aliasErr != nil {
			aliasTab = &aliasTable{byFold: map[string]int{}}
		}
	})
	return aliasTab, aliasErr
}

func sharedAliases() *aliasTable {
	t, _ := loadSharedAliases()
	return t
}

// Canonicalize merges the entities of the articles of one event
// (co-reference across outlets, spelling variants, aliases, abbreviations),
// rewrites Mention.Entity and Quote.Speaker/Entity in every analysis to the
// canonical entity, replaces each analysis's Entities with the canonical
// ones it mentions, and returns the canonical entities (Mentions counts per
// article id), most mentioned first.
func Canonicalize(arts []news.Article, an []news.Analysis) []news.Entity {
	var in []news.Entity
	type ref struct{ a int }
	var refs []ref
	for i := range an {
		id := an[i].Article
		if id == "" && i < len(arts) {
			id = arts[i].ID
		}
		counts := map[string]int{}
		for _, m := range an[i].Mentions {
			counts[m.Entity]++
		}
		for _, e := range an[i].Entities {
			c := e
			c.Mentions = map[string]int{id: counts[e.ID]}
			if counts[e.ID] == 0 {
				c.Mentions = map[string]int{id: 1}
			}
			c.Aliases = append([]string(nil), e.Aliases...)
			in = append(in, c)
			refs = append(refs, ref{i})
		}
	}
	merged, idx := mergeEntities(in)
	// Per analysis: old id → merged entity.
	remap := make([]map[string]int, len(an))
	for k, e := range in {
		i := refs[k].a
		if remap[i] == nil {
			remap[i] = map[string]int{}
		}
		remap[i][e.ID] = idx[k]
	}
	for i := range an {
		rm := remap[i]
		used := map[int]bool{}
		for j := range an[i].Mentions {
			m := &an[i].Mentions[j]
			if g, ok := rm[m.Entity]; ok {
				m.Entity = merged[g].ID
				m.Type = merged[g].Type
				used[g] = true
			}
		}
		for j := range an[i].Quotes {
			q := &an[i].Quotes[j]
			if g, ok := rm[q.Entity]; ok {
				q.Entity = merged[g].ID
				q.Speaker = merged[g].Name
			}
		}
		var ents []news.Entity
		for g := range used {
			ents = append(ents, merged[g])
		}
		sort.Slice(ents, func(x, y int) bool { return ents[x].ID < ents[y].ID })
		if len(ents) > 0 || an[i].Entities != nil {
			an[i].Entities = ents
		}
	}
	total := func(e news.Entity) int {
		n := 0
		for _, v := range e.Mentions {
			n += v
		}
		return n
	}
	sort.SliceStable(merged, func(x, y int) bool {
		tx, ty := total(merged[x]), total(merged[y])
		if tx != ty {
			return tx > ty
		}
		return merged[x].ID < merged[y].ID
	})
	return merged
}
