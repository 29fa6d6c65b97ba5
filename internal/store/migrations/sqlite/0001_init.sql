-- Dossier schema, SQLite dialect. Times are INTEGER unix microseconds (UTC) in both dialects,
-- so the zero time.Time round-trips and the two schemas stay column for column alike.
-- JSON columns hold encoding/json output of the news types.

-- seq is the storage order used by ArticlesSince; AUTOINCREMENT so a seq is never reused,
-- even after the newest row was deleted. Small columns come first and large ones last:
-- SQLite reads a row's columns in order, so a query that needs only event or published
-- then skips the body's overflow pages.
CREATE TABLE articles (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	id           TEXT    NOT NULL UNIQUE,
	hash         TEXT    UNIQUE,  -- NULL when unknown, so it never collides
	published    INTEGER NOT NULL,
	source       TEXT    NOT NULL,
	lang         TEXT    NOT NULL,
	event        TEXT    NOT NULL DEFAULT '',
	duplicate_of TEXT    NOT NULL DEFAULT '',
	stored_at    INTEGER NOT NULL,
	url          TEXT    NOT NULL,
	author       TEXT    NOT NULL,
	origin       TEXT    NOT NULL,
	inferred     TEXT    NOT NULL,  -- JSON array of field names
	title        TEXT    NOT NULL,
	body         TEXT    NOT NULL,
	analysis     TEXT  -- JSON news.Analysis, NULL until extracted
);
CREATE INDEX articles_event ON articles (event, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source);

-- Full-text index over title and body folded in Go (accents dropped, case folded, one space
-- between tokens). Contentless: the text already lives in articles; rowid = articles.seq.
-- Marks (M*) count as token characters so that the Go tokenizer and FTS5 split alike.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, body,
	content = '',
	tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE TABLE events (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	id         TEXT    NOT NULL UNIQUE,
	first_pub  INTEGER NOT NULL,
	last_pub   INTEGER NOT NULL,
	n_articles INTEGER NOT NULL,
	n_sources  INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	title      TEXT    NOT NULL,
	summary    TEXT    NOT NULL,  -- summary sentences as plain text, for snippets
	item       TEXT    NOT NULL,  -- JSON news.Event with the list fields only
	dossier    TEXT    NOT NULL  -- JSON news.Event, the full reconciled dossier (Related kept in event_links)
);
CREATE INDEX events_last ON events (last_pub);
CREATE INDEX events_first ON events (first_pub);
CREATE INDEX events_size ON events (n_articles, n_sources, last_pub);

-- Event titles and summaries, folded; rowid = events.seq. Small, so it keeps its content,
-- which lets an event's row be replaced when the event changes.
CREATE VIRTUAL TABLE events_fts USING fts5 (
	title, summary,
	tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE TABLE event_entities (
	event_id    TEXT    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	entity_id   TEXT    NOT NULL,
	name        TEXT    NOT NULL,
	type        TEXT    NOT NULL,
	aliases     TEXT    NOT NULL,         -- JSON array
	mentions    TEXT    NOT NULL,         -- JSON object article id -> count
	n_mentions  INTEGER NOT NULL,
	PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_entities_entity ON event_entities (entity_id);
CREATE INDEX event_entities_type ON event_entities (type, entity_id);

-- Every folded name and alias an entity was seen under, for filters by name.
CREATE TABLE entity_names (
	name_key  TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	PRIMARY KEY (name_key, entity_id)
);

CREATE TABLE event_places (
	event_id TEXT    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	name_key TEXT    NOT NULL,            -- folded gazetteer name (and, separately, text as written)
	name     TEXT    NOT NULL,
	country  TEXT    NOT NULL,
	kind     TEXT    NOT NULL,
	lat      REAL    NOT NULL,
	lon      REAL    NOT NULL,
	PRIMARY KEY (event_id, name_key)
);
CREATE INDEX event_places_name ON event_places (name_key);

CREATE TABLE event_langs (
	event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	lang     TEXT NOT NULL,
	PRIMARY KEY (event_id, lang)
);
CREATE INDEX event_langs_lang ON event_langs (lang);

CREATE TABLE event_outlets (
	event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	outlet   TEXT NOT NULL,               -- lower case
	PRIMARY KEY (event_id, outlet)
);
CREATE INDEX event_outlets_outlet ON event_outlets (outlet);

-- Storyline links, stored in both directions; no foreign key so that a link may name an
-- event that another worker has not committed yet.
CREATE TABLE event_links (
	from_id TEXT NOT NULL,
	to_id   TEXT NOT NULL,
	score   REAL NOT NULL,
	reason  TEXT NOT NULL,
	PRIMARY KEY (from_id, to_id)
);

CREATE TABLE feed_state (
	url           TEXT    PRIMARY KEY,
	etag          TEXT    NOT NULL,
	last_modified TEXT    NOT NULL,
	last_polled   INTEGER NOT NULL,
	next_poll     INTEGER NOT NULL,
	failures      INTEGER NOT NULL,
	last_error    TEXT    NOT NULL
);

CREATE TABLE feed_seen (
	feed_url TEXT    NOT NULL,
	item_key TEXT    NOT NULL,
	seen_at  INTEGER NOT NULL,
	PRIMARY KEY (feed_url, item_key)
);
