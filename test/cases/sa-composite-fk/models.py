"""Composite keys: a composite primary key referenced by a composite foreign key."""
from sqlalchemy import (
    Column,
    Date,
    ForeignKeyConstraint,
    Integer,
    PrimaryKeyConstraint,
    String,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Warehouse(Base):
    __tablename__ = "warehouses"

    region = Column(String(2), primary_key=True)
    code = Column(String(10), primary_key=True)
    city = Column(String(80), nullable=False)


class Bin(Base):
    __tablename__ = "bins"
    __table_args__ = (
        PrimaryKeyConstraint("region", "warehouse_code", "bin_no", name="pk_bins"),
        ForeignKeyConstraint(
            ["region", "warehouse_code"],
            ["warehouses.region", "warehouses.code"],
            ondelete="CASCADE",
            name="fk_bins_warehouse",
        ),
    )

    region = Column(String(2))
    warehouse_code = Column(String(10))
    bin_no = Column(Integer, autoincrement=False)

    warehouse = relationship("Warehouse")


class StockCount(Base):
    __tablename__ = "stock_counts"

    id = Column(Integer, primary_key=True)
    region = Column(String(2), nullable=False)
    warehouse_code = Column(String(10), nullable=False)
    bin_no = Column(Integer, nullable=False)
    counted_on = Column(Date, nullable=False)

    __table_args__ = (
        ForeignKeyConstraint(
            [region, warehouse_code, bin_no],
            [Bin.region, Bin.warehouse_code, Bin.bin_no],
            deferrable=True,
            initially="DEFERRED",
        ),
    )

    bin = relationship(Bin, backref="counts")
