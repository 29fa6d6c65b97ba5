package sample

// kind is one type of happening with its templates. Slots in braces are
// filled per event ({city}, {p1}, {org}, {n1}, ...) or per article
// ({date}); see fill in generate.go for the list.
type kind struct {
	name    string
	section string
	org     orgStyle // style of {org}; {org2} is always a company
	trades  []string // trades of a company {org}; all of orgTrades if nil
	agency  string   // {agency}, may use {city} and {country}
	roles   [3]string
	// n are the ranges of {n1}..{n4}; pct of {pct1}, {pct2}; money of
	// {money} in millions.
	n            [4][2]int
	pct          [2][2]int
	money        [2]int
	mag          bool // has a {mag} (earthquake magnitude)
	otherCountry bool // {city2} lies in another country ({country2})
	titles       []string
	leads        []string
	details      []string
	quotes       []string
}

type orgStyle int

const (
	company orgStyle = iota
	party
	union
)

var partyA = []string{"Civic", "Liberal", "Green", "Social", "United", "Progressive", "Democratic", "Citizens'", "Free", "New"}
var partyB = []string{"Alliance", "Party", "Movement", "Union", "Forum", "List"}
var unionA = []string{"Transport", "Rail", "Teachers'", "Dockers'", "Postal", "Health", "Metal", "Public Service", "Retail", "Airport"}
var unionB = []string{"Workers' Union", "Federation", "Workers' Association", "Union"}

// generic sentences fit any kind of happening.
var generic = []string{
	"Officials said more information would be released later in the day.",
	"{p3}, {r3}, said the situation was being monitored closely.",
	"Reporters at the scene described a large police presence and crowds of onlookers.",
	"The government of {country} said it was following events closely and was ready to help.",
	"A spokesperson for {org2} declined to comment when contacted by telephone.",
	"Residents gathered in the evening to talk about what had happened.",
	"It was not immediately clear how long the disruption would last.",
	"Television pictures showed people gathering in the city centre.",
	"{p2} is expected to give a further statement later this week.",
	"Many people said they had first heard the news on social media.",
	"Messages of support arrived from {city2} and from other cities in the region.",
	"The news dominated the front pages of newspapers in {country} the next morning.",
	"Opposition politicians demanded a full explanation and called for a debate in parliament.",
	"Residents said nothing comparable had happened in the area for more than a decade.",
	"Authorities set up a telephone hotline for people seeking information.",
	"Experts cautioned that it was too early to draw firm conclusions.",
	"Local businesses said they were counting the cost.",
	"The regional authorities said they would publish a full report within a month.",
	"Local radio stations interrupted their programmes to report the news.",
	"Several international news agencies sent reporters to {city}.",
	"Police asked people not to spread unverified information online.",
	"The mayor of {city2} offered help to the authorities in {city}.",
	"Trade unions and business groups in {country} issued statements within hours.",
	"Officials promised to keep the public informed as the situation developed.",
	"The national broadcaster of {country} devoted a special programme to the events.",
	"It is the latest in a series of difficult weeks for the region.",
	"Police closed off {site} for several hours.",
	"Much of the attention focused on {site}, where crowds gathered during the day.",
	"{p4}, {r4}, said the mood in the neighbourhood was tense.",
}

var genericQuotes = []string{
	"It is too early to say what this will mean for the city",
	"We are following the situation very closely",
	"People want answers, and they deserve them",
}

var kinds = []kind{
	{
		name: "earthquake", section: "world", org: company,
		agency: "national seismological institute of {country}",
		roles:  [3]string{"governor of the {city} region", "a seismologist at the {agency}", "mayor of {city2}"},
		n:      [4][2]int{{0, 40}, {10, 400}, {3, 120}, {10, 80}},
		mag:    true,
		titles: []string{
			"Magnitude {mag} earthquake strikes near {city}, {n1} dead",
			"Earthquake shakes {city}: {n1} killed, {n2} injured",
			"{country} quake: rescuers search rubble in {city}",
		},
		leads: []string{
			"A magnitude {mag} earthquake struck near {city} in {country} {date}, killing {n1} people and injuring {n2}, officials said.",
			"At least {n1} people were killed when a strong earthquake of magnitude {mag} hit the {city} region {date}, according to the {agency}.",
		},
		details: []string{
			"The quake struck at {time} local time at a shallow depth, the {agency} said.",
			"{n3} buildings collapsed in {city} and the surrounding villages, and hundreds of people spent the night outdoors.",
			"Rescue teams from {city2} and other parts of {country} were sent to the area.",
			"Schools in {city} will remain closed while engineers inspect their buildings.",
			"More than {n4} aftershocks were recorded in the first hours after the main shock.",
			"Hospitals in {city} said they had treated {n2} people, most of them for light injuries.",
			"The region lies on an active fault and has been hit by damaging earthquakes before.",
			"Power and water supplies were cut in several districts of {city} for most of the day.",
		},
		quotes: []string{
			"The ground shook for almost twenty seconds and we ran outside with the children",
			"Our teams reached every collapsed building within an hour",
			"Aftershocks are possible in the coming days, so people should not return to damaged buildings",
			"We will rebuild, but first we must look after the families who lost everything",
		},
	},
	{
		name: "flood", section: "world", org: company,
		trades: []string{"Water", "Insurance"},
		agency: "national weather service",
		roles:  [3]string{"mayor of {city}", "head of the {agency}", "a farmer from near {city2}"},
		n:      [4][2]int{{0, 30}, {200, 20000}, {80, 400}, {100, 5000}},
		money:  [2]int{20, 900},
		titles: []string{
			"Floods in {city} force {n2} people from their homes",
			"{n1} dead as heavy rain floods {city}",
			"River bursts its banks in {city} after record rain",
		},
		leads: []string{
			"Heavy rain caused severe flooding in {city}, {country}, {date}, killing {n1} people and forcing {n2} to leave their homes, the authorities said.",
			"Floodwaters swept through parts of {city} {date} after {n3} millimetres of rain fell in 24 hours, the {agency} said.",
		},
		details: []string{
			"About {n4} homes were flooded, some of them up to the first floor.",
			"The army was deployed to help evacuate residents of low-lying districts near {city2}.",
			"Several roads and the railway line between {city} and {city2} were closed.",
			"The {agency} said {n3} millimetres of rain had fallen in a single day, more than the usual monthly total.",
			"Emergency shelters were opened in schools and sports halls across the region.",
			"Insurers estimated the damage at {money}.",
			"Water levels were expected to peak overnight before slowly falling.",
			"Farmers in the region reported heavy losses of crops and livestock.",
		},
		quotes: []string{
			"The water came up so fast that we had no time to save anything",
			"We are doing everything we can to reach people who are still cut off",
			"This is the worst flooding this city has seen in fifty years",
			"Everyone who needs shelter tonight will have a roof over their head",
		},
	},
	{
		name: "fire", section: "news", org: company,
		trades: []string{"Chemicals", "Steel", "Foods", "Pharma", "Textiles", "Plastics"},
		agency: "{city} fire service",
		roles:  [3]string{"a spokesperson for the {agency}", "plant manager at {org}", "environment councillor in {city}"},
		n:      [4][2]int{{0, 25}, {40, 300}, {50, 1500}, {2, 20}},
		titles: []string{
			"Fire at {org} plant in {city} injures {n1}",
			"Huge blaze at {city} factory sends smoke over the city",
			"{org} warehouse fire: {city} residents told to keep windows shut",
		},
		leads: []string{
			"A large fire broke out at a plant of {org} in {city} {date}, injuring {n1} people and sending a thick cloud of smoke over the city, the {agency} said.",
			"About {n2} firefighters battled a blaze at the {org} site in {city}, {country}, {date}.",
		},
		details: []string{
			"{n3} workers were evacuated from the site and nearby buildings.",
			"The fire was brought under control after {n4} hours.",
			"Residents of nearby districts were told to keep windows and doors closed.",
			"The cause of the fire was not yet known, and prosecutors have opened an investigation.",
			"Air quality measurements showed no danger to public health, officials said.",
			"{org} said production at the site would be suspended until further notice.",
			"It was the second fire at the site in three years.",
			"Traffic on the main road into {city} was diverted for most of the day.",
		},
		quotes: []string{
			"We saw flames higher than the building and then a loud bang",
			"Our priority is the safety of our employees and our neighbours",
			"The smoke is unpleasant, but our measurements show no danger to health",
			"We will find out exactly what happened and why",
		},
	},
	{
		name: "election", section: "politics", org: party,
		agency: "electoral commission of {city}",
		roles:  [3]string{"candidate of the {org}", "candidate of the {org3}", "head of the {agency}"},
		n:      [4][2]int{{45, 78}, {20, 60}, {1000, 20000}, {3, 12}},
		pct:    [2][2]int{{40, 65}, {20, 39}},
		titles: []string{
			"{p1} wins mayoral election in {city}",
			"{city} votes: {p1} beats {p2} with {pct1} percent",
			"Upset in {city} as the {org} takes city hall",
		},
		leads: []string{
			"{p1} of the {org} won the mayoral election in {city} {date} with {pct1} percent of the vote, according to official results.",
			"Voters in {city}, {country}, elected {p1} as their new mayor {date}, ending years of rule by the {org3}.",
		},
		details: []string{
			"Turnout was {n1} percent, the {agency} said.",
			"{p2}, the candidate of the {org3}, received {pct2} percent and conceded defeat late in the evening.",
			"The new mayor has promised to build {n3} affordable homes within four years.",
			"Observers said the vote was calm and well organised.",
			"The new city council will hold its first session next month.",
			"Housing and public transport dominated the campaign.",
			"Counting was delayed in some districts of {city} because of a software fault.",
			"The {org} now holds {n2} of the council's seats.",
		},
		quotes: []string{
			"This is a victory for every neighbourhood of this city",
			"The voters have spoken and I respect their decision",
			"Tomorrow we start working on the housing crisis",
			"We will be a strong and constructive opposition",
		},
	},
	{
		name: "summit", section: "politics", org: company, otherCountry: true,
		agency: "foreign ministry of {country}",
		roles:  [3]string{"foreign minister of {country}", "foreign minister of {country2}", "a spokesperson for the {agency}"},
		n:      [4][2]int{{5, 60}, {5, 40}, {2, 30}, {3, 9}},
		money:  [2]int{50, 3000},
		titles: []string{
			"{p1} and {p2} agree on closer cooperation at talks in {city}",
			"Foreign ministers of {country} and {country2} meet in {city}",
			"{country} and {country2} sign energy and security pact in {city}",
		},
		leads: []string{
			"The foreign ministers of {country} and {country2}, {p1} and {p2}, agreed in {city} {date} to step up cooperation on energy and security, officials said.",
			"{p2}, the foreign minister of {country2}, held talks in {city} {date} with {p1}, the foreign minister of {country}.",
		},
		details: []string{
			"The two governments pledged {money} for joint projects over the next five years.",
			"The talks in {city} lasted more than {n4} hours.",
			"{p2} later met business leaders and visited the harbour.",
			"A formal agreement is expected to be signed next month in {city2}.",
			"Trade between the two countries has grown by {n1} percent in five years.",
			"The ministers also discussed migration and the protection of critical infrastructure.",
			"Opposition politicians criticised the agreement as vague.",
			"It was the first visit by a foreign minister of {country2} to {city} in {n2} years.",
		},
		quotes: []string{
			"Our countries face the same challenges, so we should answer them together",
			"This agreement is not a piece of paper; it comes with money and deadlines",
			"We do not agree on everything, but we agree on what matters",
			"Today we took a concrete step, and there will be more",
		},
	},
	{
		name: "strike", section: "business", org: union,
		agency: "ministry of labour of {country}",
		roles:  [3]string{"leader of the {org}", "chief executive of {org2}", "labour minister of {country}"},
		n:      [4][2]int{{500, 60000}, {40, 98}, {1, 5}, {2, 14}},
		pct:    [2][2]int{{6, 15}, {2, 5}},
		money:  [2]int{5, 120},
		titles: []string{
			"Strike halts {org2} services in {city}",
			"{n1} workers walk out in {city} pay dispute",
			"{city} strike: talks fail as union demands {pct1} percent",
		},
		leads: []string{
			"About {n1} workers of {org2} in {city} went on strike {date} demanding a pay rise of {pct1} percent, the {org} said.",
			"Services in {city}, {country}, were severely disrupted {date} as members of the {org} walked out in a dispute over pay.",
		},
		details: []string{
			"The company has offered {pct2} percent.",
			"{n2} percent of services were cancelled, according to the company.",
			"The strike is due to last {n3} days.",
			"Talks are scheduled to resume next week.",
			"Commuters crowded onto buses and the few trains still running.",
			"The union said further strikes would follow if no agreement was reached.",
			"Business groups in {city} estimated the cost of the strike at {money} a day.",
			"The government urged both sides to return to the negotiating table.",
		},
		quotes: []string{
			"We are not against the public, we are against salaries that do not pay the rent",
			"The offer on the table is fair and affordable",
			"Nobody wants a strike, but we have been left with no choice",
			"I ask both sides to sit down again and find a solution",
		},
	},
	{
		name: "acquisition", section: "business", org: company,
		agency: "competition authority of {country}",
		roles:  [3]string{"chief executive of {org}", "chairman of {org2}", "a union representative at {org2}"},
		n:      [4][2]int{{100, 5000}, {1000, 60000}, {2, 9}, {3, 12}},
		pct:    [2][2]int{{8, 45}, {1, 6}},
		money:  [2]int{200, 25000},
		titles: []string{
			"{org} to buy {org2} for {money}",
			"{org} agrees takeover of rival {org2}",
			"{org2} shares jump {pct1} percent on {org} bid",
		},
		leads: []string{
			"{org} has agreed to buy its rival {org2} for {money}, the companies said {date}, creating one of the largest groups of its kind in {country}.",
			"Shares in {org2} rose {pct1} percent {date} after {org} announced a takeover offer worth {money}.",
		},
		details: []string{
			"The combined company will employ about {n2} people.",
			"{org} said it expected to cut {n1} jobs over three years.",
			"The deal must be approved by the {agency}.",
			"{org} will keep its headquarters in {city}.",
			"Analysts said the price was high but the deal made strategic sense.",
			"Unions said they would fight any job cuts at the sites in {city2}.",
			"The deal is expected to close within {n4} months.",
			"Both boards have approved the transaction.",
		},
		quotes: []string{
			"Together we will be stronger and better able to compete",
			"The price reflects the quality of the business",
			"Our members will not pay for this deal with their jobs",
			"This is a good day for our shareholders and our customers",
		},
	},
	{
		name: "protest", section: "national", org: union,
		agency: "police of {city}",
		roles:  [3]string{"leader of the {org}", "interior minister of {country}", "a spokesperson for the {agency}"},
		n:      [4][2]int{{2000, 200000}, {5000, 400000}, {0, 120}, {0, 30}},
		titles: []string{
			"Tens of thousands march in {city} against pension reform",
			"{city} protest: {n3} arrested as march turns tense",
			"Protesters fill the streets of {city}",
		},
		leads: []string{
			"About {n1} people marched through {city} {date} to protest against the government's plans to raise the retirement age, the police said.",
			"Demonstrators filled the centre of {city}, {country}, {date} in one of the largest protests in years, called by the {org}.",
		},
		details: []string{
			"The organisers put the number of marchers at {n2}.",
			"Police arrested {n3} people after scuffles near the parliament building.",
			"{n4} officers were slightly injured, the {agency} said.",
			"The march was organised by the {org} and several other unions.",
			"Shops along the route closed early.",
			"The government says the reform is needed to keep the pension system affordable.",
			"Similar protests took place in {city2}.",
			"Another day of protest is planned for next week.",
		},
		quotes: []string{
			"We have worked all our lives and now they want us to work even longer",
			"The right to protest is sacred, but violence is not acceptable",
			"The reform is necessary and we will not withdraw it",
			"This is only the beginning",
		},
	},
	{
		name: "court", section: "national", org: company,
		trades: []string{"Construction", "Holdings", "Logistics", "Developments"},
		agency: "regional court of {city}",
		roles:  [3]string{"former deputy mayor of {city}", "presiding judge at the {agency}", "defence lawyer"},
		n:      [4][2]int{{2, 15}, {10, 120}, {2, 6}, {8, 60}},
		money:  [2]int{1, 40},
		titles: []string{
			"Former {city} official {p1} sentenced to {n1} years",
			"Court convicts {p1} in {org} bribery case",
			"{p1} found guilty of corruption in {city}",
		},
		leads: []string{
			"A court in {city} {date} sentenced {p1}, a former deputy mayor, to {n1} years in prison for taking bribes from {org}.",
			"{p1} was found guilty of corruption by the {agency}, {country}, {date} after a trial that lasted {n2} days.",
		},
		details: []string{
			"The court also ordered {p1s} to repay {money}.",
			"Prosecutors had asked for a longer sentence.",
			"{org} was fined {money} in a separate ruling.",
			"The defence said it would appeal.",
			"The case came to light after an investigation by a local newspaper.",
			"{n3} other defendants were acquitted.",
			"The trial heard evidence from {n4} witnesses.",
			"{p1s} has denied all wrongdoing throughout the trial.",
		},
		quotes: []string{
			"The defendant abused the trust placed in him by the citizens",
			"We will appeal this verdict",
			"Justice has been done, even if it took a long time",
			"This case shows that nobody is above the law",
		},
	},
	{
		name: "storm", section: "world", org: company,
		trades: []string{"Grid", "Energy", "Power"},
		agency: "national weather service",
		roles:  [3]string{"mayor of {city}", "head of the {agency}", "a spokesperson for {org}"},
		n:      [4][2]int{{0, 20}, {5000, 400000}, {100, 220}, {20, 600}},
		money:  [2]int{10, 2000},
		titles: []string{
			"Storm batters {city}, {n1} dead",
			"{n2} homes without power as storm hits {country}",
			"Storm brings {city} to a standstill",
		},
		leads: []string{
			"A powerful storm swept across {country} {date}, killing {n1} people and leaving {n2} homes without electricity, officials said.",
			"Winds of up to {n3} kilometres per hour hit {city} {date}, uprooting trees and tearing roofs off houses.",
		},
		details: []string{
			"At the airport of {city}, {n4} flights were cancelled.",
			"Rail services between {city} and {city2} were suspended.",
			"The grid operator {org} said it could take days to restore power everywhere.",
			"Schools were closed across the region.",
			"Most of the dead were killed by falling trees.",
			"The {agency} had issued its highest warning level the day before.",
			"Insurers expect claims worth {money}.",
			"Ferry services along the coast were cancelled.",
		},
		quotes: []string{
			"I have never seen wind like this in my life",
			"Please stay at home unless your journey is absolutely necessary",
			"Our crews are working day and night to restore power",
			"The warnings were issued in time and they saved lives",
		},
	},
	{
		name: "cyberattack", section: "business", org: company,
		trades: []string{"Bank", "Telecom", "Insurance", "Software", "Energy", "Water", "Hospitals"},
		agency: "national cyber security centre of {country}",
		roles:  [3]string{"chief executive of {org}", "head of the {agency}", "a security researcher in {city2}"},
		n:      [4][2]int{{10000, 5000000}, {1, 14}, {2, 40}, {3, 30}},
		pct:    [2][2]int{{3, 18}, {1, 3}},
		money:  [2]int{1, 80},
		titles: []string{
			"Cyberattack paralyses {org} systems",
			"{org} hit by ransomware; data of {n1} customers at risk",
			"Hackers demand {money} from {org}",
		},
		leads: []string{
			"{org}, based in {city}, said {date} that it had been hit by a cyberattack that disrupted its systems and may have exposed the data of {n1} customers.",
			"A ransomware attack has shut down the computer systems of {org} in {city}, {country}, the company said {date}.",
		},
		details: []string{
			"The hackers demanded a ransom of {money}, according to people familiar with the matter.",
			"Services were expected to be restored within {n2} days.",
			"The {agency} is investigating.",
			"{org} said it would not pay the ransom.",
			"Customers were advised to change their passwords.",
			"It was unclear who was behind the attack.",
			"Shares in {org} fell {pct1} percent.",
			"The data protection authority said it had been informed.",
		},
		quotes: []string{
			"We take the security of our customers' data extremely seriously",
			"We will not negotiate with criminals",
			"Companies still underestimate how vulnerable they are",
			"We are working around the clock to restore our systems",
		},
	},
	{
		name: "train crash", section: "world", org: company,
		trades: []string{"Rail", "Railways", "Rail Services"},
		agency: "rail accident investigation board of {country}",
		roles:  [3]string{"chief executive of {org}", "transport minister of {country}", "head of the {agency}"},
		n:      [4][2]int{{0, 50}, {5, 200}, {80, 600}, {40, 160}},
		titles: []string{
			"Train derails near {city}, {n1} killed",
			"{n1} dead, {n2} injured in {country} rail accident",
			"Passenger train crash near {city}",
		},
		leads: []string{
			"A passenger train derailed near {city} {date}, killing {n1} people and injuring {n2}, the rail operator {org} said.",
			"At least {n1} people died when a train carrying {n3} passengers came off the tracks outside {city}, {country}, {date}.",
		},
		details: []string{
			"The train was travelling from {city2} to {city} at about {n4} kilometres per hour.",
			"Rescue workers used cutting equipment to free passengers trapped in the carriages.",
			"The line will remain closed for several days.",
			"Investigators are examining the signalling system and the state of the track.",
			"The {agency} sent a team to the site.",
			"Hospitals in {city} called in extra staff.",
			"Three days of mourning were declared.",
			"{org} said the train had passed a full inspection last month.",
		},
		quotes: []string{
			"There was a loud noise and then the carriage turned over",
			"We will find out what caused this accident and we will make it public",
			"Our thoughts are with the victims and their families",
			"Safety on our railways is not negotiable",
		},
	},
}
