"""The exception the binding raises for a library error."""


class WhosaidError(Exception):
    """A libwhosaid error: `code` (the ws_status value), `name` (its
    Python key, e.g. "too_large"), `message` (the library's static
    message), `position` (the byte offset in the input it concerns) and
    `line` (the 1-based JSONL line, 0 where it does not apply).

    A failed allocation (WS_ERR_NOMEM) raises MemoryError instead."""

    def __init__(self, code: int, message: str, position: int = 0, line: int = 0):
        self.code = code
        self.message = message
        self.position = position
        self.line = line
        where = " (byte %d)" % position if position else ""
        if line:
            where = " (line %d, byte %d)" % (line, position)
        super().__init__("%s%s" % (message, where))

    @property
    def name(self) -> str:
        from ._native import STATUS_KEYS
        return STATUS_KEYS[self.code] if 0 <= self.code < len(STATUS_KEYS) else "unknown"

    def __reduce__(self):
        # picklable, so that it crosses process boundaries (Dask workers)
        return (WhosaidError, (self.code, self.message, self.position, self.line))
