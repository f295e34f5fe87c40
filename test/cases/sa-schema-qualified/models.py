"""Tables in several PostgreSQL schemas, and columns whose DB names differ from attributes."""
import uuid
from typing import Optional

from sqlalchemy import Column, ForeignKey, Identity, Index, Integer, String, Table, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = {"schema": "auth", "comment": "login identities"}

    id: Mapped[uuid.UUID] = mapped_column(
        "account_id", UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )
    login: Mapped[str] = mapped_column("login_name", String(64), unique=True)
    profile: Mapped[Optional[dict]] = mapped_column(JSONB)


class Session(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_account_started", "account_id", "started"),
        {"schema": "auth"},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(start=1000), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("auth.accounts.account_id", ondelete="CASCADE"))
    started_seq = Column("started", Integer, nullable=False)
    token: Mapped[str] = mapped_column(String(128), name="token_hash", unique=True, index=True)


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = {"schema": "billing"}

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    account_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey(Account.id))
    memo: Mapped[Optional[str]] = mapped_column(String(200), key="memo_text")


audit_log = Table(
    "audit_log",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("invoice_number", ForeignKey("billing.invoices.number")),
    Column("action", String(20), nullable=False),
    schema="billing",
)

Index("ix_invoices_account", Invoice.account_id)
