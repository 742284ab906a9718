-- short name queries (a surname and a character) match by prefix; longer ones use the trigram index
CREATE INDEX registry_people_name_prefix ON registry_people (name text_pattern_ops);
