package extract

// Abbreviations written with a final dot that does not end a sentence,
// per language. These are closed sets of common words (titles, ranks,
// months, "No.", "St."), never names. Place abbreviations ("Calif.",
// "D-Ore.") are left out on purpose: they stand before a comma (which
// never ends a sentence) or at the end of one. The sentence splitter does not know the article's language, so
// the lists are merged into abbrevs at start-up: no entry of one
// language ends a sentence in another.
var abbrevsByLang = map[string][]string{
	"en": {
		// titles and ranks before a name
		"Mr", "Mrs", "Ms", "Messrs", "Dr", "Drs", "Prof", "Rev", "Revs", "Hon", "Fr", "Sr", "Sra", "Gen", "Gens", "Lt", "Col", "Cols", "Maj",
		"Capt", "Cpt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Insp", "Supt", "Det", "Atty", "Gov", "Govs",
		"Sen", "Sens", "Rep", "Reps", "Pres", "Amb", "Sec", "Rt", "Msgr", "Ald", "Comdr",
		// months (AP abbreviates them before a day)
		"Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
		// other words that stand before what they qualify
		"No", "Nos", "St", "Ste", "Mt", "Ft", "Jr", "vs", "v", "approx", "est", "ca", "Vol", "Ch", "Fig", "Dept", "Univ", "Assn",
		"Ave", "Blvd", "Rd",
	},
	"de": {
		"Hr", "Fr", "Dr", "Prof", "Dipl", "Ing", "Nr", "St", "Str", "bzw", "ca", "vgl", "evtl", "ggf", "sog", "Abs", "Art",
		"Jh", "Mio", "Mrd", "Tsd", "Bd", "Hrsg", "inkl", "zzgl", "lt", "geb", "gest", "Jan", "Feb", "Aug", "Sept", "Okt", "Nov", "Dez",
	},
	"fr": {
		"MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "av", "bd", "env", "cf", "janv", "févr",
		"avr", "juil", "sept", "oct", "nov", "déc", "art", "vol", "chap",
	},
	"es": {"Sr", "Sra", "Srta", "Dr", "Dra", "Lic", "Ing", "Dña", "Av", "Avda", "pág", "núm", "aprox", "ene", "feb", "abr", "ago", "sept", "oct", "nov", "dic"},
}

func init() {
	for _, words := range abbrevsByLang {
		for _, w := range words {
			abbrevs[w] = true
		}
	}
}
