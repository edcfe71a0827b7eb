"""A 功能分类 subject the narrative names with its code ("医疗卫生与计划生育支出（210类）") must carry the
name the tables print for that code ("卫生健康支出"): the two halves of one document name a 科目 alike."""
from __future__ import annotations

from .. import narrative
from ..narrative.rules import CLASSIFIED
from .engine import normalise_item

LEVEL_DIGITS = {"类": 3, "款": 2, "项": 2}


def class_name_findings(doc, finding) -> tuple[list[dict], int]:
    """Findings for named-and-coded subjects whose name differs from the tables', and how many such
    subjects were read. `finding` builds a finding (checks.audit._finding)."""
    printed: dict[str, set[str]] = {}
    for row in doc.facts[doc.facts["code"].fillna("").str.isdigit()].itertuples():
        printed.setdefault(row.code, set()).add(normalise_item(row.item)[0])
    out, checked, seen = [], 0, set()
    for sentence in narrative.blocks_to_sentences(doc.blocks):
        for match in CLASSIFIED.finditer(sentence.text):
            code = ""
            for level, digits in LEVEL_DIGITS.items():
                name, part = match.group(level), match.group(f"{level}_code")
                if not (name and part and len(part) == digits and (level == "类" or code)):
                    break
                code += part
                names = printed.get(code)
                if not names or (code, name) in seen:
                    continue
                seen.add((code, name))
                checked += 1
                if normalise_item(name)[0] not in names:
                    table_name = sorted(names)[0]
                    out.append(finding("N.class_name", f"说明写“{name}（{code}）”，表中为“{table_name}”",
                                       f"the narrative names {code} {name}, the tables {table_name}",
                                       table_name, name, locations=[{"quote": sentence.text, "page": sentence.page}]))
    return out, checked
