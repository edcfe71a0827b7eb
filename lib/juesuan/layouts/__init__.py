"""Layout specs, one module per published layout. `LAYOUTS` lists them in detection order."""
from .jiangsu_budget import LAYOUT as JIANGSU_BUDGET
from .national import LAYOUT as NATIONAL
from .shanghai import LAYOUT as SHANGHAI
from .shanghai_budget import LAYOUT as SHANGHAI_BUDGET
from .spec import SHAPES, Layout, TableSpec

LAYOUTS: tuple[Layout, ...] = (NATIONAL, SHANGHAI, JIANGSU_BUDGET, SHANGHAI_BUDGET)


def get(layout_id: str) -> Layout:
    for layout in LAYOUTS:
        if layout.id == layout_id:
            return layout
    raise KeyError(f"unknown layout {layout_id!r}; known: {', '.join(l.id for l in LAYOUTS)}")


__all__ = ["LAYOUTS", "SHAPES", "Layout", "TableSpec", "get"]
