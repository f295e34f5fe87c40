"""Adjacency lists: an org chart and a category tree."""
from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, backref, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    manager_id: Mapped[Optional[int]] = mapped_column(ForeignKey("employees.id"))
    mentor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("employees.id"))

    manager: Mapped[Optional["Employee"]] = relationship(
        back_populates="reports", remote_side=[id], foreign_keys=[manager_id]
    )
    reports: Mapped[List["Employee"]] = relationship(back_populates="manager", foreign_keys="Employee.manager_id")
    mentor: Mapped[Optional["Employee"]] = relationship(remote_side="Employee.id", foreign_keys=[mentor_id])


class Category(Base):
    __tablename__ = "categories"

    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey("categories.id", ondelete="CASCADE"))
    slug = Column(String(60), nullable=False)

    children = relationship("Category", backref=backref("parent", remote_side=[id]))
