-- A district's names repeat (王伟, 李娜 …) and GiST splits badly on equal keys: a bulk import spent a third of its
-- write time on that one index. GIN collects new trigrams in a pending list and merges them in bulk, and serves the
-- same LIKE '%…%' name search.
DROP INDEX registry_people_name_trgm;
CREATE INDEX registry_people_name_trgm ON registry_people USING gin (name gin_trgm_ops);
