package cluster

// Knobs exposes the scoring knobs to the tuning test.
var Knobs = struct {
	LinkWeight, NameBonus, MaxBonus, YearConflict *float64
	ChannelWeight                                 *[numChannels]float64
	GroupWeight                                   *[numGroups]float64
}{&linkWeight, &nameBonus, &maxBonus, &yearConflict, &channelWeight, &groupWeight}
