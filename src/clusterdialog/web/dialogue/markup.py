"""Markdown-lite for posts and comments: everything escaped, a few safe formats added.

Users write plain text.  The renderer escapes every character that HTML would
interpret *first* and only then adds a fixed set of tags it generates itself, so
no user input can ever produce markup of its own:

* blank lines separate paragraphs, single line breaks become ``<br>``;
* lines starting with ``- `` or ``* `` form a bulleted list;
* ``**bold**`` and ``*italic*``;
* ``http://`` and ``https://`` addresses become links (``rel="nofollow noopener"``);
  no other schemes (``javascript:`` stays text).
"""

from __future__ import annotations

import re
from itertools import groupby

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["render_markup"]

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
# Applied to escaped text: quotes are &quot;/&#x27;, angle brackets &lt;/&gt;, so a URL
# ends at whitespace or at the start of an entity.
_URL = re.compile(r"https?://[^\s&]+(?:&amp;[^\s&]+)*")
_LIST_ITEM = re.compile(r"^[-*]\s+(.*)$")


def _inline(escaped: str) -> str:
    def link(match: re.Match) -> str:
        url = match.group(0)
        trailing = ""
        while url and url[-1] in ".,;:!?)":
            trailing = url[-1] + trailing
            url = url[:-1]
        return f'<a href="{url}" rel="nofollow noopener">{url}</a>{trailing}'

    text = _URL.sub(link, escaped)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def render_markup(text: str | None) -> SafeString:
    """Render plain text with the markdown-lite conventions as safe HTML.

    >>> str(render_markup("Hallo <script>x</script> **Welt**"))
    '<p>Hallo &lt;script&gt;x&lt;/script&gt; <strong>Welt</strong></p>'
    >>> str(render_markup("Liste:\\n- eins\\n- zwei"))
    '<p>Liste:</p><ul><li>eins</li><li>zwei</li></ul>'
    """
    if not text:
        return mark_safe("")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    html: list[str] = []
    for block in blocks:
        lines = [line.rstrip() for line in block.split("\n")]
        # runs of list items become lists, runs of other lines paragraphs
        for is_list, group in groupby(lines, key=lambda line: bool(_LIST_ITEM.match(line.strip()))):
            run = list(group)
            if is_list:
                items = "".join(
                    f"<li>{_inline(escape(_LIST_ITEM.match(line.strip()).group(1)))}</li>"
                    for line in run
                )
                html.append(f"<ul>{items}</ul>")
            else:
                html.append("<p>" + "<br>".join(_inline(escape(line)) for line in run) + "</p>")
    return mark_safe("".join(html))  # noqa: S308 (every user character was escaped above)
