-- The language a person last used: their mail goes out in it.
ALTER TABLE users ADD COLUMN locale TEXT;
