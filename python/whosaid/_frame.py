"""Quotations as a pandas DataFrame: whosaid.to_dataframe."""

import dataclasses
from typing import Any, Iterable, List

from ._extract import Quote

# The columns, in Quote's field order: a frame of no quotation has them too.
COLUMNS: List[str] = [f.name for f in dataclasses.fields(Quote)]
# The offsets: pandas' nullable Int64, so that an absent span is <NA> and
# the others stay integers (not floats, as None would make them).
OFFSETS = [c for c in COLUMNS if c in ("start", "end") or c.endswith(("_start", "_end"))]


def to_dataframe(quotes: Iterable[Quote]) -> Any:
    """A pandas DataFrame of `quotes` (what extract() returns), one row per
    Quote and one column per field; absent spans are <NA>.

    pandas is optional (Debian: python3-pandas): without it this raises
    ImportError saying so, and the rest of whosaid works as before."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("whosaid.to_dataframe needs pandas, which is not installed "
                          "(Debian: apt-get install python3-pandas)") from e
    quotes = list(quotes)
    for q in quotes:
        if not isinstance(q, Quote):
            raise TypeError("whosaid.to_dataframe takes Quotes, not %s" % type(q).__name__)
    columns = {}
    for c in COLUMNS:
        values = [getattr(q, c) for q in quotes]
        columns[c] = pandas.array(values, dtype="Int64" if c in OFFSETS else object)
    return pandas.DataFrame(columns, columns=COLUMNS)
