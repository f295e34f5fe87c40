-- Quoted names keep their case; unquoted ones fold to lower case; public is the default schema.
CREATE SCHEMA "Auth";
CREATE TABLE public."UserAccount" (
    "UserId" uuid PRIMARY KEY,
    "Email" text NOT NULL UNIQUE,
    DisplayName text
);
CREATE TABLE "Auth"."Session" (
    id bigserial PRIMARY KEY,
    "UserId" uuid NOT NULL REFERENCES "UserAccount" ("UserId"),
    "Token" char(64) NOT NULL
);
CREATE TABLE Audit.Log (
    ID serial PRIMARY KEY,
    session_id bigint REFERENCES "Auth"."Session",
    "user" uuid REFERENCES public."UserAccount"
);
CREATE TABLE "order items" ("line no" int PRIMARY KEY, "Qty" smallint CHECK ("Qty" > 0));
COMMENT ON TABLE "Auth"."Session" IS 'one row per login';
