"""Input channels of the Rasa server that Rasa's built-in ones don't cover as we need.

Loaded by the Rasa server through module paths in credentials.yml. Kept out of `actions/`,
which the action server imports wholesale: nothing here belongs to the action server.
"""
