// Package web is the last stage of Dossier's pipeline
// (ingest → extract → cluster → reconcile → store → web): it serves the
// stored events to people as server-rendered HTML pages and to programs as
// a JSON API under /api/, plus an Atom feed of new events.
//
// Pages are rendered with html/template from templates embedded in the
// binary, so every value is escaped by context; the article page builds its
// highlighted text from byte offsets and escapes each segment itself.
// Assets (one stylesheet, one small script) are embedded too and served
// under content-hashed URLs with a year-long cache, so a page needs no
// network beyond this server and no JavaScript to be read.
//
// The server reads through the narrow Store interface declared here, which
// *store.DB satisfies, and writes only through an optional Ingester (the
// pipeline), used by POST /api/articles.
package web
