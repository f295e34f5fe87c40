"""Column types and constraints at their edges: tiny unique codes, composite uniques, tight
numeric precision, integer ranges from CHECKs, UUID/JSONB/ARRAY/interval/time/bytes columns,
server defaults, and a column named differently in the database."""

import datetime
import uuid
from decimal import Decimal
from typing import Any, Optional

from sqlalchemy import (
    ARRAY,
    BigInteger,
    CheckConstraint,
    Interval,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Currency(Base):
    __tablename__ = "currencies"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    minor_units: Mapped[int] = mapped_column(SmallInteger, CheckConstraint("minor_units BETWEEN 0 AND 4"))


class Warehouse(Base):
    __tablename__ = "warehouses"
    __table_args__ = (
        UniqueConstraint("region", "site_number"),
        CheckConstraint("site_number BETWEEN 1 AND 9999"),
        CheckConstraint("capacity_m3 > 0 AND capacity_m3 <= 50000"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, server_default=text("gen_random_uuid()"))
    region: Mapped[str] = mapped_column(String(2))
    site_number: Mapped[int]
    capacity_m3: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    opens_at: Mapped[datetime.time] = mapped_column(Time)
    restock_every: Mapped[datetime.timedelta] = mapped_column(Interval)
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text))
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB)
    api_token: Mapped[str] = mapped_column("token", String(64), unique=True)
    logo: Mapped[Optional[bytes]] = mapped_column(LargeBinary(2048))


class Measurement(Base):
    __tablename__ = "measurements"
    __table_args__ = (
        CheckConstraint("humidity >= 0 AND humidity <= 100"),
        CheckConstraint("latitude BETWEEN -90 AND 90"),
        CheckConstraint("longitude BETWEEN -180 AND 180"),
        CheckConstraint("reading_count > 0"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sensor_code: Mapped[str] = mapped_column(String(6), unique=True)
    currency_code: Mapped[str] = mapped_column(String(3), server_default="EUR")
    taken_at: Mapped[datetime.datetime]
    humidity: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    latitude: Mapped[float]
    longitude: Mapped[float]
    reading_count: Mapped[int] = mapped_column(SmallInteger)
    ratio: Mapped[Decimal] = mapped_column(Numeric(3, 3))
    is_calibrated: Mapped[bool] = mapped_column(server_default=text("false"))
    notes: Mapped[Optional[str]] = mapped_column(String(8))
