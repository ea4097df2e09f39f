"""What a reader does, in a real headless browser: search, open a readout, follow a leader,
reach the timeline."""

import re


def settled(page):
    """The Search page once its script has answered the latest query or filter change."""
    page.locator("#summit-search[aria-busy='false']").wait_for(timeout=10000)
    return page.locator(".summit-search__result")


def search(page, query):
    """Search as a reader does from any page: type into the header's box and submit. The site's
    one search (Pagefind) answers on the Search page, which the box opens with ?q=."""
    field = page.locator(".summit-header-search__input")
    field.fill(query)
    field.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = settled(page)
    results.first.wait_for(timeout=5000)
    return results


def test_search_finds_a_readout_by_leader_name_and_phrase(page, site_server):
    page.goto(site_server + "/")
    results = search(page, "Putin")
    assert results.count() > 0
    titles = " ".join(results.all_inner_texts())
    assert "Putin" in titles
    page.goto(site_server + "/")
    results = search(page, "shimmering")
    assert "Zhongnanhai" in " ".join(results.all_inner_texts())
    assert page.locator("#summit-search-q").input_value() == "shimmering"
    assert page.locator(".summit-search__excerpt mark").first.inner_text().lower() == "shimmering"


def test_header_search_finds_a_topic_from_a_readout_page(page, site_server):
    page.goto(site_server + "/leaders/vladimir-putin/")
    results = search(page, "Ukraine crisis")
    assert results.count() >= 2
    page.select_option("select[name=topic]", "Ukraine crisis")
    assert 2 <= settled(page).count() <= results.count()


def titles(results):
    return [t.split("\n")[0] for t in results.all_inner_texts()]


def test_search_page_filters_narrow_results_and_open_one(page, site_server):
    page.goto(site_server + "/")
    page.locator(".md-tabs__link", has_text="Search").click()
    page.wait_for_url(re.compile(r"/search/$"))
    page.locator("#summit-search-q").fill("President")
    page.locator("#summit-search-q").press("Enter")
    everything = titles(settled(page))
    assert len(everything) >= 5

    page.select_option("select[name=leader]", "Xi Jinping")
    page.wait_for_url(re.compile(r"leader=Xi\+Jinping"))
    with_xi = titles(settled(page))
    assert 2 <= len(with_xi) < len(everything)
    assert set(with_xi) <= set(everything)

    page.select_option("select[name=format]", "talks")
    page.wait_for_url(re.compile(r"format=talks"))
    xi_talks = titles(settled(page))
    assert 1 <= len(xi_talks) < len(with_xi)
    assert set(xi_talks) <= set(with_xi)
    assert any("Talks" in title for title in xi_talks)
    assert page.locator(".summit-search__status").inner_text().startswith(str(len(xi_talks)))

    # Filters alone, no words: every readout with Xi Jinping in talks (assets/search.js finds
    # them by the word every readout page holds, so as not to fetch the whole word index).
    page.locator("#summit-search-q").fill("")
    page.locator("#summit-search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?leader="))
    unworded = titles(settled(page))
    assert set(xi_talks) <= set(unworded)
    assert page.locator(".summit-search__excerpt mark").count() == 0
    page.locator("#summit-search-q").fill("President")
    page.locator("#summit-search-q").press("Enter")
    page.wait_for_url(re.compile(r"q=President"))
    settled(page)

    page.select_option("select[name=sort]", "oldest")
    settled(page)
    days = page.locator(".summit-search__day").all_inner_texts()
    assert len(days) == len(xi_talks)

    # The address holds the whole search: reloading it gives the same answer.
    page.reload()
    assert titles(settled(page)) == titles(page.locator(".summit-search__result"))
    assert page.locator("select[name=leader]").input_value() == "Xi Jinping"
    assert sorted(titles(page.locator(".summit-search__result"))) == sorted(xi_talks)

    page.locator(".summit-search__title").first.click()
    page.wait_for_url(re.compile(r"/readouts/"))
    facts = page.locator("article .admonition").first.inner_text()
    assert "Xi Jinping" in facts and "Format: talks" in facts


def test_reader_opens_readout_follows_leader_and_reaches_timeline(page, site_server):
    page.goto(site_server + "/")
    results = search(page, "Zhongnanhai")
    results.locator("a[href*='readouts/000-7dcf29c1458b0db6']").first.click()
    page.wait_for_url(re.compile(r"/readouts/000-7dcf29c1458b0db6/"))
    assert "Small-group Talks" in page.locator("h1").first.inner_text()

    page.locator("article a[href*='leaders/vladimir-putin']").first.click()
    page.wait_for_url(re.compile(r"/leaders/vladimir-putin/"))
    assert "Vladimir Putin" in page.locator("h1").first.inner_text()
    assert page.locator("article a[href*='readouts/']").count() >= 2

    page.locator(".md-tabs__link", has_text="Timeline").click()
    page.wait_for_url(re.compile(r"/timeline/"))
    assert "2024" in page.locator("article").inner_text()


def test_search_forgives_spellings_and_shows_date_publisher_and_principals(page, site_server):
    page.goto(site_server + "/")
    results = search(page, "Zelensky")  # the readout writes "Zelenskyy"
    assert results.count() == 1
    result = results.first.inner_text()
    assert "President Zelenskyy" in result and "9 October 2024" in result
    assert "10 Downing Street" in result  # the publisher
    principals = page.locator(".summit-search__who").first.inner_text()
    assert sorted(principals.split(", ")) == ["Keir Starmer", "Volodymyr Zelenskyy"]
    page.goto(site_server + "/")
    results = search(page, "Macron")
    excerpts = page.locator(".summit-search__excerpt").all_inner_texts()
    assert excerpts and not any("Format:" in e or "Principals:" in e for e in excerpts)


def test_facets_follow_the_query_take_a_date_range_and_clear(page, site_server):
    page.goto(site_server + "/search/?q=Macron")
    everything = titles(settled(page))
    leaders = page.locator("select[name=leader] option:not([hidden])").all_inner_texts()
    assert "Emmanuel Macron (3)" in leaders or any(o.startswith("Emmanuel Macron (") for o in leaders)
    assert not any(o.endswith("(0)") for o in leaders)  # values the query leaves empty are hidden
    assert page.locator(".summit-search__clear").is_hidden()

    page.select_option("select[name=from]", "2024-04")
    page.wait_for_url(re.compile(r"from=2024-04"))
    in_2024 = titles(settled(page))
    assert 1 <= len(in_2024) < len(everything)
    assert all("2024" in d for d in page.locator(".summit-search__day").all_inner_texts())
    page.select_option("select[name=to]", "2024-05")
    page.wait_for_url(re.compile(r"to=2024-05"))
    in_spring = titles(settled(page))
    assert 1 <= len(in_spring) < len(in_2024)
    assert all(" April 2024" in d or " May 2024" in d
               for d in page.locator(".summit-search__day").all_inner_texts())
    page.reload()  # the address holds the range
    assert titles(settled(page)) == in_spring
    assert page.locator("select[name=from]").input_value() == "2024-04"

    page.locator(".summit-search__clear").click()
    page.wait_for_url(re.compile(r"/search/\?q=Macron$"))
    assert sorted(titles(settled(page))) == sorted(everything)
    assert page.locator("select[name=from]").input_value() == ""


def test_statements_link_to_their_paragraph(page, site_server):
    page.goto(site_server + "/statements/topics/ukraine-crisis/")
    first = page.locator("article li").first
    quote = first.inner_text()
    first.locator("a", has_text="paragraph").click()
    page.wait_for_url(re.compile(r"/readouts/.+#p\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    paragraph = page.locator(f"p#{anchor}").inner_text()
    assert paragraph and quote.split("“", 1)[1][:40] in paragraph


def open_tab(page, site_server, tab):
    """From the home page, the navigation tab a reader clicks."""
    page.goto(site_server + "/")
    page.locator(".md-tabs__link", has_text=tab).click()
    page.wait_for_url(re.compile(rf"/{tab.lower()}/$"))


def test_reader_compares_two_accounts_of_one_meeting(page, site_server):
    open_tab(page, site_server, "Events")
    page.locator("article a", has_text="Xi Jinping and Vladimir Putin").first.click()
    page.wait_for_url(re.compile(r"/events/2024-05-16-xi-jinping-vladimir-putin/"))
    table = page.locator("article table").first
    assert table.locator("th").all_inner_texts()[1:] == ["Account 1", "Account 2"]
    assert "President of Russia" in table.inner_text()
    accounts = table.locator("a[href*='readouts/']")
    assert accounts.count() == 2
    assert "Cai Qi" in table.inner_text() and "Sergei Lavrov" in table.inner_text()
    accounts.nth(1).click()
    page.wait_for_url(re.compile(r"/readouts/ru-2024-05-16-putin-xi-informal-conversation/"))
    assert "Informal meeting" in page.locator("h1").first.inner_text()
    page.locator("article a", has_text="Xi Jinping and Vladimir Putin, 16 May 2024").first.click()
    page.wait_for_url(re.compile(r"/events/2024-05-16-xi-jinping-vladimir-putin/"))


def test_reader_finds_who_attended_a_summit(page, site_server):
    open_tab(page, site_server, "Summits")
    page.locator("article a", has_text="G20 Summit 2019, Osaka").first.click()
    page.wait_for_url(re.compile(r"/summits/g20-2019/"))
    attended = page.locator("article h2:has-text('Who attended') + p + ul > li")
    assert attended.count() == 19
    page.locator("article a", has_text="Mauricio Macri").first.click()
    page.wait_for_url(re.compile(r"/leaders/mauricio-macri/"))
    assert page.locator("article h3", has_text="Met at").count() == 1


def network_rows(page):
    """The network page's list, a row per leader drawn (its first link is the leader)."""
    return page.locator("article li:has(> span[data-leader])")


def leader_ids(locator):
    return sorted(locator.evaluate_all("els => els.map(e => e.dataset.leader)"))


def test_reader_filters_the_network_by_country_and_by_year(page, site_server):
    open_tab(page, site_server, "Network")
    assert page.locator("h1").first.inner_text().startswith("Who met whom\u00b6")
    rows = network_rows(page)
    assert rows.count() == 10
    page.select_option("select[name=country]", "Russia")
    page.wait_for_url(re.compile(r"\?country=Russia$"))
    shown = [row.inner_text().split(",")[0] for row in rows.all() if row.is_visible()]
    assert sorted(shown) == ["Sergei Lavrov", "Vladimir Putin", "Wang Yi", "Xi Jinping"]
    assert page.locator(".network-filter__status").inner_text().startswith("4 of 10 leaders")
    figure = page.locator("figure.network--archive")
    assert leader_ids(figure.locator(".network__point.is-lit")) == [
        "sergei-lavrov", "vladimir-putin", "wang-yi", "xi-jinping"]
    assert leader_ids(figure.locator(".network__point.is-centre")) == [
        "sergei-lavrov", "vladimir-putin"]  # Russia's own
    assert figure.locator(".network__line.is-lit").count() == 2  # Putin–Xi, Lavrov–Wang Yi
    page.reload()  # the address keeps the country
    assert page.locator("select[name=country]").input_value() == "Russia"
    assert sum(row.is_visible() for row in rows.all()) == 4

    page.get_by_role("link", name="2023", exact=True).click()  # the year, for the same country
    page.wait_for_url(re.compile(r"/network/2023/\?country=Russia$"))
    assert page.locator("h1").first.inner_text().startswith("Who met whom in 2023")
    assert leader_ids(page.locator("figure.network .network__point")) == [
        "emmanuel-macron", "joe-biden", "sergei-lavrov", "wang-yi", "xi-jinping"]
    shown = [row.inner_text().split(",")[0] for row in rows.all() if row.is_visible()]
    assert sorted(shown) == ["Sergei Lavrov", "Wang Yi"]
    page.select_option("select[name=country]", "")
    page.wait_for_url(re.compile(r"/network/2023/$"))
    assert sum(row.is_visible() for row in rows.all()) == 5
    assert [row.inner_text().split(",")[0] for row in rows.all()][0] == "Xi Jinping"


def test_keyboard_reaches_each_leader_of_the_network_and_lights_up_their_meetings(
        page, site_server):
    page.goto(site_server + "/network/")
    page.locator("select[name=country]").focus()
    for _ in range(5):  # past the list's heading link, the drawing's points being skipped
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('li') !== null"):
            break
    assert page.evaluate("document.activeElement.textContent") == "Xi Jinping"
    figure = page.locator("figure.network--archive")
    assert "network--lit" in figure.get_attribute("class")
    assert leader_ids(figure.locator(".network__point.is-lit")) == [
        "donald-trump", "emmanuel-macron", "joe-biden", "vladimir-putin", "xi-jinping"]
    assert figure.locator(".network__line.is-lit").count() == 4
    page.keyboard.press("Tab")  # on to the first leader Xi Jinping met: still Xi Jinping's row
    assert figure.locator(".network__line.is-lit").count() == 4
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/leaders/emmanuel-macron/$"))


def test_network_without_scripts_is_a_drawing_and_a_list_and_screen_readers_get_the_list(
        browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + "/network/")
        assert page.locator("form.network-filter").is_hidden()  # the filter needs the script
        assert page.locator("figure.network .network__point").count() == 10
        assert page.locator("figure.network .network__line").count() == 9
        assert network_rows(page).count() == 10
        heard = page.locator("article").aria_snapshot()
        assert "Keir Starmer" in heard and 'link "Volodymyr Zelenskyy"' in heard
        assert "Sergei Lavrov" in heard
        assert "Olaf Scholz" not in heard.split("Leader by leader")[0]  # the drawing is silent
    finally:
        context.close()


def test_leader_page_draws_their_circle_and_each_point_leads_on(page, site_server):
    page.goto(site_server + "/leaders/keir-starmer/")
    circle = page.locator("figure.network--circle")
    assert leader_ids(circle.locator("a.network__point")) == [
        "emmanuel-macron", "joe-biden", "olaf-scholz", "volodymyr-zelenskyy"]
    box = circle.locator("svg").bounding_box()
    assert box["width"] >= 300 and box["height"] >= 200
    assert "Keir Starmer’s circle" in circle.locator("figcaption").inner_text()
    circle.locator("[data-leader='joe-biden'] circle").click()
    page.wait_for_url(re.compile(r"/leaders/joe-biden/$"))
    page.get_by_role("link", name="who met whom").click()
    page.wait_for_url(re.compile(r"/network/$"))


def test_a_search_asked_for_while_the_index_loads_runs_once_it_has(page, site_server):
    """A reader quicker than the index: words typed and Enter pressed before the bundles are
    loaded are kept, and searched for when they are."""
    import time

    page.route(re.compile(r".*/pagefind/bundles\.json$"),
               lambda route: (time.sleep(1.0), route.continue_()))
    page.goto(site_server + "/search/")
    page.locator("#summit-search-q").fill("Zhongnanhai")
    page.locator("#summit-search-q").press("Enter")
    assert titles(settled(page))
    assert page.url.endswith("/search/?q=Zhongnanhai")
    assert page.locator("#summit-search-q").input_value() == "Zhongnanhai"
