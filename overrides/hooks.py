"""MkDocs hook: front matter the theme needs in another form.

A page title taken from front matter is plain text; the theme prints it as HTML. Material writes
`page.meta.title` into the page header and the <title> element unescaped, which is right for the
HTML titles MkDocs takes from headings but not for a readout's own title. Escaping it here keeps a
title like "<script>" as text in every place the theme shows it.

A redirect page (a readout's earlier address) names the content file it sends the reader to;
the redirect.html template needs that page's address relative to its own, whatever the site's URL
style and wherever it is served. A redirect to no page fails the build.
"""

import html

from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, config, files):
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=True)
    redirect = page.meta.get("redirect")
    if redirect is not None:
        target = files.get_file_from_path(str(redirect))
        if target is None or not target.is_documentation_page():
            raise PluginError(f"{page.file.src_uri} redirects to {redirect}, which is no page")
        page.meta["redirect_url"] = target.url_relative_to(page.file)
    return markdown
