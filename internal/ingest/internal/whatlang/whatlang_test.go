package whatlang

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/abadojack/whatlanggo"
)

// The reference below is upstream's algorithm as it was written (string
// trigrams, every script check for every rune), with profiles taken in
// Lang order: Detect must give exactly its answers.

func refDetectScript(text string) *unicode.RangeTable {
	halfLen := len(text) / 2
	sc := []scriptCounter{
		{isLatin, unicode.Latin, 0}, {isCyrillic, unicode.Cyrillic, 0}, {isArabic, unicode.Arabic, 0},
		{isDevanagari, unicode.Devanagari, 0}, {isHiraganaKatakana, _HiraganaKatakana, 0},
		{isEthiopic, unicode.Ethiopic, 0}, {isHebrew, unicode.Hebrew, 0}, {isBengali, unicode.Bengali, 0},
		{isGeorgian, unicode.Georgian, 0}, {isHan, unicode.Han, 0}, {isHangul, unicode.Hangul, 0},
		{isGreek, unicode.Greek, 0}, {isKannada, unicode.Kannada, 0}, {isTamil, unicode.Tamil, 0},
		{isThai, unicode.Thai, 0}, {isGujarati, unicode.Gujarati, 0}, {isGurmukhi, unicode.Gurmukhi, 0},
		{isTelugu, unicode.Telugu, 0}, {isMalayalam, unicode.Malayalam, 0}, {isOriya, unicode.Oriya, 0},
		{isMyanmar, unicode.Myanmar, 0}, {isSinhala, unicode.Sinhala, 0}, {isKhmer, unicode.Khmer, 0},
	}
	for _, ch := range text {
		if isStopCharSlow(ch) {
			continue
		}
		for i, s := range sc {
			if s.checkFunc(ch) {
				sc[i].count++
				if sc[i].count > halfLen {
					return s.script
				}
				if i > 0 {
					sc[i], sc[i-1] = sc[i-1], sc[i]
				}
			}
		}
	}
	jp, max := 0, 0
	var best *unicode.RangeTable
	for _, s := range sc {
		if s.count > max {
			max, best = s.count, s.script
			if s.script == _HiraganaKatakana {
				jp = max
			}
		}
	}
	switch {
	case max == 0:
		return nil
	case best == unicode.Han && jp > 0:
		return _HiraganaKatakana
	}
	return best
}

func refPositions(text string) map[string]int {
	counts := map[string]int{}
	var txt []rune
	for _, r := range text {
		c := r
		if isStopCharSlow(r) {
			c = ' '
		}
		txt = append(txt, unicode.ToLower(c))
	}
	txt = append(txt, ' ')
	r1, r2 := ' ', txt[0]
	for i := 1; i < len(txt); i++ {
		r3 := txt[i]
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			counts[string([]rune{r1, r2, r3})]++
		}
		r1, r2 = r2, r3
	}
	type strTrigram struct {
		trigram string
		count   int
	}
	var tg []strTrigram
	for t, c := range counts {
		tg = append(tg, strTrigram{t, c})
	}
	sort.SliceStable(tg, func(i, j int) bool {
		if tg[i].count == tg[j].count {
			return strings.Compare(tg[i].trigram, tg[j].trigram) < 0
		}
		return tg[i].count < tg[j].count
	})
	pos := map[string]int{}
	for i, j := len(tg)-1, 0; i >= 0; i, j = i-1, j+1 {
		pos[tg[i].trigram] = j
	}
	return pos
}

func refDetect(text string) Info {
	script := refDetectScript(text)
	if script == nil {
		return Info{Lang: -1}
	}
	var list langProfileList
	switch script {
	case unicode.Latin:
		list = latinLangs
	case unicode.Cyrillic:
		list = cyrillicLangs
	case unicode.Devanagari:
		list = devanagariLangs
	case unicode.Hebrew:
		list = hebrewLangs
	case unicode.Ethiopic:
		list = ethiopicLangs
	case unicode.Arabic:
		list = arabicLangs
	default:
		lang, conf := detectLangBaseOnScript(text, script) // single-language scripts
		return Info{Lang: lang, Script: script, Confidence: conf}
	}
	pos := refPositions(text)
	var langs []Lang
	for l := range list {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	var ds []langDistance
	for _, l := range langs {
		total := 0
		for i, t := range list[l] {
			if n, ok := pos[t]; ok {
				total += abs(n - i)
			} else {
				total += maxTrigramDistance
			}
		}
		ds = append(ds, langDistance{l, total})
	}
	keyed := make(map[key]int, len(pos))
	for t, n := range pos {
		k, _ := keyOf(t)
		keyed[k] = n
	}
	lang, conf := calculateConfidence(ds, keyed)
	return Info{Lang: lang, Script: script, Confidence: conf}
}

func checkSame(t *testing.T, text string) {
	got, want := Detect(text), refDetect(text)
	if got != want {
		t.Fatalf("Detect(%.80q) = %v %p %v, reference %v %p %v", text, got.Lang, got.Script, got.Confidence, want.Lang, want.Script, want.Confidence)
	}
}

var samples = []string{
	"The quick brown fox said on Tuesday that the government would consider new measures to curb inflation.",
	"Le gouvernement a annoncé mardi de nouvelles mesures pour freiner l'inflation, selon des responsables.",
	"El gobierno anunció el martes nuevas medidas para frenar la inflación, según funcionarios.",
	"Die Regierung kündigte am Dienstag neue Maßnahmen zur Eindämmung der Inflation an.",
	"O governo anunciou na terça-feira novas medidas para conter a inflação, segundo autoridades.",
	"Il governo ha annunciato martedì nuove misure per frenare l'inflazione, secondo i funzionari.",
	"Правительство во вторник объявило о новых мерах по сдерживанию инфляции.",
	"Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για τον περιορισμό του πληθωρισμού.",
	"政府は火曜日、インフレを抑制するための新たな措置を発表した。",
	"政府周二宣布了遏制通货膨胀的新措施。",
	"הממשלה הודיעה ביום שלישי על צעדים חדשים לבלימת האינפלציה.",
	"أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة للحد من التضخم.",
	"सरकार ने मंगलवार को मुद्रास्फीति पर अंकुश लगाने के लिए नए उपायों की घोषणा की।",
	"Zázrak jedné sezony? West Ham dává pochybovačům stále pádnější odpověď.",
	"", "   ", "1234 5678", "a", "\x01\x02 abc", "ＡＢＣ ｄｅｆ",
}

func TestDetectMatchesReference(t *testing.T) {
	for _, s := range samples {
		checkSame(t, s)
	}
}

// TestDetectMatchesUpstream: on natural text, where no two languages tie,
// the answers are upstream's.
func TestDetectMatchesUpstream(t *testing.T) {
	for _, s := range samples[:14] {
		if got, want := Detect(s).Lang.Iso6391(), whatlanggo.Detect(s).Lang.Iso6391(); got != want {
			t.Errorf("Detect(%.40q) = %q, upstream %q", s, got, want)
		}
	}
}

// TestASCIIScripts: the ASCII shortcut in DetectScript holds, that an
// ASCII rune is either a stop character, a Latin letter, or of no script.
func TestASCIIScripts(t *testing.T) {
	checks := []func(rune) bool{isCyrillic, isArabic, isDevanagari, isHiraganaKatakana, isEthiopic, isHebrew,
		isBengali, isGeorgian, isHan, isHangul, isGreek, isKannada, isTamil, isThai, isGujarati, isGurmukhi,
		isTelugu, isMalayalam, isOriya, isMyanmar, isSinhala, isKhmer}
	for r := range rune(128) {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if isLatin(r) != letter {
			t.Errorf("isLatin(%q) = %v", r, !letter)
		}
		for i, f := range checks {
			if f(r) {
				t.Errorf("script check %d matches %q", i, r)
			}
		}
		if isStopChar(r) != isStopCharSlow(r) {
			t.Errorf("isStopChar(%q) differs", r)
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSame(t, s) })
}
