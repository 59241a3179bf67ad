"""How the Rasa server runs here: Rasa's own server with a more careful message processor."""
