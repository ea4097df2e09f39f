"""A small registry written for tests, so extraction tests do not move when curators edit data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from generator.registry import DATA_DIR, load_registry

COUNTRIES = [
    {"name": "China", "aliases": ["People's Republic of China", "PRC"], "demonyms": ["Chinese"], "capital": "Beijing"},
    {"name": "Russia", "aliases": ["Russian Federation"], "demonyms": ["Russian"], "capital": "Moscow"},
    {"name": "United States", "aliases": ["US", "U.S.", "USA", "United States of America"], "demonyms": ["American"], "capital": "Washington"},
    {"name": "United Kingdom", "aliases": ["UK", "Britain"], "demonyms": ["British"], "capital": "London"},
    {"name": "France", "demonyms": ["French"], "capital": "Paris"},
    {"name": "Germany", "demonyms": ["German"], "capital": "Berlin"},
    {"name": "Ukraine", "demonyms": ["Ukrainian"], "capital": "Kyiv"},
    {"name": "Brazil", "demonyms": ["Brazilian"], "capital": "Brasília"},
    {"name": "South Korea", "aliases": ["Republic of Korea", "ROK"], "demonyms": ["South Korean"], "capital": "Seoul"},
    {"name": "Kenya", "demonyms": ["Kenyan"], "capital": "Nairobi"},
    {"name": "Iraq", "demonyms": ["Iraqi"], "capital": "Baghdad"},
    {"name": "Japan", "demonyms": ["Japanese"], "capital": "Tokyo"},
    {"name": "India", "demonyms": ["Indian"], "capital": "New Delhi"},
]
ORGANIZATIONS = [{"name": "United Nations", "aliases": ["UN"]}, {"name": "G20"}]
PLACES = [
    {"name": "Zhongnanhai", "city": "Beijing", "country": "China"},
    {"name": "Great Hall of the People", "city": "Beijing", "country": "China"},
    {"name": "Hangzhou", "country": "China"},
    {"name": "Élysée Palace", "city": "Paris", "country": "France", "aliases": ["Elysee Palace"]},
]
PEOPLE = [
    {"id": "xi-jinping", "name": "Xi Jinping", "surname": "Xi", "country": "China",
     "offices": [{"title": "President", "from": "2013-03-14"}]},
    {"id": "li-keqiang", "name": "Li Keqiang", "surname": "Li", "country": "China",
     "offices": [{"title": "Premier", "from": "2013-03-15", "to": "2023-03-11"}]},
    {"id": "li-qiang", "name": "Li Qiang", "surname": "Li", "country": "China",
     "offices": [{"title": "Premier", "from": "2023-03-11"}]},
    {"id": "wang-yi", "name": "Wang Yi", "surname": "Wang", "country": "China",
     "offices": [{"title": "Foreign Minister", "from": "2013-03-16", "to": "2022-12-30"},
                 {"title": "Foreign Minister", "from": "2023-07-25"}]},
    {"id": "cai-qi", "name": "Cai Qi", "surname": "Cai", "country": "China"},
    {"id": "vladimir-putin", "name": "Vladimir Putin", "surname": "Putin", "country": "Russia",
     "offices": [{"title": "President", "from": "2012-05-07"}]},
    {"id": "sergey-lavrov", "name": "Sergey Lavrov", "surname": "Lavrov", "country": "Russia",
     "aliases": ["Sergei Lavrov"], "offices": [{"title": "Foreign Minister", "from": "2004-03-09"}]},
    {"id": "joe-biden", "name": "Joe Biden", "surname": "Biden", "country": "United States",
     "aliases": ["Joseph R. Biden Jr.", "Joseph R. Biden"],
     "offices": [{"title": "President", "from": "2021-01-20", "to": "2025-01-20"}]},
    {"id": "donald-trump", "name": "Donald Trump", "surname": "Trump", "country": "United States",
     "aliases": ["Donald J. Trump"],
     "offices": [{"title": "President", "from": "2017-01-20", "to": "2021-01-20"},
                 {"title": "President", "from": "2025-01-20"}]},
    {"id": "keir-starmer", "name": "Keir Starmer", "surname": "Starmer", "country": "United Kingdom",
     "offices": [{"title": "Prime Minister", "from": "2024-07-05"}]},
    {"id": "rishi-sunak", "name": "Rishi Sunak", "surname": "Sunak", "country": "United Kingdom",
     "offices": [{"title": "Prime Minister", "from": "2022-10-25", "to": "2024-07-05"}]},
    {"id": "liz-truss", "name": "Liz Truss", "surname": "Truss", "country": "United Kingdom",
     "offices": [{"title": "Prime Minister", "from": "2022-09-06", "to": "2022-10-25"}]},
    {"id": "fumio-kishida", "name": "Fumio Kishida", "surname": "Kishida", "country": "Japan",
     "offices": [{"title": "Prime Minister", "from": "2021-10-04", "to": "2024-10-01"}]},
    {"id": "narendra-modi", "name": "Narendra Modi", "surname": "Modi", "country": "India",
     "offices": [{"title": "Prime Minister", "from": "2014-05-26"}]},
    {"id": "emmanuel-macron", "name": "Emmanuel Macron", "surname": "Macron", "country": "France",
     "offices": [{"title": "President", "from": "2017-05-14"}]},
    {"id": "volodymyr-zelenskyy", "name": "Volodymyr Zelenskyy", "surname": "Zelenskyy",
     "country": "Ukraine", "aliases": ["Volodymyr Zelensky", "Zelensky"],
     "offices": [{"title": "President", "from": "2019-05-20"}]},
    {"id": "luiz-inacio-lula-da-silva", "name": "Luiz Inácio Lula da Silva", "surname": "Lula",
     "country": "Brazil", "aliases": ["Lula da Silva"],
     "offices": [{"title": "President", "from": "2023-01-01"}]},
]
SUMMITS = {
    "margin_days": 2,
    "cues": ["on the sidelines of", "at"],
    "series": [{"id": "g20", "name": "G20 Summit", "aliases": ["G20"], "editions": [
        {"from": dt.date(2023, 9, 9), "to": dt.date(2023, 9, 10), "city": "New Delhi",
         "country": "India"}]}],
}
TOPICS = [
    {"id": "security", "label": "Security"},
    {"id": "regional-issues", "label": "Regional issues"},
    {"id": "bilateral-relations", "label": "Bilateral relations"},
    {"id": "initiatives", "label": "Initiatives"},
    {"id": "global-issues", "label": "Global issues"},
    {"id": "ukraine-crisis", "label": "Ukraine crisis", "parent": "regional-issues",
     "signals": ["Ukraine crisis", "Ukraine issue", "war in Ukraine", "crisis in Ukraine"]},
    {"id": "global-security-initiative", "label": "Global Security Initiative", "parent": "initiatives",
     "signals": ["Global Security Initiative"]},
    {"id": "global-governance", "label": "Global governance", "parent": "global-issues",
     "signals": ["global governance", "multipolar world"]},
    {"id": "climate-change", "label": "Climate change", "parent": "global-issues",
     "signals": ["climate change", "climate", "emissions"]},
    {"id": "trade", "label": "Trade", "parent": "global-issues", "signals": ["trade", "economy and trade"]},
]


def write_tiny_registry(folder: Path) -> Path:
    """Write the tiny registry beside the real word lists (formats, titles, publishers, names,
    roles, dates, places in passing, speech) and levels, with one summit series of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("formats.yml", "titles.yml", "names.yml", "roles.yml", "dates.yml",
                 "places_in_passing.yml", "speech.yml", "levels.yml"):
        shutil.copy(DATA_DIR / name, folder / name)
    # The real publishers of the countries registered here (a publisher names a known side).
    sides = {c["name"] for c in COUNTRIES} | {o["name"] for o in ORGANIZATIONS}
    publishers = yaml.safe_load((DATA_DIR / "publishers.yml").read_text(encoding="utf-8"))
    (folder / "publishers.yml").write_text(yaml.safe_dump(
        [p for p in publishers if p["country"] in sides], allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    (folder / "summits.yml").write_text(yaml.safe_dump(SUMMITS, sort_keys=False), encoding="utf-8")
    for person in PEOPLE:
        for office in person.get("offices", []):
            for key in ("from", "to"):
                if isinstance(office.get(key), str):
                    office[key] = dt.date.fromisoformat(office[key])
    for name, entries in (
        ("countries.yml", COUNTRIES), ("organizations.yml", ORGANIZATIONS),
        ("places.yml", PLACES), ("people.yml", PEOPLE), ("topics.yml", TOPICS),
    ):
        text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def tiny_registry(folder: Path):
    return load_registry(write_tiny_registry(folder))
