CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), title TEXT,, body TEXT);
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  author_id INTEGER REFERENCES authors(id)
);
CREATE TABLE users (id INTEGER PRIMARY KEY);
ALTER TABLE comments ADD COLUMN created_at TEXT DEFAULT (datetime('now'));
ALTER TABLE comments RENAME COLUMN author_id TO writer_id;
CREATE INDEX comments_post ON comments (post_id);
CREATE INDEX broken ON missing_table (x);
