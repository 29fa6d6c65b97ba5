package timex

// Word tables for the languages timex reads: English, German, French,
// Spanish and Russian. Keys are lower case. Matching is done against every
// language at once (articles are often mislabelled or mixed), except for
// the few words that mean something else in another language: those are
// gated by lang or by case (see ambiguous below).

// months maps month names and abbreviations to 1..12. Russian has the
// nominative, the genitive ("13 декабря") and the prepositional ("в декабре").
var months = map[string]int{
	// English
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	// German
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
	"juli": 7, "oktober": 10, "dezember": 12, "mär": 3, "okt": 10, "dez": 12,
	// French
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
	"juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
	"décembre": 12, "decembre": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12,
	// Spanish ("ago" for agosto is left out: it is the English "ago")
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
	"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"ene": 1, "abr": 4, "dic": 12,
	// Russian: nominative, genitive, prepositional
	"январь": 1, "января": 1, "январе": 1,
	"февраль": 2, "февраля": 2, "феврале": 2,
	"март": 3, "марта": 3, "марте": 3,
	"апрель": 4, "апреля": 4, "апреле": 4,
	"май": 5, "мая": 5, "мае": 5,
	"июнь": 6, "июня": 6, "июне": 6,
	"июль": 7, "июля": 7, "июле": 7,
	"август": 8, "августа": 8, "августе": 8,
	"сентябрь": 9, "сентября": 9, "сентябре": 9,
	"октябрь": 10, "октября": 10, "октябре": 10,
	"ноябрь": 11, "ноября": 11, "ноябре": 11,
	"декабрь": 12, "декабря": 12, "декабре": 12,
}

// capsOnly lists month words that are ordinary words when written in lower
// case ("you may", "the march", "el mar"): they count as months only when
// capitalised.
var capsOnly = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "sat": true, "sun": true, "wed": true}

// weekdays maps weekday names to time.Weekday values (Sunday = 0).
// full=false marks abbreviations and forms that are accepted only in front
// of a date ("Fri., May 3, 2013"), never alone: "sun", "sat" and "wed" are
// English words, and the Russian nominative "среда" also means
// "environment".
var weekdays = map[string]struct {
	day  int
	full bool
}{
	"sunday": {0, true}, "monday": {1, true}, "tuesday": {2, true}, "wednesday": {3, true},
	"thursday": {4, true}, "friday": {5, true}, "saturday": {6, true},
	"sun": {0, false}, "mon": {1, false}, "tue": {2, false}, "tues": {2, false}, "wed": {3, false},
	"thu": {4, false}, "thur": {4, false}, "thurs": {4, false}, "fri": {5, false}, "sat": {6, false},
	"sonntag": {0, true}, "montag": {1, true}, "dienstag": {2, true}, "mittwoch": {3, true},
	"donnerstag": {4, true}, "freitag": {5, true}, "samstag": {6, true}, "sonnabend": {6, true},
	"dimanche": {0, true}, "lundi": {1, true}, "mardi": {2, true}, "mercredi": {3, true},
	"jeudi": {4, true}, "vendredi": {5, true}, "samedi": {6, true},
	"domingo": {0, true}, "lunes": {1, true}, "martes": {2, true}, "miércoles": {3, true},
	"miercoles": {3, true}, "jueves": {4, true}, "viernes": {5, true}, "sábado": {6, true}, "sabado": {6, true},
	"воскресенье": {0, true}, "понедельник": {1, true}, "вторник": {2, true}, "среду": {3, true},
	"среда": {3, false}, "четверг": {4, true}, "пятницу": {5, true}, "пятница": {5, true},
	"субботу": {6, true}, "суббота": {6, true},
}

// dayWords are single words naming a day relative to the reference date.
// lang, when set, is the only document language in which the word is read
// as a date: French "hier" is German and Dutch "here".
var dayWords = map[string]struct {
	off  int
	lang string
}{
	"today": {0, ""}, "tonight": {0, ""}, "yesterday": {-1, ""}, "tomorrow": {1, ""},
	"heute": {0, ""}, "gestern": {-1, ""}, "morgen": {1, ""}, "vorgestern": {-2, ""}, "übermorgen": {2, ""},
	"aujourd'hui": {0, ""}, "hier": {-1, "fr"}, "demain": {1, ""},
	"hoy": {0, ""}, "ayer": {-1, ""}, "mañana": {1, ""}, "anteayer": {-2, ""}, "anoche": {-1, ""},
	"сегодня": {0, ""}, "вчера": {-1, ""}, "завтра": {1, ""}, "позавчера": {-2, ""}, "послезавтра": {2, ""},
}

// dayPhrases are fixed multi-word day expressions, as lower-case tokens.
var dayPhrases = []struct {
	words []string
	off   int
}{
	{[]string{"the", "day", "before", "yesterday"}, -2},
	{[]string{"the", "day", "after", "tomorrow"}, 2},
	{[]string{"this", "morning"}, 0},
	{[]string{"this", "afternoon"}, 0},
	{[]string{"this", "evening"}, 0},
	{[]string{"last", "night"}, -1},
	{[]string{"avant", "-", "hier"}, -2},
	{[]string{"après", "-", "demain"}, 2},
	{[]string{"ce", "matin"}, 0},
	{[]string{"ce", "soir"}, 0},
	{[]string{"hier", "soir"}, -1},
	{[]string{"hier", "matin"}, -1},
	{[]string{"esta", "mañana"}, 0},
	{[]string{"esta", "tarde"}, 0},
	{[]string{"esta", "noche"}, 0},
	{[]string{"anteanoche"}, -2},
	{[]string{"letzte", "nacht"}, -1},
	{[]string{"прошлой", "ночью"}, -1},
}

// unit is a span of time that relative expressions count in.
type unit int

const (
	day unit = iota + 1
	week
	month
	year
	hour
	minute
	second
	decade
	century
	quarter
)

// units maps unit words (all languages, singular and plural, the case forms
// that follow numbers and modifiers) to units.
var units = map[string]unit{
	"day": day, "days": day, "week": week, "weeks": week, "month": month, "months": month, "year": year, "years": year,
	"tag": day, "tage": day, "tagen": day, "woche": week, "wochen": week, "monat": month, "monate": month,
	"monaten": month, "monats": month, "jahr": year, "jahre": year, "jahren": year, "jahres": year,
	"jour": day, "jours": day, "semaine": week, "semaines": week, "mois": month, "an": year, "ans": year,
	"année": year, "années": year, "annee": year, "annees": year,
	"día": day, "días": day, "dia": day, "dias": day, "semana": week, "semanas": week, "mes": month,
	"meses": month, "año": year, "años": year,
	"день": day, "дня": day, "дней": day, "сутки": day, "неделю": week, "недели": week, "неделе": week,
	"недель": week, "неделя": week, "месяц": month, "месяца": month, "месяцев": month, "месяце": month,
	"год": year, "года": year, "лет": year, "году": year,
	"hour": hour, "hours": hour, "minute": minute, "minutes": minute, "second": second, "seconds": second,
	"decade": decade, "decades": decade, "century": century, "centuries": century, "quarter": quarter, "quarters": quarter,
	"stunde": hour, "stunden": hour, "minuten": minute, "jahrzehnt": decade, "jahrzehnte": decade, "jahrzehnten": decade,
	"heure": hour, "heures": hour, "décennie": decade, "décennies": decade, "siècle": century,
	"hora": hour, "horas": hour, "minutos": minute, "década": decade, "décadas": decade, "siglo": century,
	"час": hour, "часа": hour, "часов": hour, "минут": minute,
}

// modBefore are modifiers written before the unit or weekday ("last week",
// "letzten Monat", "la próxima semana", "на прошлой неделе"), with the
// direction they point in: -1 past, 0 current, +1 future.
var modBefore = map[string]int{
	"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0,
	"letzte": -1, "letzten": -1, "letzter": -1, "letztes": -1, "vergangene": -1, "vergangenen": -1,
	"vergangener": -1, "vergangenes": -1, "vorige": -1, "vorigen": -1, "voriger": -1, "voriges": -1,
	"nächste": 1, "nächsten": 1, "nächster": 1, "nächstes": 1, "kommende": 1, "kommenden": 1,
	"kommender": 1, "kommendes": 1, "diese": 0, "diesen": 0, "dieser": 0, "dieses": 0, "diesem": 0,
	"ce": 0, "cet": 0, "cette": 0,
	"próximo": 1, "próxima": 1, "proximo": 1, "proxima": 1, "este": 0, "esta": 0,
	"прошлой": -1, "прошлом": -1, "прошлый": -1, "прошлая": -1, "прошлое": -1, "прошлую": -1,
	"минувшей": -1, "минувшем": -1, "минувший": -1, "минувшую": -1, "минувшее": -1,
	"следующей": 1, "следующем": 1, "следующий": 1, "следующую": 1, "следующее": 1,
	"будущей": 1, "будущем": 1, "этой": 0, "этом": 0, "этот": 0, "эту": 0, "это": 0,
	"текущем": 0, "текущей": 0,
}

// modAfter are modifiers written after the unit or weekday ("la semaine
// dernière", "dimanche prochain", "el mes pasado").
var modAfter = map[string]int{
	"dernier": -1, "dernière": -1, "derniere": -1, "passé": -1, "passée": -1, "passe": -1, "passee": -1,
	"prochain": 1, "prochaine": 1,
	"pasado": -1, "pasada": -1, "anterior": -1, "próximo": 1, "próxima": 1,
}

// numWords are the small cardinal numbers used in "two days ago".
var numWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"ein": 1, "eine": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
	"sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
	"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
	"neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
	"uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
	"ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20,
	"один": 1, "одну": 1, "одна": 1, "одни": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
	"шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}

// yearPreps introduce a bare year ("in 2023", "seit 2019", "в 2023 году").
var yearPreps = map[string]bool{
	"in": true, "early": true, "late": true, "since": true, "during": true, "until": true, "of": true, "year": true,
	"im": true, "seit": true, "bis": true, "jahr": true, "jahres": true,
	"en": true, "depuis": true, "année": true, "an": true,
	"desde": true, "año": true, "del": true,
	"в": true, "с": true, "до": true,
}

// monthPreps introduce a bare month name ("in March", "im März", "en
// marzo", "в марте"), read as that month in the year nearest the reference.
var monthPreps = map[string]bool{
	"in": true, "since": true, "during": true, "until": true, "early": true, "late": true, "mid": true,
	"im": true, "seit": true, "en": true, "depuis": true, "desde": true, "в": true, "с": true,
}

// weakPreps introduce a month or year too, but as often a count ("by
// 2000 votes", "from 1500 to 1800 metres"): a year after one is read
// only when no count reading follows it, and "May" after one is too
// often a name.
var weakPreps = map[string]bool{"for": true, "by": true, "from": true, "through": true, "before": true, "after": true, "till": true}

// yearSuffix are the words after a year in Russian ("2024 года", "в 2023
// году", "2024 г.").
var yearSuffix = map[string]bool{"года": true, "году": true, "г": true, "год": true}

// publishedLabels introduce the publication date of an article in its
// header lines. updatedLabels introduce a later revision date, used only
// when no publication label is found.
var publishedLabels = []string{
	"published", "first published", "originally published", "published on", "posted", "posted on", "date", "dated",
	"veröffentlicht", "veröffentlicht am", "erschienen", "erschienen am", "datum", "stand",
	"publié", "publié le", "publie le", "publicado", "publicado el", "fecha",
	"опубликовано", "дата публикации", "дата",
}

var updatedLabels = []string{
	"updated", "last updated", "updated on", "last modified", "modified",
	"aktualisiert", "aktualisiert am", "zuletzt aktualisiert", "mis à jour", "mis à jour le",
	"actualizado", "actualizado el", "обновлено", "изменено",
}
