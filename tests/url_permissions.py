"""Rows for the project-level URLs (accounts, language, health)."""

from .permission_table import ROLES, Row

everyone = dict.fromkeys(ROLES, 200)

ROWS = {
    "healthz": Row(expect=everyone),
    "login": Row(expect=everyone),
    # Logging out is a POST; a GET is refused for everyone.
    "logout": Row(expect={**dict.fromkeys(ROLES, 405), "anonymous": 302}),
    "password_change": Row(expect={**dict.fromkeys(ROLES, 200), "anonymous": 302}),
    "password_change_done": Row(expect={**dict.fromkeys(ROLES, 200), "anonymous": 302}),
    # Without a POST the language view just sends the user back.
    "set_language": Row(expect=dict.fromkeys(ROLES, 302)),
}
