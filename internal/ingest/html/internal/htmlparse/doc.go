// Package htmlparse is Dossier's copy of golang.org/x/net/html's parser
// (v0.62.0, BSD licence, see LICENSE): the same HTML5 tree construction,
// building golang.org/x/net/html Nodes, with far fewer allocations. See
// FORK-DOSSIER.md for what changed and why.
package htmlparse
