"""The same kind of shop in SQLAlchemy 2.0 style: Mapped annotations, enums, aliases."""
from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from typing import Annotated, List, Optional

from sqlalchemy import JSON, BigInteger, Enum, ForeignKey, Numeric, String, func
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

intpk = Annotated[int, mapped_column(primary_key=True)]
created = Annotated[datetime.datetime, mapped_column(server_default=func.now())]
str50 = Annotated[str, 50]


class OrderStatus(enum.Enum):
    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


class Tier(str, enum.Enum):
    FREE = "free"
    PRO = "pro"


class Priority(enum.IntEnum):
    LOW = enum.auto()
    HIGH = enum.auto()


class Base(DeclarativeBase):
    type_annotation_map = {
        str: String(255),
        str50: String(50),
        datetime.datetime: postgresql.TIMESTAMP(timezone=True),
        dict: JSON,
    }


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[intpk]
    public_id: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(unique=True)
    display_name: Mapped[Optional[str50]]
    bio: Mapped[str | None] = mapped_column(String(500))
    tier: Mapped[Tier] = mapped_column(Enum(Tier, name="account_tier", values_callable=lambda e: [m.value for m in e]))
    settings: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[created]

    orders: Mapped[List["PurchaseOrder"]] = relationship(back_populates="account")


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    status: Mapped[OrderStatus] = mapped_column(default=OrderStatus.PENDING)
    priority: Mapped[Priority | None]
    total: Mapped[decimal.Decimal] = mapped_column(Numeric(12, 2))
    note: Mapped[Optional[str]] = mapped_column(nullable=False, server_default="")
    paid_on: Mapped[Optional[datetime.date]]
    created_at: Mapped[created]

    account: Mapped["Account"] = relationship(back_populates="orders")
    items: Mapped[list["OrderItem"]] = relationship(back_populates="order", cascade="all, delete-orphan")


class OrderItem(Base):
    __tablename__ = "order_items"

    id: Mapped[intpk]
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id", ondelete="CASCADE"))
    sku: Mapped[str50]
    quantity: Mapped[int] = mapped_column(default=1)
    mood: Mapped[str] = mapped_column(Enum("happy", "sad", name="mood"))
    tags: Mapped[list[str]] = mapped_column(postgresql.ARRAY(String(30)), default=list)

    order: Mapped[Optional[PurchaseOrder]] = relationship(back_populates="items")
