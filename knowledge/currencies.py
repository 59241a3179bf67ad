"""Currencies as people name them: a pay question "in euros" asks for a conversion.

Shared by the NLU component that reads a currency as a place-like qualifier
(components/qualifiers.py) and the action that answers it (actions/scope_notes.py): the
sources give US dollars only, and converting is a service the assistant doesn't offer.
"""

from __future__ import annotations

import re

CURRENCY = re.compile(
    r"\b(euros?|eur|pounds?|gbp|rupees?|inr|lakhs?|yen|yuan|cad|aud|francs?|pesos?|naira|reais"
    r"|brl|rand|zar|ringgit|zlotys?|kronor|kroner|krona|shekels?|liras?|baht|rubles?|roubles?"
    r"|renminbi|rmb|sgd|aed|dirhams?|riyals?|dinars?|shillings?|cedis?|mxn|chf|jpy|cny|nzd)\b",
    re.IGNORECASE,
)


def is_currency(words: str) -> bool:
    """Whether `words` ("euros", "Pounds") are the name of a currency and nothing else."""
    return bool(CURRENCY.fullmatch(words.strip()))


# A pay-sized amount ("99910", "88,000", "99k") and the words that point to pay or to a figure
# just given ("the us number", "that", "the salary").
PAY_AMOUNT = re.compile(r"\b\d{2,3}[,.]?\d{3}\b|\b\d{2,3}\s?k\b", re.IGNORECASE)
PAY_REFERENCE = re.compile(
    r"\b(?:salary|salaries|pay|paid|wages?|earn\w*|income|number|figures?|amount|average"
    r"|that|it|those|them)\b",
    re.IGNORECASE,
)

# Pay named in a question ("do women get paid less", "what do they make"): without it, "how much
# pto do tpms get" asks no pay, however a classifier reads "how much".
PAY_NAMED = re.compile(
    r"\$|\b(?:salary|salaries|pay|paid|pays|wages?|earn\w*|income|money|make|makes|comp"
    r"|compensation)\b",
    re.IGNORECASE,
)


def converts_pay(text: str) -> bool:
    """Whether `text` asks for pay in another currency: a currency with a pay-sized amount or a
    word for pay or a figure ("convert 99910 dollars into euros", "the us number in rupees"),
    not an exchange rate or a small sum ("convert 100 dollars to euros")."""
    return bool(CURRENCY.search(text)) and bool(
        PAY_AMOUNT.search(text) or PAY_REFERENCE.search(text)
    )
