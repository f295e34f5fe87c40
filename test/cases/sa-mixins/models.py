"""Columns shared through mixins, declared_attr and an abstract base."""
import datetime
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class IdMixin:
    id: Mapped[int] = mapped_column(primary_key=True)


class TimestampMixin:
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[Optional[datetime.datetime]] = mapped_column(DateTime(timezone=True), onupdate=func.now())


class OwnedMixin:
    """Every owned row points at the user who created it."""

    @declared_attr
    def owner_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("users.id"), index=True)

    @declared_attr
    def owner(cls) -> Mapped["User"]:
        return relationship("User")


class AuditedBase(IdMixin, TimestampMixin, Base):
    __abstract__ = True

    revision: Mapped[int] = mapped_column(default=1)


class User(IdMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(40), unique=True)


class Document(OwnedMixin, AuditedBase):
    __tablename__ = "documents"

    title: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer, default=0, comment="overrides the abstract base")


class Attachment(AuditedBase, OwnedMixin):
    __tablename__ = "attachments"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
