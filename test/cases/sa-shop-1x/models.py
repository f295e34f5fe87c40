"""A small shop in the classic SQLAlchemy 1.x declarative style."""
import datetime

import sqlalchemy as sa
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import relationship

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    email = Column(String(255), nullable=False, unique=True)
    full_name = Column("name", String(length=120), nullable=False)
    notes = Column(Text)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    is_vip = Column(Boolean, nullable=False, default=False)

    orders = relationship("Order", back_populates="customer", cascade="all, delete-orphan")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="ck_products_price_positive"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="ck_products_rating_range"),
        UniqueConstraint("vendor_code", "vendor_sku", name="uq_products_vendor"),
    )

    id = Column(Integer, primary_key=True)
    sku = Column(String(32), nullable=False, unique=True, index=True)
    title = Column(sa.Unicode(200), nullable=False)
    price = Column(Numeric(10, 2), nullable=False)
    rating = Column(sa.SmallInteger)
    vendor_code = Column(String(8), nullable=False)
    vendor_sku = Column(String(40), nullable=False)
    stock = Column(Integer, nullable=False, server_default="0")
    updated_at = Column(DateTime, default=datetime.datetime.utcnow, onupdate=datetime.datetime.utcnow)


class Order(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True)
    placed_at = Column(DateTime(timezone=True), server_default=text("CURRENT_TIMESTAMP"))
    status = Column(String(16), nullable=False, default="pending")
    total = Column(sa.Numeric(precision=12, scale=2), CheckConstraint("total >= 0"), nullable=False, default=0)

    customer = relationship("Customer", back_populates="orders")
    lines = relationship("OrderLine", backref="order")


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "position"),
        CheckConstraint("quantity > 0 AND quantity <= 1000"),
        {"comment": "one row per product in an order"},
    )

    order_id = Column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    product_id = Column(Integer, ForeignKey(Product.id), primary_key=True)
    position = Column(Integer, nullable=False)
    quantity = Column(Integer, nullable=False, default=1)
    unit_price = Column(Numeric(10, 2), nullable=False)

    product = relationship(Product)
