"""The narrative (情况说明, performance text) → claims: one row per stated figure, without verdicts.

    >>> from juesuan import narrative
    >>> claims = narrative.blocks_to_claims(doc.blocks)       # kind, subject, basis, stated, unit …
    >>> narrative.form_observations(doc.blocks)              # placeholders, years, 截至 dates, punctuation
    >>> narrative.blocks_to_outline(doc.blocks)              # cover, contents, headings with pages

The rules (units, markers, subjects, funds, direction words) are data in `narrative.rules`.
"""
from .claims import CLAIM_COLUMNS, blocks_to_claims
from .form import FORM_COLUMNS, as_of_observations, form_observations
from .outline import Heading, Outline, blocks_to_outline
from .sentences import blocks_to_sentences, sentences

__all__ = ["CLAIM_COLUMNS", "FORM_COLUMNS", "Heading", "Outline", "as_of_observations", "blocks_to_claims",
           "blocks_to_outline", "blocks_to_sentences", "form_observations", "sentences"]
