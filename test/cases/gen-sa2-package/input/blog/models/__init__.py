"""The blog's models, one module per aggregate."""

from blog.models.base import Base
from blog.models.comment import Comment
from blog.models.post import Post
from blog.models.user import User

__all__ = ["Base", "Comment", "Post", "User"]
