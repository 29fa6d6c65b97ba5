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
