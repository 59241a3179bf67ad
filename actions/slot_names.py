"""The names of the domain's slots that more than one action module reads or sets.

Each is declared once here, as `domain.yml` declares it once; a module that is the only one to
use a slot keeps its name to itself.
"""

# The role the conversation is about (domain.yml: `role`); empty means the default role.
ROLE_SLOT = "role"
