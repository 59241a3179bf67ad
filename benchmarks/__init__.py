"""Benchmark and load tools: our config against Rasa's default, measured on the real servers."""
