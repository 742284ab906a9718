-- A follower sees a case's public view; staff over its area may open the description and photos to followers
-- (the reporter stays hidden) when the problem is one the neighbourhood should read about.
ALTER TABLE cases_cases ADD COLUMN public boolean NOT NULL DEFAULT false;
