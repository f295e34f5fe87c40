from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models import base
from app.models.user import User


class OrderStatus(enum.StrEnum):
    OPEN = enum.auto()
    SHIPPED = enum.auto()


class Order(base.TimestampMixin, base.Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey(User.id, ondelete="CASCADE"), index=True)
    status: Mapped[OrderStatus] = mapped_column(default=OrderStatus.OPEN)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))

    user: Mapped[User] = relationship(back_populates="orders")
