from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from blog.models.base import Base, TimestampMixin

if TYPE_CHECKING:
    from blog.models.post import Post


class Comment(TimestampMixin, Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    reply_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("comments.id"))
    author_email: Mapped[str] = mapped_column()
    body: Mapped[str] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="comments")
    reply_to: Mapped[Optional[Comment]] = relationship(remote_side=[id])
