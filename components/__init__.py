"""Rasa graph components of this assistant, named in config.yml by their module path."""
