"""Organisations and the roles their actions are led by: ``data/organisations.yaml``."""

from __future__ import annotations

from pydantic import Field

from .common import RoleId, Slug, Strict, Text


class Organisation(Strict):
    id: Slug
    name: Text
    roles: dict[RoleId, Text] = Field(default_factory=dict)
    """Role abbreviation → its title, e.g. ``DoQ: Director of Quality``."""


class OrganisationsFile(Strict):
    organisations: list[Organisation] = Field(default_factory=list)
