-- The keys of an article are read by article (a copy carries them; the key backfill looks for
-- articles that have none), which the primary key (key, article) cannot serve.
-- An article whose text names nothing to key it by is filed under the empty key, so that
-- "no row" means only "stored before keys existed" (schema version 5): those are the
-- articles the backfill (`dossier migrate`, and every ingest) files keys for.
CREATE INDEX article_keys_article ON article_keys (article);
