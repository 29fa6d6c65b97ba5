package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Page furniture is the text a site or agency sets around a story:
// photo credits and captions, bylines, credit lines, "Read more" links,
// share buttons, cookie and newsletter prompts. Page cleaning removes
// most of it; what reaches the extractor is marked line by line, and no
// entity, figure, quote or sentence is taken from it.

// furniturePrefixes open a furniture line, lower case; a prefix matches
// a whole word.
var furniturePrefixes = []string{
	// photo credits and captions
	"photo:", "photo credit", "image:", "picture:", "foto:", "fotos:", "bild:", "bildquelle",
	"crédit photo", "credit:", "credits:", "caption:", "file photo", "illustration:",
	// credit lines
	"reporting by", "additional reporting", "editing by", "writing by", "compiled by", "text by", "mit material von",
	// links, buttons, prompts
	"read more", "read also", "also read", "see also", "related:", "related stories", "related articles", "more:",
	"click here", "sign up", "subscribe", "follow us", "share this", "share on", "share:",
	"lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "das könnte sie auch",
	"lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "lire la suite",
	"lea también", "lee también", "leer más", "te puede interesar",
	"copyright", "©",
}

// furnitureWords are whole lines of one word: an advertisement label or
// a button.
var furnitureWords = set("advertisement", "anzeige", "werbung", "publicité", "publicidad", "share", "teilen", "partager",
	"compartir", "tweet", "email", "print", "drucken", "imprimer", "comments", "kommentare", "commentaires", "comentarios")

// creditOpens begin the words in parentheses that credit a picture:
// "(Photo: Agency)", "(AP Photo/Jane Doe)" is found by its "photo/".
var creditOpens = []string{"photo", "photos", "photo credit", "foto", "fotos", "credit", "image", "images", "bild", "picture", "photograph", "crédit photo"}

// creditHeads end a short credit line naming a picture agency.
var creditHeads = set("images", "photos", "pictures", "photography", "bilder")

// bylineWords open a byline in the languages read.
var bylineWords = set("By", "Von", "Par", "Por", "Door", "Di")

// bylineJoins may stand between the names of a byline.
var bylineJoins = set("and", "und", "et", "y", "en", "e", "&", "de", "van", "von", "der", "del", "da", "di", "le", "la")

// promptPairs are two words that together make a site prompt: the first
// names it, any of the rest asks the reader something.
var promptPairs = [][]string{
	{"cookie", "accept", "consent", "we use", "browsing", "akzeptier", "zustimm", "accepte", "acepta", "privacy", "datenschutz"},
	{"newsletter", "sign up", "subscribe", "inbox", "abonnier", "anmeld", "inscri", "suscr", "get our", "delivered", "register"},
}

// scriptPrompts ask the reader to turn scripts on.
var scriptPrompts = []string{"enable javascript", "javascript enabled", "javascript is disabled", "javascript aktivieren",
	"activer javascript", "activez javascript", "habilitar javascript", "habilite javascript"}

// Furniture reports whether a line or sentence of an article is page
// furniture: a credit line, a byline, a link or prompt of the site, or
// a picture credit in parentheses ("(AP Photo/Jane Doe)"). Claims are
// not taken from it.
func Furniture(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && creditParen(s[1:len(s)-1]) {
		return true
	}
	return furnitureLine(s)
}

// furnitureLine reports whether one line of an article's text is page
// furniture.
func furnitureLine(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" {
		return false
	}
	words := strings.Fields(line)
	if len(words) > 40 {
		return false // a paragraph of the story
	}
	low := strings.ToLower(strings.TrimLeft(line, " \t\"'“(-—–•|"))
	for _, p := range furniturePrefixes {
		if hasWordPrefix(low, p) {
			return true
		}
	}
	if len(words) == 1 && furnitureWords[strings.Trim(low, ".:!|·•")] {
		return true
	}
	end, _ := utf8.DecodeLastRuneInString(line)
	closed := strings.ContainsRune(".!?…\"”»", end)
	if len(words) <= 5 && !closed && creditHeads[strings.ToLower(strings.Trim(words[len(words)-1], ".,;:()"))] {
		return true // "Agency Images"
	}
	if !closed && byline(words) {
		return true
	}
	for _, p := range scriptPrompts {
		if strings.Contains(low, p) {
			return true
		}
	}
	if len(words) > 30 {
		return false // a prompt is short; a longer line quotes one among other text
	}
	for _, pair := range promptPairs {
		if strings.Contains(low, pair[0]) {
			for _, w := range pair[1:] {
				if strings.Contains(low, w) {
					return true
				}
			}
		}
	}
	return false
}

// hasWordPrefix reports whether s begins with p and p ends a word there.
func hasWordPrefix(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	if len(s) == len(p) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	next, _ := utf8.DecodeRuneInString(s[len(p):])
	return !unicode.IsLetter(last) || !unicode.IsLetter(next)
}

// byline reports a line such as "By Jane Doe and John Roe" or "Von Anna
// Muster, Berlin": a byline word, then only capitalised names and their
// joins, up to a separator after which an outlet or place may follow.
func byline(words []string) bool {
	if len(words) < 2 || len(words) > 10 || !bylineWords[words[0]] {
		return false
	}
	names := 0
	for _, w := range words[1:] {
		core := strings.Trim(w, ",;|·•-–—/()")
		if core == "" {
			break // a separator: an outlet or a place follows
		}
		r, _ := utf8.DecodeRuneInString(core)
		switch {
		case unicode.IsUpper(r):
			names++
		case bylineJoins[core]:
		default:
			return false
		}
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, "|") {
			break
		}
	}
	return names > 0
}

// creditParen reports whether the words in parentheses c (without
// them) credit a picture.
func creditParen(c string) bool {
	c = strings.ToLower(strings.TrimSpace(c))
	if len(strings.Fields(c)) > 14 {
		return false
	}
	if strings.Contains(c, "photo/") || strings.Contains(c, "photo:") {
		return true
	}
	for _, p := range creditOpens {
		if hasWordPrefix(c, p) {
			return true
		}
	}
	return false
}

// markFurniture sets d.furn, the byte spans of furniture lines and of
// picture credits in parentheses.
func (d *doc) markFurniture() {
	text := d.text
	d.furn = d.furn[:0]
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if furnitureLine(line) {
			d.furn = append(d.furn, news.Span{Start: start, End: end})
		} else {
			for off := 0; off < len(line); {
				o := strings.IndexByte(line[off:], '(')
				if o < 0 {
					break
				}
				o += off
				// The credit runs to its closing parenthesis, or to the
				// line's end.
				c, e := len(line), len(line)
				if k := strings.IndexByte(line[o+1:], ')'); k >= 0 {
					c, e = o+1+k, o+2+k
				}
				if creditParen(line[o+1 : c]) {
					d.furn = append(d.furn, news.Span{Start: start + o, End: start + e})
				}
				off = e
			}
		}
		start = end + 1
	}
}

// onFurniture reports whether byte offset off lies on furniture.
func (d *doc) onFurniture(off int) bool {
	for _, f := range d.furn {
		if f.Start <= off && off < f.End {
			return true
		}
	}
	return false
}

// offFurniture drops the figures and quotes that begin on furniture.
func (d *doc) offFurniture(figs []news.Figure, qs []news.Quote) ([]news.Figure, []news.Quote) {
	figs = slices.DeleteFunc(figs, func(f news.Figure) bool { return d.onFurniture(f.Start) })
	qs = slices.DeleteFunc(qs, func(q news.Quote) bool { return d.onFurniture(q.Start) })
	return figs, qs
}
