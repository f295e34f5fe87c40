CREATE TABLE authors (
    id serial PRIMARY KEY,
    name text NOT NULL
);

-- The middle statement has a typo: a missing comma after "title text".
CREATE TABLE books (
    id serial PRIMARY KEY,
    title text
    author_id integer REFERENCES authors (id)
);

CREATE TABLE reviews (
    id serial PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id),
    stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5)
);
