package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// strokes maps the Latin letters that carry their mark inside the code
// point, so that NFD does not decompose them, to their base letter.
var strokes = map[rune]string{
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ħ': "h", 'Ħ': "h",
	'ı': "i", 'ŧ': "t", 'Ŧ': "t", 'ƒ': "f",
}

// ligatures maps letters that are written as two in English text
// ("Straße" → "strasse", "Æsir" → "aesir").
var ligatures = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Fold lower-cases s and removes its accents ("Kyïv", "KYIV" and "Kyiv"
// give "kyiv"; "Straße" gives "strasse"); punctuation, spaces and letters
// of other scripts are kept as they are.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if m, ok := strokes[r]; ok {
			b.WriteString(m)
			continue
		}
		if m, ok := ligatures[r]; ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	if isASCII(out) {
		return out
	}
	// NFD split Hangul syllables into jamo: put them together again.
	return norm.NFC.String(out)
}

// FoldName reduces a name to the key under which names are compared: lower
// case, accents removed ("Zürich" → "zurich"), Cyrillic transliterated to
// Latin ("Киев" → "kiev"), dots dropped ("U.S." → "us"), and hyphens,
// apostrophes and runs of spaces turned into one space ("al-Sudani" →
// "al sudani"). Outlets spell the same name in all these ways, so every
// lookup and every merge of names goes through it.
func FoldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	sep := func() {
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				b.WriteByte(byte(r) + 32)
				space = false
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteByte(byte(r))
				space = false
			case r == '.':
			default:
				sep()
			}
			continue
		}
		m, ok := nameMap[r]
		if !ok {
			m, ok = nameMap[unicode.ToLower(r)]
		}
		switch {
		case ok && m == "":
		case ok && m == " ":
			sep()
		case ok:
			b.WriteString(m)
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case unicode.Is(unicode.Mn, r):
		default:
			sep()
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// nameMap maps non-ASCII runes to their FoldName form: the Latin blocks
// through Unicode decomposition, the letters of strokes and ligatures,
// the marks that outlets write for apostrophes and hyphens, and Cyrillic.
var nameMap = buildNameMap()

func buildNameMap() map[rune]string {
	m := map[rune]string{}
	for r := rune(0xC0); r <= 0x24F; r++ {
		var base []rune
		for _, x := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, x) {
				base = append(base, unicode.ToLower(x))
			}
		}
		if len(base) == 1 && base[0] < utf8.RuneSelf && unicode.IsLetter(base[0]) {
			m[r] = string(base)
		}
	}
	for _, t := range []map[rune]string{strokes, ligatures} {
		for k, v := range t {
			m[k] = v
		}
	}
	for k, v := range map[rune]string{
		'’': " ", '‘': " ", 'ʻ': "", 'ʼ': "", 'ʿ': "", 'ʾ': "", '´': "", '`': "",
		'‐': " ", '‑': " ", '–': " ", '—': " ", '\u00a0': " ",
	} {
		m[k] = v
	}
	// Cyrillic → Latin, a simplified BGN/PCGN-style scheme, the one English
	// outlets mostly follow ("Зеленский" → "zelenskiy").
	cyr := map[rune]string{
		'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
		'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
		'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
		'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
		'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ј': "j", 'љ': "lj",
		'њ': "nj", 'ћ': "c", 'ђ': "d", 'џ': "dz",
	}
	for k, v := range cyr {
		m[k] = v
		m[unicode.ToUpper(k)] = v
	}
	return m
}

// FoldSearch folds one word (see EachWord) for the full-text index: NFD,
// Unicode case folding (ß → ss, final ς → σ), nonspacing marks dropped, the
// letters of strokes mapped, NFC again (so Hangul syllables recompose).
// Unlike Fold it keeps æ, œ, þ and ð: the index of every existing database
// holds words folded by this rule, so changing it needs a reindex.
func FoldSearch(tok string) string {
	if isASCII(tok) {
		return strings.ToLower(tok)
	}
	// Case folding first, then marks and stroke letters, so that a capital whose small
	// letter carries a stroke ("Ƒ" → "ƒ" → "f") folds as the small letter does.
	var b strings.Builder
	for _, r := range cases.Fold().String(norm.NFD.String(tok)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if s, ok := strokes[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return cherokeeUpper(norm.NFC.String(b.String()))
}

// cherokeeUpper maps Cherokee small letters to the capitals that Unicode case folding maps
// them to: golang.org/x/text's Fold toggles Cherokee case instead (capitals to small
// letters, small to capitals), so folding twice would not give the same word.
func cherokeeUpper(s string) string {
	if !strings.ContainsFunc(s, isCherokeeSmall) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xAB70 && r <= 0xABBF:
			return 0x13A0 + (r - 0xAB70)
		case r >= 0x13F8 && r <= 0x13FD:
			return 0x13F0 + (r - 0x13F8)
		}
		return r
	}, s)
}

func isCherokeeSmall(r rune) bool { return r >= 0xAB70 && r <= 0xABBF || r >= 0x13F8 && r <= 0x13FD }
