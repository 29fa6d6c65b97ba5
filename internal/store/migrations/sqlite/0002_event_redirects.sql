-- Events merged into another one (clustering found that two events were one): the old id
-- keeps answering, with the event it was merged into, so links and bookmarks stay valid.
CREATE TABLE event_redirects (
	from_id TEXT NOT NULL PRIMARY KEY,
	to_id   TEXT NOT NULL
);
CREATE INDEX event_redirects_to ON event_redirects (to_id);
