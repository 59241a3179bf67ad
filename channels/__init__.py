"""Input channels of the Rasa server that Rasa's built-in ones don't cover as we need.

Loaded by the Rasa server through module paths in credentials.yml. Kept out of `actions/`,
which the action server imports wholesale: nothing here belongs to the action server.
"""

from serving.started_here import refuse

# Rasa's own `rasa run` loads these channels from credentials.yml: it is refused, in one line.
refuse()
