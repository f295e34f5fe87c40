-- Clients (fichier enregistré en Latin-1, pas en UTF-8) : éàü
CREATE TABLE clients (
    id serial PRIMARY KEY,
    "prénom" varchar(40) NOT NULL DEFAULT 'Zoë', "âge" integer CHECK ("âge" >= 0),
    ville text DEFAULT 'Besançon'
);
CREATE TABLE commandes (id serial PRIMARY KEY, client_id integer REFERENCES clients, libellé text NOT NULL);
COMMENT ON COLUMN clients.ville IS 'Ville où habite le client';
