"""`python -m serving run ...`: Rasa's own command line, with CarefulMessageProcessor.

Rasa has no setting for the processor class; the agent builds a `MessageProcessor` from the name
it imported. Pointing that name at our subclass before Rasa starts is the one change made to
Rasa's behaviour, and every other argument is Rasa's (`python -m serving run --help`).
"""

from __future__ import annotations

import rasa.core.agent
from rasa.__main__ import main

from serving.processor import CarefulMessageProcessor

rasa.core.agent.MessageProcessor = CarefulMessageProcessor  # type: ignore[misc]

if __name__ == "__main__":
    main()
