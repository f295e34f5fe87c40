-- Every column type family, then a migration history replayed in order.
CREATE TABLE IF NOT EXISTS kitchen_sink (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    small smallint,
    regular int4,
    big int8,
    tiny_serial smallserial,
    name varchar(80),
    code character(3),
    body text,
    flag bool DEFAULT true,
    amount decimal(8, 3),
    ratio real,
    precise double precision,
    born date,
    seen_at timestamp(3) without time zone,
    seen_tz timestamptz,
    opens time,
    opens_tz time with time zone,
    lasts interval DAY TO SECOND,
    token uuid,
    doc json,
    docb jsonb,
    raw bytea,
    matrix integer[][],
    labels varchar(20)[],
    addr inet,
    loc point,
    price_with_tax numeric(10,2) GENERATED ALWAYS AS (amount * 1.2) STORED
);

CREATE TABLE owners (id int PRIMARY KEY, email text);

ALTER TABLE kitchen_sink ADD COLUMN owner_id int REFERENCES owners ON UPDATE CASCADE;
ALTER TABLE kitchen_sink ADD COLUMN IF NOT EXISTS owner_id int;
ALTER TABLE kitchen_sink DROP COLUMN raw, DROP COLUMN IF EXISTS never_there;
ALTER TABLE kitchen_sink ALTER COLUMN small SET NOT NULL;
ALTER TABLE kitchen_sink ALTER COLUMN small SET DEFAULT -1;
ALTER TABLE kitchen_sink ALTER COLUMN flag DROP DEFAULT;
ALTER TABLE kitchen_sink ALTER COLUMN name TYPE varchar(120);
ALTER TABLE kitchen_sink RENAME COLUMN body TO description;
ALTER TABLE owners ADD CONSTRAINT owners_email_key UNIQUE (email);
ALTER TABLE owners DROP CONSTRAINT owners_email_key;
ALTER TABLE owners ADD UNIQUE (email);
ALTER TABLE owners DROP CONSTRAINT owners_email_key;
ALTER TABLE owners RENAME TO people;
ALTER TABLE people ALTER COLUMN email SET NOT NULL;
ALTER TABLE people ADD CONSTRAINT email_has_at CHECK (position('@' in email) > 1);
ALTER TABLE kitchen_sink DROP CONSTRAINT no_such_constraint;
ALTER TABLE kitchen_sink ALTER COLUMN missing_column SET NOT NULL;
CREATE INDEX kitchen_sink_name ON kitchen_sink (name);
DROP INDEX kitchen_sink_name;
CREATE TABLE scratch (id int);
DROP TABLE scratch;
DROP TABLE IF EXISTS scratch;
