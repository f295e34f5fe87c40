-- Each department has a manager, each employee a department: a cycle broken by deferral.
CREATE TABLE departments (
    id integer PRIMARY KEY,
    name text NOT NULL,
    manager_id integer NOT NULL
);
CREATE TABLE employees (
    id integer PRIMARY KEY,
    department_id integer NOT NULL
        REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,
    mentor_id integer REFERENCES employees (id) ON DELETE SET NULL
);
ALTER TABLE departments
    ADD CONSTRAINT departments_manager_fk FOREIGN KEY (manager_id)
    REFERENCES employees (id) MATCH FULL DEFERRABLE INITIALLY DEFERRED;
