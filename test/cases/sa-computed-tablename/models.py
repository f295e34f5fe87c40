"""Table names SQLAlchemy computes at import time cannot be read statically."""
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base, declared_attr

Base = declarative_base()
PREFIX = "app"


class AutoNamed:
    @declared_attr
    def __tablename__(cls):
        return cls.__name__.lower()

    id = Column(Integer, primary_key=True)


class Widget(AutoNamed, Base):
    label = Column(String(40))


class Gadget(AutoNamed, Base):
    widget_id = Column(ForeignKey("widget.id"))


class Setting(Base):
    __tablename__ = f"{PREFIX}_settings"

    id = Column(Integer, primary_key=True)
    key = Column(String(50), nullable=False, unique=True)


class Plain(Base):
    @declared_attr.directive
    def __tablename__(cls) -> str:
        return "plain_things"

    id = Column(Integer, primary_key=True)
    size = Column(make_size_type(), nullable=False)
    extra = Column(String(10), **common_options)
