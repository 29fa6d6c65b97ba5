package cluster

// Knobs exposes the scoring knobs to the tuning test.
var Knobs = struct {
	LinkWeight, NameBonus, MaxBonus, YearConflict, RareMin, RareFrac *float64
	ChannelWeight                                                    *[numChannels]float64
	GroupWeight                                                      *[numGroups]float64
	GroupOf                                                          *[numChannels]int
}{&linkWeight, &nameBonus, &maxBonus, &yearConflict, &rareMin, &rareFrac, &channelWeight, &groupWeight, &groupOf}
