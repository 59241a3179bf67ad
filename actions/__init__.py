"""Custom actions of the TPM career assistant.

The action server imports every module of this package; each action reads the role knowledge
file through `knowledge.loader.get_knowledge()`, which loads and validates it once.
"""
