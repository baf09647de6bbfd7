# SPDX-License-Identifier: GPL-3.0-or-later
"""Small helpers shared by the simulator's modules: time formats, ids, the error shape."""

import datetime
import hashlib
import time
import uuid

DOC_URL = "https://docs.altostrat.io/errors/"
UNAUTHORIZED_MESSAGE = "Unauthorized or invalid token provided."
# The example site id of the OpenAPI document; the seeded default tenant's first site.
EXAMPLE_SITE_ID = "9c69345c-8d39-4786-9f17-8153c988c89a"
NAMESPACE = uuid.UUID("5b0d8c52-3f7e-4a4e-9a55-0e5d6a1f2c11")
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class ApiError(Exception):
    """An error answered with the documented `{type, code, message, doc_url}` body."""

    def __init__(self, status, code, message, type_="invalid_request_error", headers=None, field=None,
                 laravel_message=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.type = type_
        self.headers = headers or {}
        # For the realistic profile's Laravel bodies: the field a validation error is about, and
        # the message a Laravel service would give instead of ours.
        self.field = field
        self.laravel_message = laravel_message

    def body(self):
        return error_body(self.code, self.message, self.type)


def error_body(code, message, type_="invalid_request_error"):
    return {"type": type_, "code": code, "message": message, "doc_url": DOC_URL + code}


def not_found(what, ident):
    model = "".join(part.capitalize() for part in what.split())
    return ApiError(404, "resource_missing", f"{what} {ident} not found",
                    laravel_message=f"No query results for model [App\\Models\\{model}] {ident}")


def now():
    return time.time()


def iso(ts):
    """Laravel-style timestamps (`2025-10-29T12:05:10.000000Z`), as the API serialises its models."""
    if ts is None:
        return None
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).isoformat(timespec="microseconds")[:-6] + "Z"


def iso_offset(ts):
    """The `+00:00` form used by the developer API (`date`) and job notifications."""
    if ts is None:
        return None
    return datetime.datetime.fromtimestamp(int(ts), datetime.timezone.utc).isoformat()


def ago(seconds):
    """A human 'time ago' string in the style of the API's `last_seen` field."""
    seconds = max(0, int(seconds))
    if seconds < 1:
        return "just now"
    for unit, size in (("year", 31536000), ("month", 2592000), ("week", 604800), ("day", 86400),
                       ("hour", 3600), ("minute", 60), ("second", 1)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"


def routeros_uptime(seconds):
    """RouterOS uptime notation, e.g. `2w3d04:05:06` -> `2w3d4h5m6s`."""
    seconds = max(0, int(seconds))
    parts = []
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size or (unit == "s" and not parts):
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts)


def human_size(size):
    if size < 1024:
        return f"{size}B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f}KB"
    return f"{size / (1024 * 1024):.1f}MB"


def base62(number, width):
    chars = []
    while number:
        number, rem = divmod(number, 62)
        chars.append(BASE62[rem])
    return "".join(reversed(chars)).rjust(width, "0")[-width:]


def short_token(job_id):
    """The job's short `token`: base62 of its uuid, as used to filter the job's logs."""
    return base62(uuid.UUID(job_id).int, 10)


def stable_uuid(name):
    return str(uuid.uuid5(NAMESPACE, name))


def stable_hash(text, length=64):
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return len(str(value)) == 36
