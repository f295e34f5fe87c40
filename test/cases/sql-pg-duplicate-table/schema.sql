CREATE TABLE tags (
    id serial PRIMARY KEY,
    label text NOT NULL
);
CREATE TABLE IF NOT EXISTS tags (
    id serial PRIMARY KEY
);
CREATE TABLE tags (
    id serial PRIMARY KEY,
    label varchar(20)
);
ALTER TABLE tags ADD COLUMN color text;
