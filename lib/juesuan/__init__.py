"""juesuan: Chinese departmental final accounts (部门决算) and budgets (部门预算) as exact, tidy data.

    >>> import juesuan
    >>> doc = juesuan.load("xinzhou-hrss-2022")   # a catalog doc_id or a path to a PDF/HTML/text file
    >>> doc.facts                                  # one row per printed number, values in 元 as Decimal
    >>> col = juesuan.collection(department="江苏省/人民检察院")   # many documents of the catalog
    >>> col.facts                                  # the same facts across them, with department_id, year, kind

The names below are imported on first use, so `import juesuan` (and `juesuan --help`) stays cheap.
"""
from .errors import ParameterError, ReadError, UsageError

__version__ = "0.1.0"
__all__ = ["FACT_COLUMNS", "Collection", "Document", "ParameterError", "ReadError", "UsageError", "collection", "load"]

_FROM_DOCUMENT = ("FACT_COLUMNS", "Document", "load")
_FROM_COLLECTION = ("Collection", "collection")


def __getattr__(name: str):
    if name in _FROM_DOCUMENT:
        from . import checks, document  # checks gives documents their audit

        return getattr(document, name)
    if name in _FROM_COLLECTION:
        from . import checks, corpus  # checks gives collections their checks across documents

        return getattr(corpus, name)
    raise AttributeError(f"module 'juesuan' has no attribute {name!r}")
