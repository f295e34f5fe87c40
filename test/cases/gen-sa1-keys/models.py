"""Orders without ORM relationships (plain foreign-key columns, as many 1.x code bases write
them): a composite primary key, a composite foreign key to it, a named enum and CHECKs."""

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    email = Column(String(255), unique=True, nullable=False)
    name = Column(String(100), nullable=False)
    phone = Column(String(20))
    country = Column(String(2), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)


class Product(Base):
    __tablename__ = "products"
    id = Column(Integer, primary_key=True)
    sku = Column(String(12), unique=True, nullable=False)
    name = Column(String(80), nullable=False)
    price = Column(Numeric(8, 2), CheckConstraint("price > 0"), nullable=False)
    stock = Column(Integer, nullable=False, default=0)


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    status = Column(Enum("new", "paid", "shipped", name="order_status"), nullable=False)
    ordered_on = Column(Date, nullable=False)
    shipped_on = Column(Date)
    __table_args__ = (CheckConstraint("shipped_on IS NULL OR shipped_on >= ordered_on"),)


class OrderLine(Base):
    __tablename__ = "order_lines"
    order_id = Column(Integer, ForeignKey("orders.id"), primary_key=True)
    line_no = Column(Integer, primary_key=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    quantity = Column(Integer, nullable=False)
    __table_args__ = (
        UniqueConstraint("order_id", "product_id"),
        CheckConstraint("quantity BETWEEN 1 AND 100"),
    )


class Shipment(Base):
    __tablename__ = "shipments"
    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, nullable=False)
    line_no = Column(Integer, nullable=False)
    carrier = Column(String(40), nullable=False)
    __table_args__ = (
        ForeignKeyConstraint(
            ["order_id", "line_no"], ["order_lines.order_id", "order_lines.line_no"]
        ),
    )
