-- Memory beyond the clusterer's window: the keys of each article (the multi-word names it
-- writes of someone or something, never as a place; see cluster.Keys), so that a follow-up
-- weeks or months later recalls its event from here without a scan of the archive.
-- Articles stored before this version have no keys: they are recalled once re-ingested.
CREATE TABLE article_keys (
	key     TEXT NOT NULL,
	article TEXT NOT NULL,
	PRIMARY KEY (key, article)
);
