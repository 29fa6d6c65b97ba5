package cluster

// Knobs exposes the scoring knobs to the tuning test.
var Knobs = struct {
	LinkWeight, NameBonus, MaxBonus, YearConflict, RareMin, RareFrac, IdfPrior, TriangleFactor, SplitLink *float64
	MaxCand, LinkCands, VecTerms                                                                          *int
	ChannelWeight                                                                                         *[numChannels]float64
	GroupWeight, CrossWeight                                                                              *[numGroups]float64
	GroupOf                                                                                               *[numChannels]int
}{&linkWeight, &nameBonus, &maxBonus, &yearConflict, &rareMin, &rareFrac, &idfPrior, &triangleFactor, &splitLink, &maxCandidates, &linkCands, &vecTerms, &channelWeight, &groupWeight, &crossWeight, &groupOf}
