"""A registry used two ways: generate_base() and the @mapped decorator."""
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, registry

from classic import metadata_obj

mapper_registry = registry(metadata=metadata_obj)
RegistryBase = mapper_registry.generate_base()


class Shelf(RegistryBase):
    __tablename__ = "shelves"

    id = Column(Integer, primary_key=True)
    label = Column(String(20), nullable=False, unique=True)


@mapper_registry.mapped
class Placement:
    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), unique=True)
