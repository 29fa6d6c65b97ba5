package cluster

// Knobs exposes the scoring knobs to the tuning test.
var Knobs = struct {
	LinkWeight, NameBonus, MaxBonus, YearConflict, RareMin, RareFrac, SmallEvent, RampSize *float64
	MaxCand, LinkCands, VecTerms                                                           *int
	ChannelWeight                                                                          *[numChannels]float64
	GroupWeight                                                                            *[numGroups]float64
	GroupOf                                                                                *[numChannels]int
}{&linkWeight, &nameBonus, &maxBonus, &yearConflict, &rareMin, &rareFrac, &smallEvent, &rampSize, &maxCandidates, &linkCands, &vecTerms, &channelWeight, &groupWeight, &groupOf}
