"""The OpenAPI schema documents the error answers every operation can give.

drf-spectacular documents only the success answer; a client (and the fuzzer in tests/fuzz) must
also know which errors to expect, all in the one error shape of :mod:`zhifa.core.api`:

- 400 when the operation takes query parameters or a body, or changes something (the input and
  the service's rules are checked: deleting a photo that is not there is a 400 too);
- 401 and 403 when it needs a signed-in user (not signed in; signed in without the role), and 403
  for a public write too (the token request of a locked account);
- 404 when the path names an object (outsiders get 404, never 403);
- 413 when it takes a body (a body over the size limit);
- 503 always (the database is read-only, full or unreachable: :mod:`zhifa.core.outage`).

An answer an operation already documents is left as it is.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "错误：说明、代码和各字段的错误",
    "properties": {
        "detail": {"type": "string", "description": "中文说明"},
        "code": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "code", "errors"],
}
DESCRIPTIONS = {
    "400": "输入有误（各字段的错误见 errors）",
    "401": "未登录或令牌无效、已过期",
    "403": "无权执行此操作",
    "404": "对象不存在或不在本人的权限范围内",
    "413": "请求体过大",
    "503": "数据库暂时不可用（只读、空间已满或无法连接），本次操作未保存",
}
METHODS = {"get", "post", "put", "patch", "delete"}


def error_codes(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    """The error answers ``operation`` can give (see the module's docstring)."""
    security = operation.get("security") or []
    signed_in = any(requirement for requirement in security)
    has_input = "requestBody" in operation or any(
        p.get("in") == "query" for p in operation.get("parameters", [])
    )
    codes = []
    if has_input or method != "get":
        codes.append("400")
    if signed_in:
        codes.append("401")
    if signed_in or method != "get":
        codes.append("403")
    if "{" in path:
        codes.append("404")
    if "requestBody" in operation:
        codes.append("413")
    codes.append("503")
    return codes


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook (settings.SPECTACULAR_SETTINGS)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"$ref": "#/components/schemas/Error"}
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code in error_codes(path, method, operation):
                responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return result
