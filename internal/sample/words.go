package sample

// Word lists for Generate. People, organisations and outlets are invented;
// cities and countries are real so that the gazetteer resolves them, as it
// would in real news.

var firstNames = []string{
	"Anna", "Lars", "Maria", "Tomas", "Elena", "Pieter", "Sofia", "Jonas", "Ingrid", "Marco",
	"Katarina", "Henrik", "Ayse", "Mehmet", "Dimitra", "Nikos", "Claire", "Julien", "Hanne", "Rui",
	"Liisa", "Mart", "Juhani", "Agnieszka", "Pawel", "Ewa", "Stefan", "Miriam", "David", "Sarah",
	"James", "Olivia", "Kwame", "Amara", "Ravi", "Priya", "Hiroshi", "Yuki", "Carlos", "Lucia",
	"Fatima", "Omar", "Leila", "Samuel", "Grace", "Daniel", "Nadia", "Viktor", "Irena", "Tobias",
	"Astrid", "Erik", "Greta", "Paolo", "Chiara", "Mateus", "Beatriz", "Kofi", "Zanele", "Thabo",
	"Arjun", "Meera", "Jae", "Min", "Chen", "Li", "Andrei", "Oksana", "Bogdan", "Ilse",
	"Ruth", "Noah", "Emma", "Felix", "Clara", "Hugo", "Alice", "Jan", "Eva", "Karim",
}

var lastNames = []string{
	"Vellander", "Kivisaar", "Lehtola", "Brekke", "Hovland", "Eikeland", "Sarikaya", "Ersoy", "Kalogeraki", "Papadakis",
	"Dumontel", "Kessler", "Imhof", "Frey", "De Clercq", "Vandamme", "Canelas", "Martins", "Tamm", "Aalto",
	"Nowicki", "Kowalczyk", "Brandt", "Hartmann", "Lindqvist", "Sandberg", "Okafor", "Mensah", "Achebe", "Banda",
	"Raman", "Iyer", "Tanaka", "Moriyama", "Park", "Zhou", "Wang", "Herrera", "Castillo", "Ortega",
	"Haddad", "Nasser", "Karimi", "Petrov", "Volkova", "Horvat", "Novak", "Rossi", "Ferrante", "Bianchi",
	"Dubois", "Lefevre", "Moreau", "Janssens", "Peeters", "Van Dijk", "Bakker", "Visser", "Murphy", "Kelly",
	"O'Neill", "Campbell", "Fraser", "Whitfield", "Ashworth", "Pemberton", "Holloway", "Carver", "Sutton", "Ngata",
	"Torres", "Silva", "Costa", "Alves", "Duarte", "Mwangi", "Kariuki", "Abebe", "Tesfaye", "Lund",
	"Strand", "Berg", "Dahl", "Voss", "Keller", "Wagner", "Schulz", "Richter", "Nagy", "Szabo",
}

// city is a real city with its country, used for the place of an event.
type city struct{ name, country string }

var cities = []city{
	{"Bergen", "Norway"}, {"Oslo", "Norway"}, {"Trondheim", "Norway"}, {"Stockholm", "Sweden"}, {"Gothenburg", "Sweden"},
	{"Malmö", "Sweden"}, {"Helsinki", "Finland"}, {"Tampere", "Finland"}, {"Turku", "Finland"}, {"Tallinn", "Estonia"},
	{"Tartu", "Estonia"}, {"Riga", "Latvia"}, {"Vilnius", "Lithuania"}, {"Kaunas", "Lithuania"}, {"Copenhagen", "Denmark"},
	{"Aarhus", "Denmark"}, {"Reykjavik", "Iceland"}, {"Dublin", "Ireland"}, {"Cork", "Ireland"}, {"London", "United Kingdom"},
	{"Manchester", "United Kingdom"}, {"Glasgow", "United Kingdom"}, {"Cardiff", "United Kingdom"}, {"Belfast", "United Kingdom"}, {"Leeds", "United Kingdom"},
	{"Paris", "France"}, {"Lyon", "France"}, {"Marseille", "France"}, {"Toulouse", "France"}, {"Strasbourg", "France"},
	{"Bordeaux", "France"}, {"Lille", "France"}, {"Brussels", "Belgium"}, {"Antwerp", "Belgium"}, {"Ghent", "Belgium"},
	{"Amsterdam", "Netherlands"}, {"Rotterdam", "Netherlands"}, {"Utrecht", "Netherlands"}, {"Luxembourg", "Luxembourg"}, {"Berlin", "Germany"},
	{"Hamburg", "Germany"}, {"Munich", "Germany"}, {"Cologne", "Germany"}, {"Frankfurt", "Germany"}, {"Dresden", "Germany"},
	{"Leipzig", "Germany"}, {"Vienna", "Austria"}, {"Graz", "Austria"}, {"Zurich", "Switzerland"}, {"Basel", "Switzerland"},
	{"Geneva", "Switzerland"}, {"Madrid", "Spain"}, {"Barcelona", "Spain"}, {"Valencia", "Spain"}, {"Seville", "Spain"},
	{"Bilbao", "Spain"}, {"Lisbon", "Portugal"}, {"Porto", "Portugal"}, {"Rome", "Italy"}, {"Milan", "Italy"},
	{"Naples", "Italy"}, {"Turin", "Italy"}, {"Palermo", "Italy"}, {"Bologna", "Italy"}, {"Florence", "Italy"},
	{"Athens", "Greece"}, {"Thessaloniki", "Greece"}, {"Heraklion", "Greece"}, {"Izmir", "Turkey"}, {"Istanbul", "Turkey"},
	{"Ankara", "Turkey"}, {"Antalya", "Turkey"}, {"Warsaw", "Poland"}, {"Krakow", "Poland"}, {"Gdansk", "Poland"},
	{"Wroclaw", "Poland"}, {"Prague", "Czech Republic"}, {"Brno", "Czech Republic"}, {"Bratislava", "Slovakia"}, {"Budapest", "Hungary"},
	{"Ljubljana", "Slovenia"}, {"Zagreb", "Croatia"}, {"Split", "Croatia"}, {"Belgrade", "Serbia"}, {"Sarajevo", "Bosnia and Herzegovina"},
	{"Sofia", "Bulgaria"}, {"Bucharest", "Romania"}, {"Cluj-Napoca", "Romania"}, {"Chisinau", "Moldova"}, {"Kyiv", "Ukraine"},
	{"Lviv", "Ukraine"}, {"Odesa", "Ukraine"}, {"Tbilisi", "Georgia"}, {"Yerevan", "Armenia"}, {"Cairo", "Egypt"},
	{"Alexandria", "Egypt"}, {"Casablanca", "Morocco"}, {"Tunis", "Tunisia"}, {"Lagos", "Nigeria"}, {"Abuja", "Nigeria"},
	{"Accra", "Ghana"}, {"Nairobi", "Kenya"}, {"Mombasa", "Kenya"}, {"Addis Ababa", "Ethiopia"}, {"Johannesburg", "South Africa"},
	{"Cape Town", "South Africa"}, {"Durban", "South Africa"}, {"Dakar", "Senegal"}, {"Kampala", "Uganda"}, {"Dar es Salaam", "Tanzania"},
	{"Beirut", "Lebanon"}, {"Amman", "Jordan"}, {"Dubai", "United Arab Emirates"}, {"Doha", "Qatar"}, {"Mumbai", "India"},
	{"Delhi", "India"}, {"Chennai", "India"}, {"Kolkata", "India"}, {"Bangalore", "India"}, {"Dhaka", "Bangladesh"},
	{"Karachi", "Pakistan"}, {"Lahore", "Pakistan"}, {"Colombo", "Sri Lanka"}, {"Kathmandu", "Nepal"}, {"Bangkok", "Thailand"},
	{"Hanoi", "Vietnam"}, {"Ho Chi Minh City", "Vietnam"}, {"Manila", "Philippines"}, {"Jakarta", "Indonesia"}, {"Surabaya", "Indonesia"},
	{"Kuala Lumpur", "Malaysia"}, {"Singapore", "Singapore"}, {"Tokyo", "Japan"}, {"Osaka", "Japan"}, {"Sapporo", "Japan"},
	{"Seoul", "South Korea"}, {"Busan", "South Korea"}, {"Taipei", "Taiwan"}, {"Sydney", "Australia"}, {"Melbourne", "Australia"},
	{"Brisbane", "Australia"}, {"Perth", "Australia"}, {"Auckland", "New Zealand"}, {"Wellington", "New Zealand"}, {"Toronto", "Canada"},
	{"Montreal", "Canada"}, {"Vancouver", "Canada"}, {"Calgary", "Canada"}, {"New York", "United States"}, {"Chicago", "United States"},
	{"Houston", "United States"}, {"Seattle", "United States"}, {"Denver", "United States"}, {"Atlanta", "United States"}, {"Miami", "United States"},
	{"Mexico City", "Mexico"}, {"Guadalajara", "Mexico"}, {"Bogotá", "Colombia"}, {"Medellín", "Colombia"}, {"Lima", "Peru"},
	{"Quito", "Ecuador"}, {"Santiago", "Chile"}, {"Valparaíso", "Chile"}, {"Buenos Aires", "Argentina"}, {"Córdoba", "Argentina"},
	{"Montevideo", "Uruguay"}, {"São Paulo", "Brazil"}, {"Rio de Janeiro", "Brazil"}, {"Recife", "Brazil"}, {"Porto Alegre", "Brazil"},
}

// Organisation names are a made-up stem and a kind of business.
var orgStems = []string{
	"Nordwell", "Castellan", "Brightwater", "Helvora", "Vestkyst", "Arcton", "Meridia", "Solvane", "Koravik", "Ostrava",
	"Bluefield", "Granmore", "Tessaly", "Quintara", "Redhaven", "Silverline", "Ambergate", "Coralis", "Duneford", "Everholm",
	"Falkner", "Glenmark", "Harwick", "Ironvale", "Juniper", "Kestrel", "Lindmoor", "Marlowe", "Northcape", "Oakridge",
	"Pallas", "Queensbury", "Rosendal", "Stonebridge", "Tidewell", "Ulvik", "Valemont", "Westerly", "Yarrow", "Zephyra",
}

var orgTrades = []string{
	"Energy", "Logistics", "Chemicals", "Holdings", "Bank", "Airways", "Rail", "Telecom", "Foods", "Motors",
	"Shipping", "Steel", "Pharma", "Insurance", "Construction", "Mining", "Water", "Grid", "Software", "Textiles",
}

var weekdays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Outlet host names are built from these two lists (10 × 10, of which
// outlets takes 50), so the set is fixed and does not depend on the seed.
var outletA = []string{"daily", "morning", "evening", "city", "national", "global", "coastal", "northern", "southern", "metro"}
var outletB = []string{"herald", "courier", "post", "tribune", "wire", "ledger", "observer", "chronicle", "gazette", "times"}

// outlets are the ~50 fictional outlets Generate draws from.
var outlets = func() []string {
	out := make([]string, 0, 50)
	for i := range 50 {
		out = append(out, outletA[i%10]+"-"+outletB[(i/10*3+i%10)%10]+".example")
	}
	return out
}()

// siteStems and siteForms make an event's own named place, such as
// "Linden Street" or "the Castle district". They are kept apart from the
// organisation stems so that a street does not share a name with a company
// of another event.
var siteStems = []string{
	"Linden", "Harbour", "Mill", "Church", "Station", "Market", "Castle", "River", "Bridge", "Park",
	"King's", "Queen's", "Victoria", "Elm", "Oak", "Chestnut", "Willow", "Garden", "Beacon", "Foundry",
	"Lantern", "Meadow", "Orchard", "Quarry", "Rope", "Salt", "Tannery", "Weaver", "Wharf", "Windmill",
}

var siteForms = []struct{ before, after string }{
	{"", " Street"}, {"", " Square"}, {"", " Road"}, {"", " Avenue"},
	{"the ", " district"}, {"the ", " quarter"}, {"the ", " estate"},
}

// witnessRoles describe {p4}, an ordinary person who speaks about an event.
var witnessRoles = []string{
	"a resident of {site}", "a shopkeeper near {site}", "a teacher who lives near {site}",
	"a taxi driver", "a student in {city}", "a retired engineer from {city2}", "a nurse who works near {site}",
}

// theCountries take "the" in running text ("the government of the
// Netherlands"), though not at the start of a headline.
var theCountries = map[string]bool{
	"United Kingdom": true, "United States": true, "Netherlands": true, "Czech Republic": true,
	"Philippines": true, "United Arab Emirates": true,
}

// inText returns a country name as running text writes it.
func inText(country string) string {
	if theCountries[country] {
		return "the " + country
	}
	return country
}

// Real news draws on a very large space of names; a few dozen surnames or
// company names would make unrelated events share names all the time. So
// besides the lists above, surnames and organisation stems are also built
// from two syllables (30 × 30 of each).
var (
	surnameHeads = []string{
		"Ber", "Lind", "Holm", "Ander", "Kov", "Mar", "Dur", "Fal", "Gren", "Hart",
		"Kes", "Mol", "Nor", "Ost", "Pel", "Ros", "Sal", "Tor", "Vin", "Bran",
		"Cal", "Dem", "Ek", "Gal", "Jan", "Kar", "Lom", "Mor", "Pet", "Sor",
	}
	surnameTails = []string{
		"son", "sen", "strom", "ov", "ek", "ini", "ez", "ard", "ley", "mann",
		"berg", "ford", "ton", "ic", "escu", "ides", "oglu", "ova", "ani", "ers",
		"elli", "aki", "enko", "ssen", "dahl", "ville", "wick", "ovic", "uzzi", "ado",
	}
	stemHeads = []string{
		"Nord", "Cas", "Bright", "Hel", "Ark", "Mer", "Sol", "Kor", "Ost", "Blue",
		"Gran", "Tess", "Quin", "Red", "Sil", "Amb", "Cor", "Dun", "Ever", "Falk",
		"Glen", "Har", "Iron", "Jun", "Kes", "Lin", "Mar", "North", "Oak", "Pal",
	}
	stemTails = []string{
		"well", "tellan", "water", "vora", "ton", "idia", "vane", "avik", "rava", "field",
		"more", "aly", "tara", "haven", "line", "gate", "alis", "ford", "holm", "ner",
		"wick", "mark", "vale", "iper", "trel", "moor", "lowe", "cape", "ridge", "las",
	}
)
