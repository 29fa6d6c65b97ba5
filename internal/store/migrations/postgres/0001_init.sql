-- Dossier schema, PostgreSQL dialect (standard PostgreSQL 15, no extensions). Column for
-- column the same as migrations/sqlite/0001_init.sql: times are BIGINT unix microseconds
-- (UTC), JSON columns are TEXT holding encoding/json output (read and written whole, so
-- jsonb's parsing would buy nothing). Full-text search uses tsvector columns built with the
-- 'simple' configuration from text folded in Go, indexed with GIN. Besides tsvector/GIN, the
-- store uses advisory locks (pg_advisory_lock, pg_advisory_xact_lock) from Go code; which
-- PostgreSQL-compatible distributed engines lack these is noted in ../../doc.go.

-- seq is the storage order used by ArticlesSince. Commit takes a transaction-level advisory
-- lock before inserting, so seq values become visible in commit order.
CREATE TABLE articles (
	seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id           TEXT   NOT NULL UNIQUE,
	hash         TEXT   UNIQUE,
	published    BIGINT NOT NULL,
	source       TEXT   NOT NULL,
	lang         TEXT   NOT NULL,
	event        TEXT   NOT NULL DEFAULT '',
	duplicate_of TEXT   NOT NULL DEFAULT '',
	stored_at    BIGINT NOT NULL,
	url          TEXT   NOT NULL,
	author       TEXT   NOT NULL,
	origin       TEXT   NOT NULL,
	inferred     TEXT   NOT NULL,
	title        TEXT   NOT NULL,
	body         TEXT   NOT NULL,
	analysis     TEXT,
	tsv          TSVECTOR NOT NULL
);
CREATE INDEX articles_event ON articles (event, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE events (
	seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id         TEXT   NOT NULL UNIQUE,
	first_pub  BIGINT NOT NULL,
	last_pub   BIGINT NOT NULL,
	n_articles INTEGER NOT NULL,
	n_sources  INTEGER NOT NULL,
	updated_at BIGINT NOT NULL,
	title      TEXT   NOT NULL,
	summary    TEXT   NOT NULL,
	item       TEXT   NOT NULL,
	dossier    TEXT   NOT NULL,
	tsv        TSVECTOR NOT NULL
);
CREATE INDEX events_last ON events (last_pub);
CREATE INDEX events_first ON events (first_pub);
CREATE INDEX events_size ON events (n_articles, n_sources, last_pub);
CREATE INDEX events_tsv ON events USING GIN (tsv);

CREATE TABLE event_entities (
	event_id   TEXT    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	entity_id  TEXT    NOT NULL,
	name       TEXT    NOT NULL,
	type       TEXT    NOT NULL,
	aliases    TEXT    NOT NULL,
	mentions   TEXT    NOT NULL,
	n_mentions INTEGER NOT NULL,
	PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_entities_entity ON event_entities (entity_id);
CREATE INDEX event_entities_type ON event_entities (type, entity_id);

CREATE TABLE entity_names (
	name_key  TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	PRIMARY KEY (name_key, entity_id)
);

CREATE TABLE event_places (
	event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	name_key TEXT NOT NULL,
	name     TEXT NOT NULL,
	country  TEXT NOT NULL,
	kind     TEXT NOT NULL,
	lat      DOUBLE PRECISION NOT NULL,
	lon      DOUBLE PRECISION NOT NULL,
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
	outlet   TEXT NOT NULL,
	PRIMARY KEY (event_id, outlet)
);
CREATE INDEX event_outlets_outlet ON event_outlets (outlet);

CREATE TABLE event_links (
	from_id TEXT NOT NULL,
	to_id   TEXT NOT NULL,
	score   DOUBLE PRECISION NOT NULL,
	reason  TEXT NOT NULL,
	PRIMARY KEY (from_id, to_id)
);

CREATE TABLE feed_state (
	url           TEXT    PRIMARY KEY,
	etag          TEXT    NOT NULL,
	last_modified TEXT    NOT NULL,
	last_polled   BIGINT  NOT NULL,
	next_poll     BIGINT  NOT NULL,
	failures      INTEGER NOT NULL,
	last_error    TEXT    NOT NULL
);

CREATE TABLE feed_seen (
	feed_url TEXT   NOT NULL,
	item_key TEXT   NOT NULL,
	seen_at  BIGINT NOT NULL,
	PRIMARY KEY (feed_url, item_key)
);
