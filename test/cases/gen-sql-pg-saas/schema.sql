-- A multi-tenant project tracker, as a hand-written PostgreSQL schema.

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TYPE plan_tier AS ENUM ('free', 'team', 'enterprise');
CREATE TYPE task_state AS ENUM ('todo', 'doing', 'done');

CREATE DOMAIN email_address AS varchar(254) CHECK (char_length(VALUE) >= 3);

CREATE TABLE tenants (
    id          bigserial PRIMARY KEY,
    slug        varchar(40) NOT NULL UNIQUE,
    name        text NOT NULL,
    plan        plan_tier NOT NULL DEFAULT 'free',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       email_address NOT NULL,
    full_name   varchar(100) NOT NULL,
    is_admin    boolean NOT NULL DEFAULT false,
    UNIQUE (tenant_id, email)
);

CREATE TABLE projects (
    id          serial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenants (id),
    owner_id    uuid REFERENCES users (id),
    name        varchar(80) NOT NULL,
    budget      numeric(12, 2) CHECK (budget >= 0),
    starts_on   date NOT NULL,
    ends_on     date,
    CONSTRAINT ends_after_start CHECK (ends_on IS NULL OR ends_on > starts_on)
);

CREATE TABLE tasks (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    parent_id   integer REFERENCES tasks (id),
    assignee_id uuid REFERENCES users (id),
    title       varchar(200) NOT NULL,
    state       task_state NOT NULL,
    priority    smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
    estimate    interval,
    labels      text[] NOT NULL DEFAULT '{}',
    metadata    jsonb
);

CREATE TABLE task_watchers (
    task_id     integer NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, user_id)
);

CREATE INDEX tasks_project_state_idx ON tasks (project_id, state);
CREATE UNIQUE INDEX projects_tenant_name_key ON projects (tenant_id, lower(name));

CREATE VIEW open_tasks AS
    SELECT t.* FROM tasks t WHERE t.state <> 'done';

COMMENT ON TABLE tasks IS 'Work items; a task may have sub-tasks (parent_id).';
