"""whosaid: who said what in news text (Python binding of libwhosaid).

    import whosaid
    for q in whosaid.extract(text):
        print(q.type, q.speaker, text[q.start:q.end])

extract() and extract_many() work on Python strs (code-point offsets,
byte offsets alongside); speakers() gives a text's speakers and their
quotation counts (the CLI's --speakers); to_dataframe() makes a pandas
DataFrame of quotations (pandas optional); process_file() runs the library's engine over
whole files (text, JSONL, HTML, WARC) and returns its Stats;
whosaid.dask spreads files over a Dask cluster.

The library is loaded with ctypes (no compiler needed): from
$WHOSAID_LIB, else a copy next to this package, else build/ of the source
tree. The GIL is released while library code runs, so threads calling
extract() run in parallel; each thread has its own extractor.
"""

from ._errors import WhosaidError
from ._extract import Extractor, Quote, extract, extract_many, speakers
from ._frame import to_dataframe
from ._native import library_path
from ._run import Failure, Stats, process_file
from ._speakers import Speaker, TextSpan

__version__: str = "0.1.0"

__all__ = [
    "Extractor", "Failure", "Quote", "Speaker", "Stats", "TextSpan", "WhosaidError",
    "extract", "extract_many", "library_path", "process_file", "speakers", "to_dataframe",
]
