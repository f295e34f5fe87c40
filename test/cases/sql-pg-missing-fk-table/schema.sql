CREATE TABLE customers (
    id serial PRIMARY KEY
);
CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer (id),
    coupon_id integer REFERENCES coupons (id)
);
