"""customer loyalty points

Add the column nullable, fill it in, then make it NOT NULL with a server default.

Revision ID: 4d5e6f7a8b9c
Revises: 3c4d5e6f7a8b
Create Date: 2026-11-06 10:21:57.861902

"""
import sqlalchemy as sa
from alembic import op

revision = "4d5e6f7a8b9c"
down_revision = "3c4d5e6f7a8b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("loyalty_points", sa.Integer(), nullable=True))
    op.execute("UPDATE customers SET loyalty_points = 0 WHERE loyalty_points IS NULL")
    op.alter_column(
        "customers",
        "loyalty_points",
        existing_type=sa.Integer(),
        nullable=False,
        server_default="0",
    )


def downgrade() -> None:
    op.drop_column("customers", "loyalty_points")
