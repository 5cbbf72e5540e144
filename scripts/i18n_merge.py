"""Build the project's Danish catalogues for Wagtail's admin.

Wagtail's own Danish catalogues are mostly empty, so the project ships complete
ones in ``src/almenhub/locale/da/LC_MESSAGES``; LOCALE_PATHS take precedence
over app catalogues, so they override and complete Wagtail's.

Sources, per msgid of Wagtail's English catalogues (which list every msgid):
1. the project's translation table, ``src/almenhub/locale/da/wagtail/*.toml``
   (new translations and corrections of Wagtail's, keyed by msgid; a plural
   entry is a ``[singular, plural]`` pair; a msgctxt entry lives under
   ``[contexts."<msgctxt>"]``);
2. Wagtail's Danish catalogue (complete, non-fuzzy entries only).

    python scripts/i18n_merge.py          # write .po and compile .mo (msgfmt)
    python scripts/i18n_merge.py --todo   # print untranslated msgids as TOML stubs
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import polib
import wagtail

WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent
LOCALE_DIR = Path(__file__).resolve().parent.parent / "src/almenhub/locale/da"
TABLE_DIR = LOCALE_DIR / "wagtail"
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# The Wagtail apps in INSTALLED_APPS, by catalogue. Apps we do not install
# (locales, simple_translation, styleguide, table blocks)
# are left to Wagtail's own catalogues.
CATALOGUES: dict[str, list[str]] = {
    "django": [
        "admin",
        ".",  # wagtail core
        "snippets",
        "documents",
        "images",
        "users",
        "search",
        "sites",
        "embeds",
        "contrib/redirects",
        "contrib/settings",
        "contrib/forms",
        "contrib/search_promotions",
    ],
    "djangojs": ["admin"],
}

Key = tuple[str | None, str]
Translation = str | list[str]


@dataclass(frozen=True)
class Coverage:
    domain: str
    app: str
    translated: int
    total: int


def catalogue_path(app: str, lang: str, domain: str) -> Path:
    return WAGTAIL_DIR / app / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"


def load_table() -> dict[Key, Translation]:
    """Read every table file; the same msgid twice with different text is an error."""
    table: dict[Key, Translation] = {}
    for path in sorted(TABLE_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        items: list[tuple[Key, Translation]] = [
            ((None, msgid), text) for msgid, text in data.get("messages", {}).items()
        ]
        for context, messages in data.get("contexts", {}).items():
            items += [((context, msgid), text) for msgid, text in messages.items()]
        for key, text in items:
            if key in table and table[key] != text:
                sys.exit(f"{path.name}: {key!r} is translated differently elsewhere")
            table[key] = text
    return table


def wagtail_danish(app: str, domain: str) -> dict[Key, Translation]:
    path = catalogue_path(app, "da", domain)
    if not path.exists():
        return {}
    found: dict[Key, Translation] = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or entry.fuzzy:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(2)]
            if all(forms):
                found[(entry.msgctxt, entry.msgid)] = forms
        elif entry.msgstr:
            found[(entry.msgctxt, entry.msgid)] = entry.msgstr
    return found


def build(domain: str, table: dict[Key, Translation]) -> tuple[polib.POFile, list]:
    source_date = polib.pofile(str(catalogue_path("admin", "en", "django"))).metadata[
        "POT-Creation-Date"
    ]
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"almenhub (Wagtail {wagtail.__version__})",
        # Dated by Wagtail's admin catalogue, so a rerun changes nothing.
        "POT-Creation-Date": source_date,
        "PO-Revision-Date": source_date,
        "Last-Translator": "almenhub",
        "Language-Team": "Danish",
        "Language": "da",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    seen: dict[Key, polib.POEntry] = {}
    coverage: list[Coverage] = []
    for app in CATALOGUES[domain]:
        theirs = wagtail_danish(app, domain)
        english = polib.pofile(str(catalogue_path(app, "en", domain)))
        done = 0
        for source in english:
            key = (source.msgctxt, source.msgid)
            text = table.get(key) or theirs.get(key)
            done += bool(text)
            if key in seen:
                continue
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                occurrences=[
                    (str(Path("wagtail", app, path)), line)
                    for path, line in source.occurrences[:2]
                ],
                flags=[f for f in source.flags if f.endswith("-format")],
            )
            if source.msgid_plural:
                forms = text if isinstance(text, list) else ["", ""]
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
            elif isinstance(text, list):
                sys.exit(f"{source.msgid!r} is not a plural entry")
            else:
                entry.msgstr = text or ""
            seen[key] = entry
            po.append(entry)
        coverage.append(Coverage(domain, app, done, len(english)))
    return po, coverage


def todo(table: dict[Key, Translation]) -> None:
    for domain in CATALOGUES:
        po, _ = build(domain, table)
        for entry in po:
            key = json.dumps(entry.msgid, ensure_ascii=False)  # a TOML key too
            where = entry.occurrences[0][0].removeprefix("wagtail/")
            if entry.msgid_plural and not all(entry.msgstr_plural.values()):
                sys.stdout.write(f"{key} = ['', '']\n")
                sys.stdout.write(f"# plural: {entry.msgid_plural}  ({where})\n")
            elif not entry.msgid_plural and not entry.msgstr:
                sys.stdout.write(f'{key} = ""  # {where}\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--todo", action="store_true", help="list untranslated")
    args = parser.parse_args()
    table = load_table()
    if args.todo:
        todo(table)
        return
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        sys.exit("msgfmt (gettext) is needed to compile the catalogues")
    for domain in CATALOGUES:
        po, coverage = build(domain, table)
        po_path = LOCALE_DIR / "LC_MESSAGES" / f"{domain}.po"
        po.save(str(po_path))
        subprocess.run(
            [msgfmt, "--check-format", "-o", str(po_path.with_suffix(".mo")), po_path],
            check=True,
        )
        for c in coverage:
            sys.stdout.write(f"{c.domain:9} {c.app:20} {c.translated:4} / {c.total}\n")


if __name__ == "__main__":
    main()
