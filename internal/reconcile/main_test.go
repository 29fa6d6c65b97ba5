package reconcile

import "flag"

var (
	update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")
	dump   = flag.Bool("dump", false, "print the golden events' claims")
	useExt = flag.Bool("extract", false, "with -dump: analyse with extract instead of the test lexicon")
)
