package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// newCountBar returns a progress callback drawing a bar on stderr.
func newCountBar(e *env, desc string) func(done, total int) {
	var bar *progressbar.ProgressBar
	last := 0
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(e.stderr),
				progressbar.OptionSetDescription(desc),
				progressbar.OptionSetWidth(30),
				progressbar.OptionShowCount(),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = bar.Add(done - last)
		last = done
		if done >= total {
			_ = bar.Finish()
		}
	}
}
