"""SQLModel used from async code through psycopg 3: a todo list with owners."""

from typing import List, Optional

from sqlmodel import Field, Relationship, SQLModel


class Owner(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(max_length=200, unique=True)
    name: str = Field(max_length=80)

    todos: List["Todo"] = Relationship(back_populates="owner")


class Todo(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    done: bool = False
    owner_id: int = Field(foreign_key="owner.id")

    owner: Optional[Owner] = Relationship(back_populates="todos")
