package extract

import (
	"github.com/dossier-news/dossier/internal/timex"
)

// ordinalDotLangs write an ordinal number as digits and a period: "am 16.
// Dezember", "den 3. maj", "3. kesäkuuta". In them the period after a day
// number before a month name ends no sentence.
var ordinalDotLangs = set("de", "da", "nb", "nn", "no", "fi", "is", "cs", "sk", "pl", "hu", "sl", "hr", "sr", "bs", "et", "lv", "lt")

// ordinalDeterminers are the articles, contracted prepositions and
// possessives that stand before an ordinal, never before a cardinal that
// ends a sentence: "der 3. Tag", "zum 5. Mal", "seinem 80. Geburtstag".
var ordinalDeterminers = map[string]map[string]bool{
	"de": set("der", "die", "das", "dem", "den", "des", "am", "im", "zum", "zur", "vom", "beim", "ins",
		"ein", "eine", "einem", "einen", "einer", "eines", "sein", "seine", "seinem", "seinen", "seiner", "seines",
		"ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "unser", "unsere", "unserem", "unseren", "unserer"),
	"da": set("den", "det"),
	"nb": set("den", "det"),
	"no": set("den", "det"),
}

// ordinalDot reports whether the period at token i closes an ordinal
// number of lang: a number of one to three digits glued to it, followed by
// a month name or preceded by an ordinal's determiner.
func ordinalDot(text string, toks []token, i int, lang string) bool {
	if !ordinalDotLangs[lang] || i == 0 || i+1 >= len(toks) {
		return false
	}
	n := &toks[i-1]
	if n.Kind != tNum || n.End != toks[i].Start || n.End-n.Start > 3 || !digitsOnly(text[n.Start:n.End]) {
		return false
	}
	next := &toks[i+1]
	if next.Kind == tWord && n.End-n.Start <= 2 {
		if _, ok := timex.MonthName(text[next.Start:next.End]); ok {
			return true
		}
	}
	if i < 2 || toks[i-2].Kind != tWord || toks[i-2].End == n.Start {
		return false
	}
	return ordinalDeterminers[lang][toks[i-2].Fold]
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
