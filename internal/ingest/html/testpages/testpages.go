// Package testpages finds the real article pages that ship with the
// go-readability module (Mozilla's readability test suite: 130-odd pages,
// each source.html with the expected.html readability.js makes of it) in
// the module cache, for the quality tests and speed benchmarks of HTML
// extraction. Only tests import it.
package testpages

import (
	"os"
	"path/filepath"
	"strings"
)

// Module is the module whose test pages these are; go.mod pins its version.
const Module = "codeberg.org/readeck/go-readability/v2"

// Dir returns the module's test-pages directory in the module cache, or ""
// when the module source is not there (`go mod download` fetches it).
func Dir() string {
	version := ""
	// Test binaries carry no dependency list: read the version from go.mod.
	for dir, _ := os.Getwd(); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == Module {
				version = f[1]
			}
		}
		break
	}
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		gopath := os.Getenv("GOPATH")
		if gopath == "" {
			home, _ := os.UserHomeDir()
			gopath = filepath.Join(home, "go")
		}
		cache = filepath.Join(gopath, "pkg", "mod")
	}
	dir := filepath.Join(cache, Module+"@"+version, "test-pages")
	if _, err := os.Stat(dir); err != nil || version == "" {
		return ""
	}
	return dir
}
