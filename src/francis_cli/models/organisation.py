"""Organisations and the roles their actions are led by: ``data/organisations.yaml``."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import RoleId, Slug, Strict, Text

ASSUMED_TITLE = ", title assumed"
"""Said after a title the organisation's own papers do not print: ``Accountable Officer, title assumed``."""


class Organisation(Strict):
    id: Slug
    name: Text
    roles: dict[RoleId, Text] = Field(default_factory=dict)
    """Role abbreviation → its title, e.g. ``DoQ: Director of Quality``."""
    assumed_titles: list[RoleId] = Field(
        default_factory=list,
        description=(
            "Roles whose title is not printed in the organisation's own papers: the abbreviation is "
            "theirs, the title an assumed expansion. Every output shows such a title as assumed."
        ),
    )

    @model_validator(mode="after")
    def _assumed_are_roles(self) -> Self:
        unknown = [r for r in self.assumed_titles if r not in self.roles]
        if unknown:
            raise PydanticCustomError(
                "assumed_role", "`assumed_titles` names {roles}, not among `roles`", {"roles": ", ".join(unknown)}
            )
        return self

    def role_titles(self) -> dict[str, str]:
        """Each role's title as every output shows it: an assumed one says so, so that a reader does
        not take the tracker's expansion of an abbreviation for the organisation's own words."""
        return {r: f"{t}{ASSUMED_TITLE}" if r in self.assumed_titles else t for r, t in self.roles.items()}

    def role_title(self, role: str) -> str:
        """The title of ``role`` as shown (the role itself when the organisation does not list it)."""
        return self.role_titles().get(role, role)


class OrganisationsFile(Strict):
    organisations: list[Organisation] = Field(default_factory=list)
