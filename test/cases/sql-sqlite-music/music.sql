-- A small music store schema in SQLite's own dialect.
PRAGMA foreign_keys = ON;
BEGIN TRANSACTION;

CREATE TABLE [Artist]
(
    [ArtistId] INTEGER PRIMARY KEY AUTOINCREMENT,
    [Name] NVARCHAR(120) NOT NULL
);

CREATE TABLE [Album]
(
    [AlbumId] INTEGER NOT NULL,
    [Title] NVARCHAR(160) NOT NULL,
    [ArtistId] INTEGER NOT NULL,
    CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]),
    FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId])
        ON DELETE NO ACTION ON UPDATE NO ACTION
);

CREATE TABLE "Track"
(
    "TrackId" INTEGER PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "AlbumId" INTEGER REFERENCES album (albumid) ON DELETE SET NULL,
    "Kind" TEXT NOT NULL DEFAULT 'audio' CHECK ("Kind" IN ('audio', 'video', 'podcast')),
    "Milliseconds" INTEGER NOT NULL CHECK (Milliseconds > 0),
    "UnitPrice" NUMERIC(10,2) NOT NULL DEFAULT 0.99,
    "Explicit" BOOLEAN NOT NULL DEFAULT 0,
    "AddedAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    `Isrc` CHAR(12) UNIQUE,
    [Seconds] INTEGER GENERATED ALWAYS AS (Milliseconds / 1000) VIRTUAL
);

CREATE TABLE playlist_track (
    playlist_id INTEGER NOT NULL,
    track_id INTEGER NOT NULL REFERENCES Track DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    PRIMARY KEY (playlist_id, track_id),
    UNIQUE (playlist_id, position)
) WITHOUT ROWID;

CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);
CREATE UNIQUE INDEX track_name_album ON Track (lower(Name), AlbumId);

CREATE TRIGGER track_price_guard BEFORE INSERT ON Track
WHEN NEW.UnitPrice < 0
BEGIN
    SELECT RAISE(ABORT, 'negative price; refused');
    UPDATE Track SET UnitPrice = CASE WHEN NEW.UnitPrice < 0 THEN 0 ELSE NEW.UnitPrice END;
END;

CREATE VIEW album_titles AS SELECT Title FROM Album;

INSERT INTO [Artist] ([Name]) VALUES ('AC/DC'), ('Accept; the band');
COMMIT;
