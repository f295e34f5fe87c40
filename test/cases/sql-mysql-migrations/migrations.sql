# Hand-written MySQL migrations: no backticks or AUTO_INCREMENT, so the dialect is passed.
CREATE TABLE users (
  id INT NOT NULL PRIMARY KEY,
  Email VARCHAR(190) NOT NULL,
  nickname VARCHAR(40) NULL DEFAULT "anon",
  score FLOAT(7,4),
  kind SET('a','b') DEFAULT 'a',
  born YEAR,
  active BOOLEAN DEFAULT TRUE,
  team_id INT REFERENCES teams (id)
);
CREATE TABLE teams (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL);
CREATE TABLE memberships (
  user_id INT NOT NULL,
  team_id INT NOT NULL,
  role ENUM('owner', 'member') NOT NULL DEFAULT 'member',
  PRIMARY KEY (user_id, team_id),
  INDEX memberships_team (team_id)
);
ALTER TABLE memberships
  ADD CONSTRAINT memberships_user FOREIGN KEY (user_id) REFERENCES users (ID) ON DELETE CASCADE,
  ADD CONSTRAINT memberships_team FOREIGN KEY (team_id) REFERENCES teams (id);
ALTER TABLE users ADD UNIQUE INDEX users_email (email);
ALTER TABLE users MODIFY nickname VARCHAR(60) NOT NULL;
ALTER TABLE users CHANGE score rating DECIMAL(5,2) NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN bio TEXT AFTER nickname, DROP COLUMN born;
ALTER TABLE users RENAME COLUMN kind TO flavour;
CREATE UNIQUE INDEX teams_name ON teams (name);
ALTER TABLE teams DROP INDEX teams_name;
RENAME TABLE memberships TO team_members;
ALTER TABLE users ALTER COLUMN active SET DEFAULT FALSE;
DROP TABLE IF EXISTS legacy_users;
