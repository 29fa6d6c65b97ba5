//go:build !unix

package cluster

import "time"

func CPUTime() time.Duration { return 0 }
