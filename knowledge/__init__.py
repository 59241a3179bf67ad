"""What the assistant knows: knowledge/roles.yml and its sources, as typed data.

`knowledge.loader.get_knowledge()` loads the file once, checks it (every answer's sentences
grounded in quotes of the two sources, every key known) and returns `Knowledge`
(knowledge/knowledge_file.py). The package imports neither Rasa's server code nor the
project's actions, servers or channels (tests/test_import_graph.py): the action server answers
from it, the NLU components read its role names from it, and the scripts write Rasa's data
from it.
"""
