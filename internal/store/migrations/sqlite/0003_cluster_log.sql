-- Every change of a stored article's event (a merge moves all articles of one event, a
-- split or a re-linking moves single ones), in the order it was committed, so that other
-- processes clustering into the same store can move the same articles in their memory
-- (MovesSince) and keep deciding as one clusterer would.
CREATE TABLE article_moves (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	article_id TEXT NOT NULL,
	event_id   TEXT NOT NULL
);

-- The last article seq of every Commit that stored articles: the batches as they were
-- clustered, so that another process can replay them batch by batch (BatchesSince).
CREATE TABLE article_batches (
	last_seq BIGINT NOT NULL PRIMARY KEY
);

-- Several `dossier watch` processes share the feeds: a process claims the due ones for a
-- lease (ClaimFeeds, with FOR UPDATE SKIP LOCKED on PostgreSQL), so each feed is polled by
-- one process at a time, and saving the feed's state releases it.
ALTER TABLE feed_state ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE feed_state ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';

-- The merge log of version 2 is replaced by article_moves (merges move articles too) and
-- the replay of article_batches.
DROP TABLE event_merges;
