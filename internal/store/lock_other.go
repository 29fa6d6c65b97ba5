//go:build !unix

package store

import "os"

// Without flock, the SQLite cluster lock only serialises goroutines of one process.
func tryLockFile(*os.File) (bool, error) { return true, nil }

func unlockFile(*os.File) error { return nil }
