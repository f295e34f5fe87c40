"""The shop's models: what the migrations in alembic/versions build, declared for the ORM.

Written in the 1.x declarative style, which SQLAlchemy 1.4 and 2.0 both run.
"""

import enum

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class ProductStatus(enum.Enum):
    draft = "draft"
    active = "active"
    retired = "retired"


class Customer(Base):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    loyalty_points = Column(Integer, nullable=False, server_default="0")

    orders = relationship("Order", back_populates="customer")


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (CheckConstraint("price >= 0", name="ck_products_price_positive"),)

    id = Column(Integer, primary_key=True)
    sku = Column(String(32), nullable=False, unique=True)
    title = Column(String(200), nullable=False)
    price = Column(Numeric(10, 2), nullable=False)
    status = Column(Enum(ProductStatus, name="product_status"), nullable=False, server_default="draft")
    description = Column(Text)


class Order(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    customer_id = Column(
        Integer,
        ForeignKey("customers.id", ondelete="CASCADE", name="fk_orders_customer_id_customers"),
        nullable=False,
        index=True,
    )
    placed_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    total = Column(Numeric(12, 2), nullable=False)

    customer = relationship(Customer, back_populates="orders")
    lines = relationship("OrderLine", back_populates="order")


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
        UniqueConstraint("order_id", "item_id", name="uq_order_lines_order_item"),
    )

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False)
    item_id = Column(Integer, ForeignKey("items.id"), nullable=False, index=True)
    quantity = Column(Integer, nullable=False)
    unit_price = Column(Numeric(10, 2), nullable=False)

    order = relationship(Order, back_populates="lines")
    item = relationship(Item)
