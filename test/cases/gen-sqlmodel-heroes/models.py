"""SQLModel: table models next to plain (non-table) base models, a foreign key with a
relationship, and a many-to-many link model."""

from typing import List, Optional

from sqlmodel import Field, Relationship, SQLModel


class HeroPowerLink(SQLModel, table=True):
    hero_id: Optional[int] = Field(default=None, foreign_key="hero.id", primary_key=True)
    power_id: Optional[int] = Field(default=None, foreign_key="power.id", primary_key=True)


class TeamBase(SQLModel):
    name: str = Field(max_length=60, unique=True)
    headquarters: str = Field(max_length=120)


class Team(TeamBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)

    heroes: List["Hero"] = Relationship(back_populates="team")


class Power(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    description: Optional[str] = None

    heroes: List["Hero"] = Relationship(back_populates="powers", link_model=HeroPowerLink)


class HeroBase(SQLModel):
    name: str = Field(max_length=80)
    secret_name: str = Field(max_length=80, unique=True)
    age: Optional[int] = Field(default=None, ge=0)


class Hero(HeroBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")

    team: Optional[Team] = Relationship(back_populates="heroes")
    powers: List[Power] = Relationship(back_populates="heroes", link_model=HeroPowerLink)


class HeroRead(HeroBase):
    id: int
