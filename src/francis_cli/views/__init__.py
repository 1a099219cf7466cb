"""Views: questions asked of a loaded tracker, answered as plain view-models (dataclasses of ids,
labels, numbers and dates) that every renderer shows the same way. One module per question."""
