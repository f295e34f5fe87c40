"""The @as_declarative() decorator turns a plain class into a base."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import as_declarative

from classic import metadata_obj


@as_declarative(metadata=metadata_obj)
class DecoratedBase:
    id = Column(Integer, primary_key=True)


class Reader(DecoratedBase):
    __tablename__ = "readers"

    nickname = Column(String(40))
