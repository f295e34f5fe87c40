"""People and departments: a departments <-> employees foreign-key cycle (a department's head is
an employee of it), a manager self-reference, joined-table inheritance for managers and
single-table inheritance for contractors."""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class EmploymentType(str, enum.Enum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACTOR = "contractor"


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)
    head_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("employees.id", use_alter=True, name="fk_departments_head")
    )

    head: Mapped[Optional[Employee]] = relationship(foreign_keys=[head_id], post_update=True)
    employees: Mapped[list[Employee]] = relationship(
        back_populates="department", foreign_keys="Employee.department_id"
    )


class Employee(Base):
    __tablename__ = "employees"
    __table_args__ = (CheckConstraint("salary BETWEEN 1000 AND 500000"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(50))
    last_name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(120), unique=True)
    hired_on: Mapped[datetime.date]
    salary: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    employment_type: Mapped[EmploymentType]
    kind: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    manager_id: Mapped[Optional[int]] = mapped_column(ForeignKey("employees.id"))

    department: Mapped[Department] = relationship(
        back_populates="employees", foreign_keys=[department_id]
    )
    manager: Mapped[Optional[Employee]] = relationship(
        remote_side=[id], back_populates="reports"
    )
    reports: Mapped[list[Employee]] = relationship(back_populates="manager")

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "employee"}


class Manager(Employee):
    __tablename__ = "managers"

    id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    budget: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    level: Mapped[int] = mapped_column(CheckConstraint("level BETWEEN 1 AND 5"))

    __mapper_args__ = {"polymorphic_identity": "manager"}


class Contractor(Employee):
    agency: Mapped[Optional[str]] = mapped_column(String(80))

    __mapper_args__ = {"polymorphic_identity": "contractor"}
