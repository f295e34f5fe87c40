"""A ticketing service used from async code: events, venues, performers, tickets with a seat rule."""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Optional

from sqlalchemy import CheckConstraint, Column, ForeignKey, Numeric, String, Table, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, WriteOnlyMapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TicketState(enum.Enum):
    RESERVED = "reserved"
    SOLD = "sold"
    REFUNDED = "refunded"


event_performers = Table(
    "event_performers",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("performer_id", ForeignKey("performers.id", ondelete="CASCADE"), primary_key=True),
)


class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    city: Mapped[str] = mapped_column(String(60))
    capacity: Mapped[int] = mapped_column(CheckConstraint("capacity > 0"))

    events: Mapped[list[Event]] = relationship(back_populates="venue")


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (CheckConstraint("ends_at > starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    title: Mapped[str] = mapped_column(String(120))
    starts_at: Mapped[datetime.datetime]
    ends_at: Mapped[datetime.datetime]

    venue: Mapped[Venue] = relationship(back_populates="events")
    tickets: Mapped[list[Ticket]] = relationship(back_populates="event")
    performers: WriteOnlyMapped[Performer] = relationship(secondary=event_performers, back_populates="events")


class Performer(Base):
    __tablename__ = "performers"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_name: Mapped[str] = mapped_column(String(80), unique=True)

    events: Mapped[list[Event]] = relationship(secondary=event_performers, back_populates="performers")


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (UniqueConstraint("event_id", "seat"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    seat: Mapped[str] = mapped_column(String(8))
    price: Mapped[Decimal] = mapped_column(Numeric(7, 2), CheckConstraint("price >= 0"))
    state: Mapped[TicketState]
    holder_email: Mapped[Optional[str]] = mapped_column(String(254))

    event: Mapped[Event] = relationship(back_populates="tickets")
