"""Many-to-many through association Table objects, referenced three different ways."""
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, UniqueConstraint
from sqlalchemy.orm import backref, declarative_base, relationship

Base = declarative_base()

post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

post_editors = Table(
    "post_editors",
    Base.metadata,
    Column("post_id", Integer, ForeignKey("posts.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("role", String(20), nullable=False, server_default="editor"),
    UniqueConstraint("post_id", "user_id"),
)


class User(Base):
    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    handle = Column(String(30), nullable=False, unique=True)


class Post(Base):
    __tablename__ = "posts"

    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)

    tags = relationship("Tag", secondary=post_tags, back_populates="posts")
    editors = relationship(User, secondary="post_editors", backref=backref("edited_posts", lazy="dynamic"))
    followers = relationship("User", secondary=lambda: post_followers)


class Tag(Base):
    __tablename__ = "tags"

    id = Column(Integer, primary_key=True)
    label = Column(String(50), nullable=False, unique=True)

    posts = relationship("Post", secondary=post_tags, back_populates="tags")


post_followers = Table(
    "post_followers",
    Base.metadata,
    Column("post_id", ForeignKey(Post.id), primary_key=True),
    Column("user_id", ForeignKey(User.id), primary_key=True),
)
