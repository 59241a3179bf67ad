"""Currencies as people name them: a pay question "in euros" asks for a conversion.

Shared by the NLU component that reads a currency as a place-like qualifier
(components/qualifiers.py) and the action that answers it (actions/scope_notes.py): the
sources give US dollars only, and converting is a service the assistant doesn't offer.
"""

from __future__ import annotations

import re

CURRENCY = re.compile(
    r"\b(euros?|eur|pounds?|gbp|rupees?|inr|lakhs?|yen|yuan|cad|aud|francs?|pesos?|naira)\b",
    re.IGNORECASE,
)


def is_currency(words: str) -> bool:
    """Whether `words` ("euros", "Pounds") are the name of a currency and nothing else."""
    return bool(CURRENCY.fullmatch(words.strip()))
