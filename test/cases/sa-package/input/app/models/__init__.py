"""The models package: importing it registers every model on Base.metadata."""
from app.models.base import Base
from app.models.order import Order, OrderStatus
from app.models.user import User

__all__ = ["Base", "Order", "OrderStatus", "User"]
