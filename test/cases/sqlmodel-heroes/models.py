"""Heroes and teams in SQLModel: table models, a non-table base, a link model and sa_column."""
import datetime
import enum
from decimal import Decimal
from typing import List, Optional

from sqlalchemy import Column, DateTime, String, UniqueConstraint, func
from sqlmodel import Field, Relationship, SQLModel


class Power(str, enum.Enum):
    flight = "flight"
    strength = "strength"
    speed = "speed"


class HeroTeamLink(SQLModel, table=True):
    team_id: Optional[int] = Field(default=None, foreign_key="team.id", primary_key=True)
    hero_id: Optional[int] = Field(default=None, foreign_key="heroes_registry.id", primary_key=True)
    is_training: bool = False


class TeamBase(SQLModel):
    name: str = Field(index=True, max_length=60)
    headquarters: str


class Team(TeamBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)

    heroes: List["Hero"] = Relationship(back_populates="teams", link_model=HeroTeamLink)


class HeroBase(SQLModel):
    name: str = Field(index=True)
    secret_name: str
    age: Optional[int] = Field(default=None, index=True)


class Hero(HeroBase, table=True):
    __tablename__ = "heroes_registry"
    __table_args__ = (UniqueConstraint("name", "secret_name"),)

    id: int | None = Field(default=None, primary_key=True)
    power: Power = Power.strength
    fee: Decimal = Field(default=0, max_digits=8, decimal_places=2)
    mentor_id: Optional[int] = Field(default=None, foreign_key="heroes_registry.id", ondelete="SET NULL")
    joined_at: datetime.datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    )
    motto: Optional[str] = Field(default=None, sa_type=String(140))

    teams: List[Team] = Relationship(back_populates="heroes", link_model=HeroTeamLink)
    mentor: Optional["Hero"] = Relationship(
        sa_relationship_kwargs={"remote_side": "Hero.id", "foreign_keys": "[Hero.mentor_id]"}
    )


class HeroCreate(HeroBase):
    """An API schema: not a table."""

    team_ids: List[int] = []
