--
-- PostgreSQL database dump (hand-written in the style of pg_dump for this test)
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

CREATE SCHEMA league;

CREATE TYPE league."Position" AS ENUM (
    'goalkeeper',
    'defender',
    'midfielder',
    'forward'
);

CREATE TABLE league.matches (
    id integer NOT NULL,
    home_team_id integer NOT NULL,
    away_team_id integer NOT NULL,
    kickoff timestamp with time zone NOT NULL,
    home_goals smallint,
    away_goals smallint,
    CONSTRAINT different_teams CHECK ((home_team_id <> away_team_id)),
    CONSTRAINT goals_not_negative CHECK (((home_goals >= 0) AND (away_goals >= 0)))
);

CREATE TABLE league.players (
    id integer NOT NULL,
    team_id integer NOT NULL,
    "fullName" character varying(120) NOT NULL,
    shirt_number smallint NOT NULL,
    "position" league."Position" NOT NULL,
    born_on date,
    CONSTRAINT shirt_number_range CHECK (((shirt_number >= 1) AND (shirt_number <= 99)))
);

CREATE TABLE league.teams (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    city character varying(80) NOT NULL,
    founded smallint NOT NULL,
    captain_id integer,
    CONSTRAINT founded_range CHECK (((founded >= 1850) AND (founded <= 2030)))
);

CREATE SEQUENCE league.matches_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE league.matches_id_seq OWNED BY league.matches.id;
CREATE SEQUENCE league.players_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE league.players_id_seq OWNED BY league.players.id;
CREATE SEQUENCE league.teams_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE league.teams_id_seq OWNED BY league.teams.id;

ALTER TABLE ONLY league.matches ALTER COLUMN id SET DEFAULT nextval('league.matches_id_seq'::regclass);
ALTER TABLE ONLY league.players ALTER COLUMN id SET DEFAULT nextval('league.players_id_seq'::regclass);
ALTER TABLE ONLY league.teams ALTER COLUMN id SET DEFAULT nextval('league.teams_id_seq'::regclass);

COPY league.teams (id, name, city, founded, captain_id) FROM stdin;
1	Rovers	Springfield	1901	\N
\.

ALTER TABLE ONLY league.matches
    ADD CONSTRAINT matches_pkey PRIMARY KEY (id);
ALTER TABLE ONLY league.players
    ADD CONSTRAINT players_pkey PRIMARY KEY (id);
ALTER TABLE ONLY league.players
    ADD CONSTRAINT players_team_id_shirt_number_key UNIQUE (team_id, shirt_number);
ALTER TABLE ONLY league.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);
ALTER TABLE ONLY league.teams
    ADD CONSTRAINT teams_name_key UNIQUE (name);

ALTER TABLE ONLY league.matches
    ADD CONSTRAINT matches_home_team_id_fkey FOREIGN KEY (home_team_id) REFERENCES league.teams(id);
ALTER TABLE ONLY league.matches
    ADD CONSTRAINT matches_away_team_id_fkey FOREIGN KEY (away_team_id) REFERENCES league.teams(id);
ALTER TABLE ONLY league.players
    ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES league.teams(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY league.teams
    ADD CONSTRAINT teams_captain_id_fkey FOREIGN KEY (captain_id) REFERENCES league.players(id);

--
-- PostgreSQL database dump complete
--
