-- Events merged into another one (clustering found that two events were one): the old id
-- keeps answering, with the event it was merged into, so links and bookmarks stay valid.
CREATE TABLE event_redirects (
	from_id TEXT NOT NULL PRIMARY KEY,
	to_id   TEXT NOT NULL
);
CREATE INDEX event_redirects_to ON event_redirects (to_id);

-- Every merge in the order it was made, so that other processes clustering into the same
-- store can fold the same events in their memory (MergesSince).
CREATE TABLE event_merges (
	seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	from_id TEXT NOT NULL,
	to_id   TEXT NOT NULL
);
