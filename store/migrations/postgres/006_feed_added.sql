-- When the feed was first tried: a story a feed publishes after it was
-- added is news, even if the feed's first successful poll comes later.
ALTER TABLE feeds ADD COLUMN added TEXT COLLATE "C" NOT NULL DEFAULT '';
