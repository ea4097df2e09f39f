"""MkDocs hook: front matter the theme needs in another form.

A page title taken from front matter is plain text; the theme prints it as HTML. Material writes
`page.meta.title` (and `page.meta.description`) into the page header, the <title> element and a
<meta> tag unescaped, which is right for the HTML titles MkDocs takes from headings but not for a
readout's own title. Escaping them here keeps a title like "<script>" as text wherever the theme
shows it.

Before that, the page's head metadata is made from its front matter as written: OpenGraph tags
and, on a readout's page, schema.org JSON-LD (generator/metadata.py), printed by main.html.

The home page's title is the site's name, which the theme adds to every title already.

A redirect page (a readout's earlier address) names the content file it sends the reader to;
the redirect.html template needs that page's address relative to its own, whatever the site's URL
style and wherever it is served. A redirect to no page fails the build.
"""

import html

from mkdocs.exceptions import PluginError

from generator.metadata import json_ld, open_graph


def on_page_markdown(markdown, page, config, files):
    meta = page.meta
    meta["head"] = {
        "og": open_graph(meta, page.canonical_url, config.site_name),
        "jsonld": json_ld(meta, page.canonical_url, config.site_name, config.site_url),
    }
    if page.is_homepage and meta.get("title") == config.site_name:
        del meta["title"]  # the theme would print "Summit Archive - Summit Archive"
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
    redirect = meta.get("redirect")
    if redirect is not None:
        target = files.get_file_from_path(str(redirect))
        if target is None or not target.is_documentation_page():
            raise PluginError(f"{page.file.src_uri} redirects to {redirect}, which is no page")
        meta["redirect_url"] = target.url_relative_to(page.file)
    return markdown
