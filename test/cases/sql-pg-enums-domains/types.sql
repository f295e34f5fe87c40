CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
ALTER TYPE mood ADD VALUE 'awful' BEFORE 'sad';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok';
CREATE TYPE inventory.size AS ENUM ('S', 'M', 'L');
ALTER TYPE inventory.size RENAME VALUE 'L' TO 'XL';
CREATE DOMAIN positive_int AS integer NOT NULL CHECK (VALUE > 0);
CREATE DOMAIN email AS varchar(254) CHECK (VALUE ~ '^[^@]+@[^@]+$') CHECK (char_length(VALUE) >= 3);
CREATE DOMAIN us_postal AS text DEFAULT '00000';
CREATE TABLE people (
    id positive_int PRIMARY KEY,
    current_mood mood DEFAULT 'ok',
    moods mood[],
    contact email NOT NULL,
    zip us_postal,
    shirt inventory.size,
    shoe inventory."size"
);
