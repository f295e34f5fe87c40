"""products become items

Revision ID: 5e6f7a8b9c0d
Revises: 3c4d5e6f7a8b
Create Date: 2026-11-06 14:05:31.447120

"""
import sqlalchemy as sa
from alembic import op

revision = "5e6f7a8b9c0d"
down_revision = "3c4d5e6f7a8b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.rename_table("products", "items")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.alter_column("name", new_column_name="title", existing_type=sa.String(length=200))
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("description")
        batch_op.alter_column("title", new_column_name="name", existing_type=sa.String(length=200))
    op.rename_table("items", "products")
