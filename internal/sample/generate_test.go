package sample

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

func TestGenerateDeterministic(t *testing.T) {
	a1, l1 := Generate(300, 42)
	a2, l2 := Generate(300, 42)
	if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(l1, l2) {
		t.Fatal("Generate(300, 42) gave different results on two calls")
	}
	a3, _ := Generate(300, 43)
	same := 0
	for i := range a3 {
		if a3[i].Text == a1[i].Text {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 42 and 43 share %d of 300 texts, want none", same)
	}
	if a1[0].ID == a3[0].ID {
		t.Errorf("seeds 42 and 43 both gave id %s; ids of different seeds must not collide", a1[0].ID)
	}
}

func TestGenerateEmpty(t *testing.T) {
	for _, n := range []int{0, -5} {
		arts, labels := Generate(n, 1)
		if len(arts) != 0 || labels == nil || len(labels) != 0 {
			t.Errorf("Generate(%d, 1) = %d articles, labels %v; want none and an empty map", n, len(arts), labels)
		}
	}
}

// badArticle finds "a" before a vowel and "an" before a consonant, the
// usual fault when synonyms replace words.
var badArticle = regexp.MustCompile(`\b[Aa] [aeiouAEIOU]\w*|\b[Aa]n [^aeiouAEIOU\W]\w*`)

func TestGenerateShape(t *testing.T) {
	const n = 3000
	arts, labels := Generate(n, 7)
	if len(arts) != n || len(labels) != n {
		t.Fatalf("Generate(%d) = %d articles, %d labels", n, len(arts), len(labels))
	}
	ids := map[string]bool{}
	outlets := map[string]bool{}
	perEvent := map[string]int{}
	var first, last time.Time
	for i, a := range arts {
		if ids[a.ID] {
			t.Fatalf("duplicate id %s", a.ID)
		}
		ids[a.ID] = true
		if a.Title == "" || a.Text == "" || a.Source == "" || a.Published.IsZero() || a.URL == "" || a.Lang != "en" {
			t.Errorf("article %d: missing field: %+v", i, a)
		}
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) || !utf8.ValidString(a.URL) {
			t.Errorf("article %s: invalid UTF-8", a.ID)
		}
		if l := len(a.Text); l < minText || l > maxText {
			t.Errorf("article %s: %d bytes of text, want %d–%d", a.ID, l, minText, maxText)
		}
		if strings.ContainsAny(a.Title+a.Text, "{}") {
			t.Errorf("article %s: unfilled template slot:\n%s\n%s", a.ID, a.Title, a.Text)
		}
		if strings.Contains(a.Text, "  ") || strings.Contains(a.Text, " .") || strings.Contains(a.Text, "\n\n\n") {
			t.Errorf("article %s: empty slot or spacing fault:\n%s", a.ID, a.Text)
		}
		for _, m := range badArticle.FindAllString(a.Text, -1) {
			if m != "a union" && m != "an hour" {
				t.Errorf("article %s: %q: wrong article before a vowel or consonant", a.ID, m)
			}
		}
		if a.Event != "" {
			t.Errorf("article %s: Event = %q, want it left to the clusterer", a.ID, a.Event)
		}
		label, ok := labels[a.ID]
		if !ok {
			t.Errorf("article %s has no label", a.ID)
		}
		perEvent[label]++
		outlets[a.Source] = true
		if first.IsZero() || a.Published.Before(first) {
			first = a.Published
		}
		if a.Published.After(last) {
			last = a.Published
		}
	}
	sizes := map[int]int{}
	for _, c := range perEvent {
		if c < 1 || c > 12 {
			t.Errorf("event of %d articles, want 1–12", c)
		}
		sizes[c]++
	}
	if sizes[1] == 0 || len(sizes) < 8 {
		t.Errorf("event sizes %v, want a spread from 1 up", sizes)
	}
	if len(outlets) < 40 {
		t.Errorf("%d outlets, want about 50", len(outlets))
	}
	if span := last.Sub(first); span < 7*24*time.Hour {
		t.Errorf("publication span %v, want at least a week", span)
	}
}

// TestGenerateTextSizes wants sizes spread over the whole range, not piled
// at one end.
func TestGenerateTextSizes(t *testing.T) {
	arts, _ := Generate(2000, 3)
	var buckets [3]int // 1.5–2, 2–2.5, 2.5–3 KB
	for _, a := range arts {
		b := min((len(a.Text)-minText)*3/(maxText-minText+1), 2)
		buckets[b]++
	}
	for i, c := range buckets {
		if c < len(arts)/6 {
			t.Errorf("size bucket %d holds %d of %d articles: %v", i, c, len(arts), buckets)
		}
	}
}

var capWords = regexp.MustCompile(`\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b`)

// TestGenerateEventsCohere checks what the clusterer relies on: articles of
// one event share names (people, organisations, places), while articles of
// different events share far fewer.
func TestGenerateEventsCohere(t *testing.T) {
	arts, labels := Generate(1500, 11)
	names := make([]map[string]bool, len(arts))
	for i, a := range arts {
		names[i] = map[string]bool{}
		for _, m := range capWords.FindAllString(a.Text, -1) {
			names[i][m] = true
		}
	}
	overlap := func(i, j int) float64 {
		inter := 0
		for k := range names[i] {
			if names[j][k] {
				inter++
			}
		}
		union := len(names[i]) + len(names[j]) - inter
		if union == 0 {
			return 0
		}
		return float64(inter) / float64(union)
	}
	var same, diff float64
	var ns, nd int
	for i := 0; i+1 < len(arts); i++ {
		j := i + 1
		o := overlap(i, j)
		if labels[arts[i].ID] == labels[arts[j].ID] {
			same += o
			ns++
		} else {
			diff += o
			nd++
		}
	}
	if ns == 0 || nd == 0 {
		t.Fatalf("no pairs: same %d, different %d", ns, nd)
	}
	same, diff = same/float64(ns), diff/float64(nd)
	t.Logf("name overlap: same event %.2f, different events %.2f", same, diff)
	if same < 0.3 || diff > same/3 {
		t.Errorf("name overlap: same event %.2f, different events %.2f; want ≥ 0.3 and ≤ a third", same, diff)
	}
}

var slotRE = regexp.MustCompile(`\{([a-z0-9]+)\}`)

// TestTemplateSlots checks every template of every kind against the
// values that kind provides, so no article can say "a ransom of ." when a
// kind lacks money.
func TestTemplateSlots(t *testing.T) {
	always := map[string]bool{
		"city": true, "country": true, "city2": true, "country2": true,
		"p1": true, "p2": true, "p3": true, "p1s": true, "p2s": true, "p3s": true,
		"r1": true, "r2": true, "r3": true, "org": true, "org2": true, "org3": true,
		"agency": true, "n1": true, "n2": true, "n3": true, "n4": true, "time": true, "date": true,
		"p4": true, "r4": true, "site": true,
	}
	for _, k := range kinds {
		has := func(slot string) bool {
			switch slot {
			case "pct1":
				return k.pct[0][1] > 0
			case "pct2":
				return k.pct[1][1] > 0
			case "money":
				return k.money[1] > 0
			case "mag":
				return k.mag
			}
			return always[slot]
		}
		var all []string
		all = append(all, k.agency)
		all = append(all, k.roles[:]...)
		all = append(all, k.titles...)
		all = append(all, k.leads...)
		all = append(all, k.details...)
		all = append(all, generic...)
		for _, tmpl := range all {
			for _, m := range slotRE.FindAllStringSubmatch(tmpl, -1) {
				if !has(m[1]) {
					t.Errorf("kind %s: template %q uses {%s}, which the kind does not set", k.name, tmpl, m[1])
				}
			}
		}
		if strings.Contains(k.agency, "{agency}") {
			t.Errorf("kind %s: agency refers to itself", k.name)
		}
		for _, l := range k.leads {
			if !strings.Contains(l, "{date}") {
				t.Errorf("kind %s: lead %q has no {date}", k.name, l)
			}
		}
		if len(k.titles) == 0 || len(k.leads) == 0 || len(k.details) < 6 || len(k.quotes) < 3 {
			t.Errorf("kind %s: too few templates", k.name)
		}
	}
}

func TestAppendCount(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {12400, "12,400"}, {1234567, "1,234,567"}, {-4500, "-4,500"}}
	for _, tc := range tests {
		if got := string(appendCount(nil, tc.in)); got != tc.want {
			t.Errorf("appendCount(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Storm batters Malmö, 3 dead", "storm-batters-malm-3-dead"},
		{"  --  ", "article"},
		{"Fire at Nordwell Energy plant", "fire-at-nordwell-energy-plant"},
	}
	for _, tc := range tests {
		if got := slug(tc.in); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCompilePanicsOnUnknownSlot(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("compile of a template with {nosuch} did not panic")
		}
	}()
	compile("In {city} the {nosuch} happened.")
}

func TestCompileSynonyms(t *testing.T) {
	tm := compile("Officials said the {city} buildings were damaged.")
	var alts, slots int
	for _, s := range tm {
		if s.alts != nil {
			alts++
			if s.alts[0] != "Officials" && s.alts[0] != "buildings" && s.alts[0] != "damaged" {
				t.Errorf("unexpected synonym segment %v", s.alts)
			}
		}
		if s.slot != slotNone {
			slots++
		}
	}
	if alts != 3 || slots != 1 {
		t.Errorf("compile: %d synonym and %d slot segments, want 3 and 1: %+v", alts, slots, tm)
	}
}

func BenchmarkGenerate(b *testing.B) {
	const n = 1000
	for b.Loop() {
		Generate(n, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
}

func TestWriteJSONL(t *testing.T) {
	arts, labels := Generate(50, 4)
	var b strings.Builder
	if err := WriteJSONL(&b, arts, labels); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(arts) {
		t.Fatalf("WriteJSONL wrote %d lines for %d articles", len(lines), len(arts))
	}
	for i, line := range lines {
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		var g goldLine
		if err := dec.Decode(&g); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		a := arts[i]
		pub, err := time.Parse(time.RFC3339, g.Published)
		if err != nil {
			t.Errorf("line %d: published %q: %v", i+1, g.Published, err)
		}
		if g.ID != a.ID || g.Title != a.Title || g.Text != a.Text || g.Source != a.Source ||
			g.URL != a.URL || g.Lang != a.Lang || !pub.Equal(a.Published) || g.Cluster != labels[a.ID] {
			t.Errorf("line %d does not round-trip: %+v", i+1, g)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteJSONLError(t *testing.T) {
	arts, labels := Generate(100, 4)
	if err := WriteJSONL(failWriter{}, arts, labels); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteJSONL to a failing writer = %v, want the write error", err)
	}
}

// TestGenerateSpan spreads a corpus over three years: the dates cover the
// span, the same seed gives the same corpus, and the events keep the
// default span's make-up (sizes, syndicated copies).
func TestGenerateSpan(t *testing.T) {
	const n, days = 3000, 3 * 365
	arts, labels := GenerateSpan(n, 7, days)
	again, _ := GenerateSpan(n, 7, days)
	short, shortLabels := Generate(n, 7)
	if len(arts) != n || len(again) != n || len(short) != n {
		t.Fatalf("GenerateSpan = %d, %d articles; Generate %d, want %d", len(arts), len(again), len(short), n)
	}
	var first, last time.Time
	for i := range arts {
		a := &arts[i]
		if a.ID != again[i].ID || a.Text != again[i].Text || !a.Published.Equal(again[i].Published) {
			t.Fatalf("article %d differs between two runs of one seed", i)
		}
		if first.IsZero() || a.Published.Before(first) {
			first = a.Published
		}
		if a.Published.After(last) {
			last = a.Published
		}
	}
	if got := last.Sub(first); got < (days-60)*24*time.Hour {
		t.Errorf("publication span %v, want about %d days", got, days)
	}
	if last.Year() > 2027 {
		t.Errorf("last article %v, want within three years of 2024-01-01", last)
	}
	events := func(labels map[string]string) int {
		seen := map[string]bool{}
		for _, l := range labels {
			seen[l] = true
		}
		return len(seen)
	}
	long, def := events(labels), events(shortLabels)
	if long < def*9/10 || long > def*11/10 {
		t.Errorf("%d events over %d days, %d over the default span: the mix of event sizes changed", long, days, def)
	}
	copies := func(arts []news.Article) int {
		seen, n := map[string]bool{}, 0
		for _, a := range arts {
			if seen[a.Text] {
				n++
			}
			seen[a.Text] = true
		}
		return n
	}
	if c, d := copies(arts), copies(short); c < d/2 || c > 2*d+5 {
		t.Errorf("%d verbatim copies over %d days, %d over the default span", c, days, d)
	}
}
