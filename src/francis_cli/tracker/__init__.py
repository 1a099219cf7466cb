"""The tracker, loaded: where its files are (``paths``), where they come from (``sources``, ``git``,
``revisions``), reading them fast (``read``, ``cache``), validating each (``validate``,
``messages``), and the loaded whole (``corpus``) with what moved between two states (``movement``)."""
