"""2.0 style: DeclarativeBase combined with MappedAsDataclass, sharing the classic MetaData."""
from typing import Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column

from classic import metadata_obj


class ModernBase(MappedAsDataclass, DeclarativeBase):
    metadata = metadata_obj


class Book(ModernBase):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    subtitle: Mapped[Optional[str]] = mapped_column(String(200), default=None)
