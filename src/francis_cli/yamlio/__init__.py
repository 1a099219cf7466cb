"""The one owner of YAML: ``read`` (plain data with positions, safely), ``style`` (how francis writes
a value) and ``splice`` (text edits at parser positions). Nothing else imports a YAML parser."""
