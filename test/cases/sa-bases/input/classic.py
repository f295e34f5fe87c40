"""1.x style: a base made by declarative_base(), with a schema-less MetaData."""
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import declarative_base

metadata_obj = MetaData()
LegacyBase = declarative_base(metadata=metadata_obj)


class Author(LegacyBase):
    __tablename__ = "authors"

    id = Column(Integer, primary_key=True)
    pen_name = Column(String(80), nullable=False)
