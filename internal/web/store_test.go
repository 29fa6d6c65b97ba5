package web

import (
	"net"
	"testing"
)

// openFixtureStore returns a store holding fixture() and its write side.
func openFixtureStore(t testing.TB) (Store, committer) {
	t.Helper()
	f := newFakeStore(fixture())
	return f, f
}

func netListen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }
