"""References that do not resolve: a missing table, a typo'd column, a table defined twice."""
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    region_id = Column(Integer, ForeignKey("regions.id"))


class Invoice(Base):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customer.id"), nullable=False)
    approver_id = Column(Integer, ForeignKey("customers.uid"))

    customer = relationship("Customer")
    ledger = relationship("Ledger")


class InvoiceCopy(Base):
    __tablename__ = "invoices"

    id = Column(Integer, primary_key=True)
