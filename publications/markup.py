"""The organizers' text as HTML: a small Markdown (headings, lists, emphasis, links), with any
HTML typed shown as text and links other than http(s)/mailto/tel refused (markdown-it-py's
"js-default" preset: CommonMark without raw HTML, with link validation)."""

from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("js-default")


def render(text: str) -> str:
    return mark_safe(_markdown.render(text or ""))  # raw HTML in the text is escaped
