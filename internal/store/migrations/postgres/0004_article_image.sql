-- The picture an article's page or record declares (og:image, or "image" in JSONL), an
-- absolute http(s) URL or ''; an event's list item shows that of its earliest article.
ALTER TABLE articles ADD COLUMN image TEXT NOT NULL DEFAULT '';
