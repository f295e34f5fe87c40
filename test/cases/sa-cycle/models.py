"""Departments and employees reference each other: a cycle broken by a nullable head_id."""
from typing import List, Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    head_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("employees.id", use_alter=True, name="fk_departments_head_id", ondelete="SET NULL")
    )

    head: Mapped[Optional["Employee"]] = relationship(foreign_keys=[head_id], post_update=True)
    employees: Mapped[List["Employee"]] = relationship(
        back_populates="department", foreign_keys="Employee.department_id"
    )


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120))
    department_id: Mapped[int] = mapped_column(ForeignKey(Department.id))

    department: Mapped[Department] = relationship(back_populates="employees", foreign_keys=[department_id])
