"""Classic-style inheritance: an abstract base with audit columns, a mixin with declared_attr,
joined-table inheritance (vehicles -> cars, trucks) and single-table inheritance (payments)."""

import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
)
from sqlalchemy.orm import declarative_base, declared_attr, relationship

Base = declarative_base()


class AuditMixin:
    created_at = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)

    @declared_attr
    def created_by(cls):
        return Column(String(40), nullable=False)


class Record(Base):
    __abstract__ = True

    id = Column(Integer, primary_key=True)


class Owner(AuditMixin, Record):
    __tablename__ = "owners"

    name = Column(String(100), nullable=False)
    email = Column(String(200), nullable=False, unique=True)


class Vehicle(AuditMixin, Record):
    __tablename__ = "vehicles"

    plate = Column(String(10), nullable=False, unique=True)
    kind = Column(String(16), nullable=False)
    owner_id = Column(Integer, ForeignKey("owners.id"), nullable=False)

    owner = relationship("Owner", backref="vehicles")

    __mapper_args__ = {"polymorphic_on": kind, "polymorphic_identity": "vehicle"}


class Car(Vehicle):
    __tablename__ = "cars"

    id = Column(Integer, ForeignKey("vehicles.id"), primary_key=True)
    seats = Column(Integer, CheckConstraint("seats BETWEEN 2 AND 9"), nullable=False)
    is_electric = Column(Boolean, nullable=False)

    __mapper_args__ = {"polymorphic_identity": "car"}


class Truck(Vehicle):
    __tablename__ = "trucks"

    id = Column(Integer, ForeignKey("vehicles.id"), primary_key=True)
    payload_tonnes = Column(Numeric(5, 1), nullable=False)

    __mapper_args__ = {"polymorphic_identity": "truck"}


class Payment(Record):
    __tablename__ = "payments"

    amount = Column(Numeric(10, 2), CheckConstraint("amount > 0"), nullable=False)
    method = Column(String(10), nullable=False)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"), nullable=False)

    vehicle = relationship("Vehicle")

    __mapper_args__ = {"polymorphic_on": method, "polymorphic_identity": "payment"}


class CardPayment(Payment):
    card_last4 = Column(String(4))

    __mapper_args__ = {"polymorphic_identity": "card"}


class CashPayment(Payment):
    received_by = Column(String(60))

    __mapper_args__ = {"polymorphic_identity": "cash"}
