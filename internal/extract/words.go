package extract

import "github.com/dossier-news/dossier/internal/lex"

// Word lists. Keys are folded (lex.FoldName) forms. They are closed-class words
// and patterns of news prose, not article content: function words, titles,
// calendar names, organisation head nouns, speech verbs, number words.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isAbbrev lists words written with a final dot that does not end a sentence.
func isAbbrev(w string) bool {
	if len(w) == 1 {
		return w[0] >= 'A' && w[0] <= 'Z'
	}
	return abbrevs[w]
}

var abbrevs = set("Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "St", "No", "Jr", "Sr",
	"Prof", "Capt", "Maj", "Sgt", "Adm", "Mt", "vs", "Mme", "Mlle", "Hr", "Fr", "Sra", "Sr", "Dres", "approx", "Nr", "Pres")

// stop holds the function words of every language (lex.StopWords) and
// other words that are capitalised only because they start a sentence
// (or, in German, because they are nouns that often start one); a
// candidate name never starts or ends with one.
var stop = func() map[string]bool {
	m := set(lex.StopWords()...)
	for w := range set(
		// English
		"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "meanwhile", "earlier", "later",
		"last", "next", "new", "first", "speaking", "asked", "officials", "police", "security", "government",
		"minister", "president", "thursday", "today", "yesterday", "tomorrow", "mr", "mrs", "ms", "dr", "sir",
		"madam", "monsieur", "madame", "herr", "frau", "senor", "senora", "despite", "pm", "gmt", "utc", "edt",
		"pst", "cet", "reporters", "nearly", "several",
		// German
		"man", "bereits", "zudem", "danach", "dabei", "dort", "heute", "gestern", "morgen", "inzwischen", "zuvor",
		"sprecher", "regierung", "polizei", "angaben", "insgesamt", "rund", "etwa", "mehr",
	) {
		m[w] = true
	}
	return m
}()

// calendar words: never entities themselves (dates are timex's job).
var calendar = set(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
	"januar", "februar", "marz", "mai", "juni", "juli", "oktober", "dezember",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
	"janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
	"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
	"christmas", "easter", "ramadan", "weihnachten", "noel",
)

// titles precede a person's name. Multi-word titles are matched token by
// token, so "secretary of state" is listed as a whole. German compounds are
// matched by suffix (see isTitleWord).
var titles = set(
	"president", "secretary", "secretary of state", "secretary general", "secretary-general", "prime minister",
	"minister", "foreign minister", "defence minister", "defense minister", "chancellor", "king", "queen", "prince",
	"princess", "pope", "sheikh", "emir", "general", "gen", "lt", "col", "colonel", "major", "captain", "capt",
	"admiral", "adm", "sgt", "sergeant", "senator", "sen", "rep", "representative", "congressman", "congresswoman",
	"governor", "gov", "mayor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "judge", "justice",
	"mr", "mrs", "ms", "dr", "prof", "professor", "sir", "lord", "lady", "commander", "chief", "director", "premier",
	"vice president", "deputy", "envoy", "leader", "chairman", "chairwoman", "ceo", "bishop", "cardinal", "rabbi",
	"imam", "ayatollah", "archbishop", "dame", "chair", "chairperson", "head", "officer", "detective", "sheriff", "coach", "actress", "actor", "singer",
	// German
	"prasident", "prasidentin", "bundeskanzler", "bundeskanzlerin", "kanzler", "kanzlerin", "minister", "ministerin",
	"aussenminister", "aussenministerin", "ministerprasident", "ministerprasidentin", "konig", "konigin", "sprecher",
	"sprecherin", "burgermeister", "burgermeisterin", "herr", "frau", "regierungschef", "regierungschefin", "generalsekretar",
	// French
	"president", "presidente", "ministre", "premier ministre", "secretaire", "secretaire d etat", "roi", "reine",
	"chef", "porte parole", "general", "monsieur", "madame", "m", "mme", "maire", "ambassadeur", "chancelier", "chanceliere",
	// Spanish
	"presidenta", "ministro", "ministra", "secretario", "secretaria", "secretario de estado", "rey", "reina",
	"canciller", "alcalde", "alcaldesa", "portavoz", "senor", "senora", "embajador", "primer ministro",
)

// titleSuffix catches German compounds: "US-Außenminister",
// "Ministerpräsident", "Bundespräsidentin".
var titleSuffix = []string{"minister", "ministerin", "prasident", "prasidentin", "kanzler", "kanzlerin", "sprecher", "sprecherin", "sekretar", "sekretarin", "chef", "chefin",
	// Heads of offices and other German role nouns: "Amtsleiterin", "Oberbürgermeister",
	// "Landesdirektor", "Parteivorsitzende", "Datenschutzbeauftragter".
	"leiter", "leiterin", "direktor", "direktorin", "burgermeister", "burgermeisterin", "vorsitzende", "vorsitzender",
	"beauftragte", "beauftragter", "kommissar", "kommissarin", "vorsteher", "vorsteherin"}

// orgCues are common nouns for a kind of organisation: standing just before a name ("the
// group Rhin Vivant", "l'association Rhin Vivant", "die Organisation Rhin Vivant", "la
// empresa Helvora") they make it an organisation's name.
var orgCues = set(
	"group", "company", "firm", "organisation", "organization", "association", "party", "union", "agency",
	"movement", "charity", "foundation", "coalition", "alliance", "militia", "network", "ngo", "broadcaster",
	"newspaper", "startup", "carrier", "airline", "insurer", "lender", "bank", "manufacturer", "maker", "retailer",
	"groupe", "societe", "entreprise", "parti", "syndicat", "mouvement", "collectif", "ong",
	"gruppe", "firma", "unternehmen", "partei", "verband", "gewerkschaft", "konzern", "bewegung", "initiative",
	"grupo", "empresa", "asociacion", "partido", "sindicato", "movimiento", "organizacion",
)

// orgHeads mark a name as an organisation.
var orgHeads = set(
	"ministry", "department", "party", "council", "army", "forces", "force", "bank", "union", "agency", "organisation",
	"organization", "committee", "university", "institute", "corporation", "corp", "inc", "ltd", "llc", "plc", "group",
	"company", "news", "press", "times", "post", "court", "parliament", "congress", "senate", "assembly", "commission",
	"office", "service", "services", "association", "federation", "league", "front", "movement", "brigade", "brigades",
	"militia", "guard", "guards", "navy", "airlines", "airways", "foundation", "fund", "coalition", "alliance", "network",
	"state department", "pentagon", "house", "administration", "authority", "authorities", "government", "cabinet",
	"reserve", "treasury", "bureau", "board", "center", "centre", "chamber", "clinic", "institution", "council",
	"systems", "technologies", "industries", "holdings", "partners", "cooperative", "laboratories", "labs",
	"reuters", "agence", "club", "fc", "international", "nations", "command", "police", "hospital", "school", "church",
	"ministerium", "partei", "regierung", "bundestag", "bundeswehr", "gericht", "verband", "stiftung", "konzern", "ag", "gmbh",
	"ministere", "parti", "conseil", "gouvernement", "assemblee", "armee", "organisation", "tribunal", "banque", "societe",
	"ministerio", "partido", "consejo", "gobierno", "ejercito", "congreso", "tribunal", "banco", "sa",
)

// placeHeads mark a name as a place (a building, a street, a region) that
// the gazetteer, which holds only cities and countries, does not know.
var placeHeads = set("mosque", "church", "cathedral", "square", "palace", "street", "avenue", "bridge", "airport",
	"county", "province", "region", "district", "river", "mountains", "mountain", "island", "islands", "strip",
	"valley", "desert", "sea", "gulf", "lake", "ocean", "peninsula", "heights", "camp", "port", "harbour", "harbor",
	"platz", "strasse", "flughafen", "provinz", "palast", "rue", "place", "palais", "aeroport", "plaza", "palacio",
	"calle", "aeropuerto", "provincia", "mezquita", "iglesia")

// genericHeads alone ("the Union", "die Regierung", "el Gobierno") name an
// institution only through context: on their own they are not entities.
var genericHeads = set("union", "government", "regierung", "gobierno", "gouvernement", "parliament", "parlament",
	"army", "police", "polizei", "policia", "ministry", "council", "court", "party", "partei", "parti", "partido",
	"agency", "armee", "ejercito", "senate", "congress", "cabinet", "administration", "authority", "authorities",
	"office", "commission", "house", "group", "company", "bank", "service", "forces", "force", "guard", "navy",
	"department", "committee", "league", "movement", "front", "coalition", "alliance", "network", "fund", "board",
	"bureau", "press", "news", "times", "post", "school", "church", "hospital", "club", "international", "nations",
	"command", "assembly", "federation", "association", "institute", "university", "foundation", "ministere",
	"ministerio", "ministerium", "conseil", "consejo", "gericht", "tribunal", "banque", "banco", "societe", "konzern",
	"verband", "stiftung", "assemblee", "congreso", "sa", "ag", "gmbh", "inc", "ltd", "llc", "plc", "corp",
	"corporation", "fc")

// germanNounSuffixes mark German common nouns, which are capitalised like
// names: "Stabilität", "Hauptstadt", "Terrormiliz".
var germanNounSuffixes = []string{"ung", "heit", "keit", "schaft", "tat", "ion", "ismus", "stadt", "miliz", "ium", "nis", "tum", "ik", "ei", "chen", "lein", "ment", "ur", "anz", "enz", "ling", "gesprach", "konflikt", "krieg", "partner", "region", "land", "zeit", "frage"}

// vesselPrefixes start names of ships: "MV Faina", "USS Cole".
var vesselPrefixes = set("mv", "ms", "ss", "uss", "hms", "ins", "hmcs", "hmas", "rv", "mt")

// miscHeads end names of laws, events and works: "Endangered Species Act",
// "NCAA Tournament".
var miscHeads = set("act", "law", "treaty", "agreement", "accord", "accords", "convention", "tournament", "cup",
	"championship", "championships", "olympics", "games", "award", "awards", "prize", "festival", "war", "operation",
	"summit", "conference", "bill", "program", "programme", "project", "initiative", "plan", "day", "week", "series",
	"league", "open", "show", "gesetz", "abkommen", "vertrag", "gipfel", "loi", "traite", "accord", "sommet", "ley",
	"tratado", "acuerdo", "cumbre")

// speechVerbs introduce or close a quotation or reported speech.
var speechVerbs = set(
	"said", "says", "say", "told", "added", "declared", "stated", "noted", "warned", "insisted", "explained", "asked",
	"announced", "wrote", "tweeted", "stressed", "argued", "claimed", "confirmed", "denied", "replied", "responded",
	"continued", "acknowledged", "urged", "recalled", "remarked", "emphasised", "emphasized", "posted",
	"sagte", "sagt", "erklarte", "erklart", "betonte", "betont", "fugte", "meinte", "teilte", "warnte", "schrieb",
	"sagten", "versicherte", "kundigte", "bekraftigte", "confirmed", "reported", "estimated",
	"declare", "dit", "affirme", "ajoute", "souligne", "indique", "explique", "estime", "precise", "assure", "lance",
	"annonce", "confirme", "reconnait", "rappele", "repondu", "promis", "ecrit", "martele", "insiste",
	"dijo", "afirmo", "anuncio", "confirmo", "explica", "dijeron", "declaro", "senalo", "anadio", "aseguro", "explico", "indico", "subrayo", "advirtio", "dice",
)

// pronouns that may stand for the last named person.
var pronouns = set("he", "she", "er", "sie", "il", "elle", "ella", "él", "el")

// partyMembers are the nouns for a member of a party that follow the
// member's state ("a New York Democrat"). The plurals are left out:
// "Texas Democrats" may be the state party.
var partyMembers = map[string]bool{"democrat": true, "republican": true}

// demonyms name a country by its adjective; they count as country mentions
// for place disambiguation but are not entities.
var demonyms = map[string]string{
	"american": "US", "americans": "US", "us": "US", "u s": "US", "iraqi": "IQ", "iraqis": "IQ", "jordanian": "JO",
	"syrian": "SY", "iranian": "IR", "israeli": "IL", "palestinian": "PS", "lebanese": "LB", "turkish": "TR",
	"russian": "RU", "ukrainian": "UA", "chinese": "CN", "french": "FR", "german": "DE", "british": "GB",
	"italian": "IT", "spanish": "ES", "egyptian": "EG", "saudi": "SA", "qatari": "QA", "kurdish": "IQ", "afghan": "AF",
	"pakistani": "PK", "indian": "IN", "japanese": "JP", "korean": "KR", "canadian": "CA", "mexican": "MX",
	"amerikanische": "US", "amerikanischen": "US", "irakische": "IQ", "irakischen": "IQ", "jordanische": "JO",
	"americain": "US", "americaine": "US", "irakien": "IQ", "irakienne": "IQ", "jordanien": "JO",
	"estadounidense": "US", "iraqui": "IQ", "jordano": "JO", "europe": "", "european": "", "western": "", "arab": "",
	"muslim": "", "christian": "", "jewish": "", "sunni": "", "shia": "", "shiite": "", "islamic": "", "democrat": "",
	"republican": "", "democrats": "", "republicans": "", "english": "GB", "arabic": "",
	"yemeni": "YE", "thai": "TH", "somali": "SO", "ethiopian": "ET", "sudanese": "SD", "libyan": "LY", "nigerian": "NG",
	"kenyan": "KE", "brazilian": "BR", "argentine": "AR", "australian": "AU", "dutch": "NL", "belgian": "BE",
	"swiss": "CH", "swedish": "SE", "polish": "PL", "greek": "GR", "irish": "IE", "scottish": "GB", "welsh": "GB",
	"indonesian": "ID", "filipino": "PH", "vietnamese": "VN", "emirati": "AE", "kuwaiti": "KW", "bahraini": "BH",
	"omani": "OM", "tunisian": "TN", "algerian": "DZ", "moroccan": "MA", "venezuelan": "VE", "colombian": "CO",
	"cuban": "CU", "haitian": "HT", "israelis": "IL", "palestinians": "PS", "ukrainians": "UA", "russians": "RU",
}
