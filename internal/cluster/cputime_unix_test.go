//go:build unix

package cluster

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time (user + system) this process has used, so that
// benchmarks on a shared machine can report speed per CPU second as well
// as per wall-clock second.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
