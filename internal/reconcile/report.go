package reconcile

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Report limits: the terminal report shows the claims a reader can take
// in; the Markdown dossier is meant to be complete.
const (
	reportSingles  = 10
	reportEntities = 12
)

// citer numbers an event's articles [1], [2]... in the event's article
// order (publication order after Build).
type citer struct {
	num  map[string]int
	arts map[string]*news.Article
	ids  []string
}

func newCiter(ev news.Event, arts []news.Article) *citer {
	c := &citer{num: map[string]int{}, arts: map[string]*news.Article{}}
	for i := range arts {
		c.arts[arts[i].ID] = &arts[i]
	}
	add := func(id string) {
		if _, ok := c.num[id]; !ok {
			c.ids = append(c.ids, id)
			c.num[id] = len(c.ids)
		}
	}
	for _, id := range ev.Articles {
		add(id)
	}
	return c
}

func (c *citer) n(id string) int {
	if n, ok := c.num[id]; ok {
		return n
	}
	c.ids = append(c.ids, id)
	c.num[id] = len(c.ids)
	return c.num[id]
}

// outlet names an outlet for people: the reconciler names an article
// without outlet (a bare text file) by its id, which is a hash to a reader.
func (c *citer) outlet(name string) string {
	if a, ok := c.arts[name]; ok && a.Source == "" {
		return "unknown outlet"
	}
	return name
}

// outlets joins outlet names for people (see outlet).
func (c *citer) outlets(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = c.outlet(n)
	}
	return strings.Join(out, ", ")
}

// refs renders "[1][3]" for the terminal.
func (c *citer) refs(ids []string) string {
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "[%d]", c.n(id))
	}
	return b.String()
}

// notes renders "[^1][^3]" for Markdown.
func (c *citer) notes(ids []string) string {
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "[^%d]", c.n(id))
	}
	return b.String()
}

// whenText renders a date range.
func whenText(r news.DateRange) string {
	switch {
	case r.Start == "":
		return "unknown"
	case r.End == "" || r.End == r.Start:
		return r.Start
	}
	return r.Start + " to " + r.End
}

func placeText(p news.GeoPlace) string {
	s := p.Name
	if p.Country != "" && !strings.EqualFold(p.Country, p.Name) {
		s += " (" + p.Country + ")"
	}
	if p.Lat != 0 || p.Lon != 0 {
		s += " " + strconv.FormatFloat(p.Lat, 'f', 3, 64) + "," + strconv.FormatFloat(p.Lon, 'f', 3, 64)
	}
	return s
}

func whereText(ps []news.GeoPlace) string {
	if len(ps) == 0 {
		return "unknown"
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = placeText(p)
	}
	return strings.Join(parts, "; ")
}

func byStatus(claims []news.Claim, status string) []news.Claim {
	var out []news.Claim
	for _, c := range claims {
		if c.Status == status {
			out = append(out, c)
		}
	}
	return out
}

// kindText names a disagreement's kind before its slot ("Update ").
func kindText(kind string) string {
	switch kind {
	case news.KindUpdate:
		return "Update "
	case news.KindConflict:
		return "Conflict "
	}
	return ""
}

// sinceText says when a side of a disagreement was first reported.
func sinceText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ", since " + stamp(t)
}

func slotText(slot string) string {
	if k, ok := strings.CutPrefix(slot, "figure:"); ok {
		return "number " + k
	}
	return slot
}

// Report writes the dossier for a terminal: title, when and where, the
// summary with [n] citations, claims grouped by status with their sources,
// quotes, main actors, the coverage table, related events and the list of
// sources the numbers refer to.
func Report(w io.Writer, ev news.Event, arts []news.Article) error {
	bw := bufio.NewWriter(w)
	c := newCiter(ev, arts)
	title := cmp.Or(ev.Title, ev.ID)
	fmt.Fprintf(bw, "%s\n%s\n", title, strings.Repeat("=", min(max(len([]rune(title)), 3), 78)))
	fmt.Fprintf(bw, "Event:   %s\n", ev.ID)
	fmt.Fprintf(bw, "When:    %s\n", whenText(ev.When))
	fmt.Fprintf(bw, "Where:   %s\n", whereText(ev.Where))
	fmt.Fprintf(bw, "Sources: %s from %s", articlesText(len(ev.Articles)), plural(len(ev.Sources), "outlet"))
	if len(ev.Langs) > 0 {
		fmt.Fprintf(bw, " (%s)", strings.Join(ev.Langs, ", "))
	}
	fmt.Fprintln(bw)

	if len(ev.Summary) > 0 {
		fmt.Fprintf(bw, "\nSummary\n")
		for _, s := range ev.Summary {
			fmt.Fprintf(bw, "  %s %s\n", s.Text, c.refs(s.Sources))
		}
	}

	if len(ev.Claims) > 0 {
		fmt.Fprintf(bw, "\nClaims\n")
		for _, st := range []string{news.Conflicting, news.Corroborated, news.Single} {
			cs := byStatus(ev.Claims, st)
			if len(cs) == 0 {
				continue
			}
			fmt.Fprintf(bw, "  %s (%d)\n", strings.ToUpper(st[:1])+st[1:], len(cs))
			for i, cl := range cs {
				if st == news.Single && i == reportSingles {
					fmt.Fprintf(bw, "    ... %d more\n", len(cs)-i)
					break
				}
				switch st {
				case news.Conflicting:
					fmt.Fprintf(bw, "    - %s[%s] %s\n", kindText(cl.Kind), slotText(cl.Slot), cl.Text)
					for _, v := range cl.Values {
						fmt.Fprintf(bw, "        %s: %s %s%s\n", valueText(cl.Slot, v.Value), c.outlets(v.Outlets), c.refs(v.Sources), sinceText(v.First))
					}
				case news.Corroborated:
					fmt.Fprintf(bw, "    - %s %s\n        %d outlets: %s\n", cl.Text, c.refs(cl.Sources), len(cl.Outlets), c.outlets(cl.Outlets))
				default:
					fmt.Fprintf(bw, "    - %s %s (%s)\n", cl.Text, c.refs(cl.Sources), c.outlets(cl.Outlets))
				}
			}
		}
	}

	if len(ev.Quotes) > 0 {
		fmt.Fprintf(bw, "\nQuotes\n")
		for _, q := range ev.Quotes {
			if q.Indirect {
				// Reported speech is the reporter's words: no quotation marks.
				fmt.Fprintf(bw, "  %s — %s, reported %s\n", strings.Trim(q.Text, " ,"), cmp.Or(q.Speaker, "unattributed"), c.refs([]string{q.Article}))
				continue
			}
			fmt.Fprintf(bw, "  “%s” — %s %s\n", strings.Trim(q.Text, " ,"), cmp.Or(q.Speaker, "unattributed"), c.refs([]string{q.Article}))
		}
	}

	if len(actors(ev.Entities)) > 0 {
		fmt.Fprintf(bw, "\nWho\n")
		for _, e := range actors(ev.Entities) {
			fmt.Fprintf(bw, "  %s (%s) — %s\n", e.Name, e.Type, articlesText(len(e.Mentions)))
		}
	}

	if len(ev.Coverage) > 0 {
		fmt.Fprintf(bw, "\nCoverage\n")
		tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "  OUTLET\tARTICLES\tFIRST SEEN\tCLAIMS\n")
		for _, cv := range ev.Coverage {
			fmt.Fprintf(tw, "  %s\t%d %s\t%s\t%d\n", c.outlet(cv.Outlet), len(cv.Articles), c.refs(cv.Articles), stamp(cv.FirstSeen), cv.Claims)
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("report %s: %w", ev.ID, err)
		}
	}

	if len(ev.Related) > 0 {
		fmt.Fprintf(bw, "\nRelated\n")
		for _, r := range ev.Related {
			fmt.Fprintf(bw, "  %s  %s (%.2f; %s)\n", r.Event, cmp.Or(r.Title, "untitled"), r.Score, r.Reason)
		}
	}

	fmt.Fprintf(bw, "\nArticles\n")
	for i, id := range c.ids {
		a, ok := c.arts[id]
		if !ok {
			fmt.Fprintf(bw, "  [%d] %s\n", i+1, id)
			continue
		}
		fmt.Fprintf(bw, "  [%d] %s — %s, %s", i+1, cmp.Or(a.Title, a.ID), outletName(a.Source), stamp(a.Published))
		if a.DuplicateOf != "" {
			fmt.Fprintf(bw, " (copy of [%d])", c.n(a.DuplicateOf))
		}
		if a.URL != "" {
			fmt.Fprintf(bw, "\n      %s", a.URL)
		}
		fmt.Fprintln(bw)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report %s: %w", ev.ID, err)
	}
	return nil
}

// actors returns the people, organisations and other named actors of an
// event (places have their own line), at most reportEntities.
func actors(ents []news.Entity) []news.Entity {
	var out []news.Entity
	for _, e := range ents {
		if e.Type == news.Place {
			continue
		}
		if len(out) == reportEntities {
			break
		}
		out = append(out, e)
	}
	return out
}

func articlesText(n int) string { return plural(n, "article") }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// mdEscaper escapes the characters that would turn article text into
// Markdown markup.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`)

func md(s string) string { return mdEscaper.Replace(s) }

// Markdown writes the dossier as Markdown a journalist can paste: the
// same sections as Report, with footnote citations ([^n]) whose notes link
// to the articles' URLs.
func Markdown(w io.Writer, ev news.Event, arts []news.Article) error {
	bw := bufio.NewWriter(w)
	c := newCiter(ev, arts)
	fmt.Fprintf(bw, "# %s\n\n", md(cmp.Or(ev.Title, ev.ID)))
	fmt.Fprintf(bw, "- **When:** %s\n", whenText(ev.When))
	fmt.Fprintf(bw, "- **Where:** %s\n", md(whereText(ev.Where)))
	fmt.Fprintf(bw, "- **Sources:** %s from %s", articlesText(len(ev.Articles)), plural(len(ev.Sources), "outlet"))
	if len(ev.Langs) > 0 {
		fmt.Fprintf(bw, " (%s)", strings.Join(ev.Langs, ", "))
	}
	fmt.Fprintf(bw, "\n- **Event:** `%s`\n", ev.ID)

	if len(ev.Summary) > 0 {
		fmt.Fprintf(bw, "\n## Summary\n\n")
		for i, s := range ev.Summary {
			if i > 0 {
				bw.WriteString(" ")
			}
			fmt.Fprintf(bw, "%s%s", md(s.Text), c.notes(s.Sources))
		}
		bw.WriteString("\n")
	}

	if len(ev.Claims) > 0 {
		fmt.Fprintf(bw, "\n## Claims\n")
		for _, st := range []string{news.Conflicting, news.Corroborated, news.Single} {
			cs := byStatus(ev.Claims, st)
			if len(cs) == 0 {
				continue
			}
			fmt.Fprintf(bw, "\n### %s (%d)\n\n", strings.ToUpper(st[:1])+st[1:], len(cs))
			for _, cl := range cs {
				switch st {
				case news.Conflicting:
					fmt.Fprintf(bw, "- %s**%s:** %s\n", kindText(cl.Kind), md(slotText(cl.Slot)), md(cl.Text))
					for _, v := range cl.Values {
						fmt.Fprintf(bw, "  - %s — %s%s%s\n", md(valueText(cl.Slot, v.Value)), md(c.outlets(v.Outlets)), c.notes(v.Sources), sinceText(v.First))
					}
				case news.Corroborated:
					fmt.Fprintf(bw, "- %s%s (%d outlets: %s)\n", md(cl.Text), c.notes(cl.Sources), len(cl.Outlets), md(c.outlets(cl.Outlets)))
				default:
					fmt.Fprintf(bw, "- %s%s (%s)\n", md(cl.Text), c.notes(cl.Sources), md(c.outlets(cl.Outlets)))
				}
			}
		}
	}

	if len(ev.Quotes) > 0 {
		fmt.Fprintf(bw, "\n## Quotes\n\n")
		for i, q := range ev.Quotes {
			if i > 0 {
				bw.WriteString("\n")
			}
			if q.Indirect {
				fmt.Fprintf(bw, "> %s — %s, reported%s\n", md(strings.Trim(q.Text, " ,")), md(cmp.Or(q.Speaker, "unattributed")), c.notes([]string{q.Article}))
				continue
			}
			fmt.Fprintf(bw, "> “%s” — %s%s\n", md(strings.Trim(q.Text, " ,")), md(cmp.Or(q.Speaker, "unattributed")), c.notes([]string{q.Article}))
		}
	}

	if len(actors(ev.Entities)) > 0 {
		fmt.Fprintf(bw, "\n## Who\n\n")
		for _, e := range actors(ev.Entities) {
			fmt.Fprintf(bw, "- %s (%s), %s\n", md(e.Name), e.Type, articlesText(len(e.Mentions)))
		}
	}

	if len(ev.Coverage) > 0 {
		fmt.Fprintf(bw, "\n## Coverage\n\n| Outlet | Articles | First seen | Claims |\n|---|---|---|---|\n")
		for _, cv := range ev.Coverage {
			fmt.Fprintf(bw, "| %s | %d%s | %s | %d |\n", md(c.outlet(cv.Outlet)), len(cv.Articles), c.notes(cv.Articles), stamp(cv.FirstSeen), cv.Claims)
		}
	}

	if len(ev.Related) > 0 {
		fmt.Fprintf(bw, "\n## Related\n\n")
		for _, r := range ev.Related {
			fmt.Fprintf(bw, "- %s (`%s`, score %.2f; %s)\n", md(cmp.Or(r.Title, "untitled")), r.Event, r.Score, md(r.Reason))
		}
	}

	if len(c.ids) > 0 {
		bw.WriteString("\n")
	}
	for i, id := range c.ids {
		a, ok := c.arts[id]
		if !ok {
			fmt.Fprintf(bw, "[^%d]: %s\n", i+1, md(id))
			continue
		}
		t := md(cmp.Or(a.Title, a.ID))
		if a.URL != "" {
			t = "[" + t + "](" + strings.ReplaceAll(strings.ReplaceAll(a.URL, "(", "%28"), ")", "%29") + ")"
		}
		fmt.Fprintf(bw, "[^%d]: %s — %s, %s\n", i+1, t, md(outletName(a.Source)), stamp(a.Published))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("markdown %s: %w", ev.ID, err)
	}
	return nil
}

// valueText writes a side of a disagreement for people: a figure's whole
// numbers with thousands separators ("10,000,000 euro"; the claim keeps
// the plain "10000000 euro" for machines).
func valueText(slot, value string) string {
	if strings.HasPrefix(slot, "figure:") {
		return news.FormatLabel(value)
	}
	return value
}
