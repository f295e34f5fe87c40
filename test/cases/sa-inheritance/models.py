"""Joined-table and single-table inheritance side by side."""
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


# Joined-table inheritance: each subclass has its own table keyed by the parent's id.
class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(20))

    __mapper_args__ = {
        "polymorphic_on": type,
        "polymorphic_identity": "employee",
    }


class Engineer(Employee):
    __tablename__ = "engineer"

    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    language: Mapped[str] = mapped_column(String(30))

    __mapper_args__ = {"polymorphic_identity": "engineer"}


class Manager(Employee):
    __tablename__ = "manager"

    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    budget: Mapped[Optional[int]]

    __mapper_args__ = {"polymorphic_identity": "manager"}


# Single-table inheritance: subclasses add their columns to the parent's table.
class Vehicle(Base):
    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column("vehicle_kind", String(10))
    wheels: Mapped[int] = mapped_column(Integer, default=4)

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "vehicle"}


class Truck(Vehicle):
    payload_kg: Mapped[Optional[int]]

    __mapper_args__ = {"polymorphic_identity": "truck"}


class Bus(Vehicle):
    seats: Mapped[int]
    operator_id: Mapped[Optional[int]] = mapped_column(ForeignKey("operators.id"))

    operator: Mapped[Optional["Operator"]] = relationship(back_populates="buses")

    __mapper_args__ = {"polymorphic_identity": "bus"}


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    buses: Mapped[list[Bus]] = relationship(back_populates="operator")
