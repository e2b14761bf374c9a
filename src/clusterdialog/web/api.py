"""The REST API (django-ninja): token auth, one JSON error shape, the apps' routers.

Every error answers with the same shape::

    {"error": {"status": 403, "code": "forbidden", "message": "…", "details": […]}}

Authentication: ``POST /api/auth/token`` with ``{"email", "password"}`` returns
``{"token": …}``; later requests send ``Authorization: Bearer <token>``.  Read
endpoints also answer anonymous callers (published records only); write
endpoints need a token (401) and the same permission as the HTML side (403).
Each app contributes a ``router`` in its ``api`` module, mounted below.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from clusterdialog.errors import InputError
from clusterdialog.web.accounts.tokens import BearerToken, OptionalBearerToken, issue_token
from clusterdialog.web.hooks import APPS, app_modules

__all__ = [
    "api",
    "bearer",
    "error_response",
    "mount_routers",
    "optional_bearer",
    "require_permission",
]

bearer = BearerToken()
optional_bearer = OptionalBearerToken()


class PlatformAPI(NinjaAPI):
    """NinjaAPI whose schema documents the one error shape on every operation.

    Any operation may answer 401 (a token that is sent must be valid) and 422
    (a request that does not match the schema); operations with path parameters
    may answer 404, write operations 403.  Routers declare their other errors.
    """

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        reference = {"$ref": "#/components/schemas/Error"}
        content = {"application/json": {"schema": reference}}
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
            Error.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        schema["components"]["schemas"].update(
            Error.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {})
        )
        schema["components"]["schemas"]["Error"].pop("$defs", None)
        # an optional token is documented as such: anonymous callers are welcome too
        schemes = schema["components"].get("securitySchemes", {})
        schemes.pop("OptionalBearerToken", None)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                if operation.get("security") == [{"OptionalBearerToken": []}]:
                    operation["security"] = [{}, {"BearerToken": []}]
                codes = {"401": "Unauthorised", "422": "Invalid request"}
                if "{" in path:
                    codes["404"] = "Not found"
                if method in ("post", "put", "patch", "delete"):
                    codes["403"] = "Forbidden"
                if "requestBody" in operation:
                    codes["400"] = "Malformed request body"
                responses = operation.setdefault("responses", {})
                for code, description in codes.items():
                    responses.setdefault(code, {"description": description, "content": content})
        return schema


api = PlatformAPI(
    title="clusterdialog",
    version="1",
    description=(
        "Cluster-Dialog platform API: initiatives, organisations, memberships, events, regions. "
        "Authenticate with POST /api/auth/token and send `Authorization: Bearer <token>`."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
}


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    details: list[dict] = []


class Error(Schema):
    """The one error shape of the API."""

    error: ErrorBody


def error_response(
    request: HttpRequest, status: int, message: str, details: list | None = None
) -> HttpResponse:
    """Build a JSON error in the API's one shape."""
    body = {
        "status": status,
        "code": STATUS_CODES.get(status, "error"),
        "message": message,
        "details": details or [],
    }
    return api.create_response(request, {"error": body}, status=status)


def require_permission(user, permission: str, obj=None) -> None:
    """Raise 401 for anonymous callers and 403 when ``user`` lacks ``permission`` on ``obj``."""
    if user is None or not user.is_authenticated:
        raise AuthenticationError()
    if not user.has_perm(permission, obj):
        raise PermissionDenied(f"not allowed: {permission}")


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return error_response(request, 401, "authentication required: send Authorization: Bearer …")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return error_response(request, 403, str(exc) or "not allowed")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, str(exc) or "not found")


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    details = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return error_response(request, 422, "the request does not match the schema", details)


@api.exception_handler(ValidationError)
def _model_invalid(request, exc):
    if hasattr(exc, "message_dict"):
        details = [{"loc": [k], "msg": " ".join(v)} for k, v in exc.message_dict.items()]
    else:
        details = [{"loc": [], "msg": m} for m in exc.messages]
    return error_response(request, 422, "invalid values", details)


@api.exception_handler(InputError)
def _input_error(request, exc):
    return error_response(request, 400, str(exc))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return error_response(request, exc.status_code, str(exc))


class TokenRequest(Schema):
    email: str
    password: str


class TokenResponse(Schema):
    token: str


@api.post(
    "/auth/token",
    response={200: TokenResponse, 401: Error, 403: Error, 429: Error},
    auth=None,
    tags=["auth"],
    summary="Exchange e-mail and password for an API token",
)
def auth_token(request, credentials: TokenRequest):
    token = issue_token(request, credentials.email, credentials.password)
    return {"token": token}


_mounted: list[str] = []


def mount_routers() -> NinjaAPI:
    """Mount every app's ``router`` (from ``<app>.api``) once; called by the URLconf.

    Mounting at URLconf time, not at import, lets an app's ``api`` module import
    this one first without an import cycle.
    """
    for app, module in app_modules("api", [a for a in APPS if a not in _mounted]):
        api.add_router(getattr(module, "PREFIX", f"/{app}"), module.router)
        _mounted.append(app)
    return api
