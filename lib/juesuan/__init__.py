"""juesuan: Chinese departmental final accounts (部门决算) and budgets (部门预算) as exact, tidy data.

    >>> import juesuan
    >>> doc = juesuan.load("xinzhou-hrss-2022")   # a catalog doc_id or a path to a PDF/HTML/text file
    >>> doc.facts                                  # one row per printed number, values in 元 as Decimal
"""
from .document import FACT_COLUMNS, Document, load
from .errors import ReadError

__version__ = "0.1.0"
__all__ = ["FACT_COLUMNS", "Document", "ReadError", "load"]
