"""A lending library in the classic SQLAlchemy 1.x declarative style (Column objects), with a
books <-> authors association table and loans whose due date must follow the loan date."""

import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

book_authors = Table(
    "book_authors",
    Base.metadata,
    Column("book_id", Integer, ForeignKey("books.id"), primary_key=True),
    Column("author_id", Integer, ForeignKey("authors.id"), primary_key=True),
)


class Author(Base):
    __tablename__ = "authors"

    id = Column(Integer, primary_key=True)
    full_name = Column(String(120), nullable=False)
    born_on = Column(Date)
    bio = Column(Text)

    books = relationship("Book", secondary=book_authors, back_populates="authors", lazy="dynamic")


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (
        CheckConstraint("char_length(isbn) = 13", name="isbn_length"),
        CheckConstraint("published_year BETWEEN 1450 AND 2100", name="plausible_year"),
    )

    id = Column(Integer, primary_key=True)
    isbn = Column(String(13), nullable=False, unique=True)
    title = Column(String(200), nullable=False)
    published_year = Column(SmallInteger, nullable=False)
    copies = Column(Integer, nullable=False, default=1)
    is_reference = Column(Boolean, nullable=False, default=False)

    authors = relationship("Author", secondary=book_authors, back_populates="books")
    loans = relationship("Loan", back_populates="book")


class Member(Base):
    __tablename__ = "members"

    id = Column(Integer, primary_key=True)
    card_number = Column(String(10), nullable=False, unique=True)
    email = Column(String(254), nullable=False, unique=True)
    first_name = Column(String(60), nullable=False)
    last_name = Column(String(60), nullable=False)
    joined_at = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    active = Column(Boolean, nullable=False)

    loans = relationship("Loan", back_populates="member")


class Loan(Base):
    __tablename__ = "loans"
    __table_args__ = (
        CheckConstraint("due_on > loaned_on", name="due_after_loan"),
        CheckConstraint("returned_on IS NULL OR returned_on >= loaned_on", name="returned_after_loan"),
    )

    id = Column(Integer, primary_key=True)
    book_id = Column(Integer, ForeignKey("books.id"), nullable=False)
    member_id = Column(Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False)
    loaned_on = Column(Date, nullable=False)
    due_on = Column(Date, nullable=False)
    returned_on = Column(Date)

    book = relationship("Book", back_populates="loans")
    member = relationship("Member", back_populates="loans")
