"""MkDocs hook: a page title taken from front matter is plain text; the theme prints it as HTML.

Material writes `page.meta.title` into the page header and the <title> element unescaped, which is
right for the HTML titles MkDocs takes from headings but not for a readout's own title. Escaping
it here keeps a title like "<script>" as text in every place the theme shows it.
"""

import html


def on_page_markdown(markdown, page, config, files):
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=True)
    return markdown
