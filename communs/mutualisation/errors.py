"""Domain errors of pooling: each carries a code and a translated message; nothing changed."""

from __future__ import annotations


class PoolingError(Exception):
    """A refused action. `code` is stable for the API; the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message
