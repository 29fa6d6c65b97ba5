package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a name to the key under which names are compared: lower
// case, accents removed ("Zürich" → "zurich"), Cyrillic transliterated to
// Latin ("Киев" → "kiev"), dots dropped ("U.S." → "us"), and hyphens,
// apostrophes and runs of spaces turned into one space ("al-Sudani" →
// "al sudani"). Outlets spell the same name in all these ways, so every
// lookup and every merge of names goes through it.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
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
				if !space {
					b.WriteByte(' ')
					space = true
				}
			}
			continue
		}
		m, ok := foldMap[r]
		if !ok {
			m, ok = foldMap[unicode.ToLower(r)]
		}
		if ok {
			if m == "" {
				continue
			}
			if m == " " {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			b.WriteString(m)
			space = false
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case unicode.Is(unicode.Mn, r):
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := b.String()
	return strings.TrimRight(out, " ")
}

// foldMap maps non-ASCII runes to their folded form; built once from
// Unicode decomposition for the Latin blocks plus explicit tables for
// letters that do not decompose and for Cyrillic.
var foldMap = buildFoldMap()

func buildFoldMap() map[rune]string {
	m := map[rune]string{}
	for r := rune(0xC0); r <= 0x24F; r++ {
		d := norm.NFD.String(string(r))
		var base []rune
		for _, x := range d {
			if !unicode.Is(unicode.Mn, x) {
				base = append(base, unicode.ToLower(x))
			}
		}
		if len(base) == 1 && base[0] < utf8.RuneSelf && unicode.IsLetter(base[0]) {
			m[r] = string(base)
		}
	}
	special := map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
		'đ': "d", 'Đ': "d", 'þ': "th", 'Þ': "th", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'ð': "d",
		'’': " ", '‘': " ", 'ʻ': "", 'ʼ': "", 'ʿ': "", 'ʾ': "", '´': "", '`': "",
		'‐': " ", '‑': " ", '–': " ", '—': " ", '\u00a0': " ",
	}
	for k, v := range special {
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
