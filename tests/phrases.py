"""Messages more than one test module sends, with what they are known to mean."""

from __future__ import annotations

# Two topics in a few words, which the trained model finds equally likely (found by parsing
# pairs of topic words; a retrained model may need another pair): "did you mean" offers both.
BETWEEN_TWO_TOPICS = "salary and duties"
BETWEEN = ("salary", "duties")
