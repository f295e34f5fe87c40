"""merge loyalty points and items

Revision ID: 6f7a8b9c0d1e
Revises: 4d5e6f7a8b9c, 5e6f7a8b9c0d
Create Date: 2026-11-07 08:30:00.000000

"""

revision = "6f7a8b9c0d1e"
down_revision = ("4d5e6f7a8b9c", "5e6f7a8b9c0d")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
