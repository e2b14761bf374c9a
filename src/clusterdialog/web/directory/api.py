"""REST API of the directory: initiatives, organisations, memberships, regions.

Reads answer anonymous callers with published records; a token widens the view
as on the HTML side.  Writes need a token (401) and the same permission as the
HTML side (403); records the caller may not see are 404; values the model
rejects (unknown codes, invalid addresses …) are 422.  Lists take ``limit``
and ``offset`` and answer ``{"count": n, "items": [...]}``.
"""

from ninja import Router

from clusterdialog.web.directory import api_initiatives, api_memberships, api_organisations

__all__ = ["PREFIX", "router"]

#: Mounted at ``/api`` itself: ``/api/initiatives``, ``/api/organisations`` …
PREFIX = ""
router = Router(tags=["directory"])
router.add_router("", api_initiatives.router)
router.add_router("", api_organisations.router)
router.add_router("", api_memberships.router)
