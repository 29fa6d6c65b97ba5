package extract

// Cue words for quotations, beyond the speech verbs of words.go. Keys
// are folded forms. They are closed-class patterns of news prose, not
// names.

// moreSpeechVerbs report speech as "said" does: `X observed: "..."`,
// `"...," X quipped`.
var moreSpeechVerbs = []string{
	"observed", "quipped", "joked", "vowed", "promised", "pledged", "predicted", "suggested", "boasted", "complained",
	"conceded", "admitted", "countered", "retorted", "shot", "fired", "mused", "pondered", "cautioned", "lamented",
	"asserted", "contended", "maintained", "charged", "alleged", "proclaimed", "exclaimed", "shouted", "yelled",
	"whispered", "agreed", "conceded", "concluded", "wondered", "testified", "recounted", "reiterated", "elaborated",
	"tells", "adds", "notes", "warns", "argues", "claims", "writes", "tweets", "explains", "insists", "asks", "recalls",
	"acknowledges", "admits", "observes", "predicts", "suggests", "contends", "maintains", "declares", "continues",
	"saying", "telling", "adding", "noting", "warning", "arguing", "writing", "declaring", "insisting", "explaining",
	"meinte", "fragte", "erganzte", "kritisierte", "forderte", "demande", "reconnu", "ajoute", "estimait", "affirmait",
}

// callingVerbs introduce a short quotation naming or describing
// something inside reported speech: `called the plan "reckless"`,
// `described him as "a friend"`, `accused them of "lying"`.
var callingVerbs = set("called", "calls", "calling", "described", "describes", "describing", "dubbed", "dubs", "labeled",
	"labelled", "labels", "branded", "brands", "termed", "terms", "accused", "accuses", "accusing", "praised", "praises",
	"blasted", "slammed", "criticized", "criticised", "mocked", "referred", "hailed", "characterized", "characterised",
	"nannte", "bezeichnete", "qualifie", "qualifiait", "traite", "califico", "llamo")

// complementizers open the reported clause after a speech verb: a name
// after one is what was said about, not who said it.
var complementizers = set("that", "dass", "que", "qu", "whether", "if", "ob", "si")

func init() {
	for _, v := range moreSpeechVerbs {
		speechVerbs[v] = true
	}
}
