ALTER TABLE authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id);
ALTER TABLE books ADD PRIMARY KEY (id);
ALTER TABLE books
    ADD CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE,
    ADD CONSTRAINT books_editor_fk FOREIGN KEY (editor_id) REFERENCES authors ON DELETE SET NULL,
    ADD CONSTRAINT books_isbn_key UNIQUE (isbn);
CREATE UNIQUE INDEX books_author_title ON books (author_id, title);
