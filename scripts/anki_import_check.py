"""Import 学而's .apkg packages with Anki's own importer and count what Anki reports.

Run it with a Python that has Anki's package (`pip install anki`, not a dependency of 学而):

    /tmp/ankivenv/bin/python scripts/anki_import_check.py FIRST.apkg [NEXT.apkg ...]

The packages are imported in order into one fresh collection, as a learner would import a
download, the same one again, then a regenerated one. For each import it prints one JSON
line: what Anki's import log says (new, updated, unchanged, conflicting notes), then what the
collection holds (notes, cards, suspended cards, notes tagged disabled or retired, notes whose
first field another note of its note type has, decks). `--with-scheduling` imports as with "Import any learning progress"
ticked: without it Anki makes every imported card new, so no card arrives suspended.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.lang import set_lang

# The first field of each 学而 note type: Anki's Notes > Find Duplicates compares it.
FIRST_FIELDS = ("Text", "Front")


def import_counts(collection: Collection, package: Path, *, with_scheduling: bool) -> dict:
    """Anki's import log of one package, in counts (options as Anki's import dialog defaults)."""
    request = ImportAnkiPackageRequest(
        package_path=str(package.resolve()),
        options=ImportAnkiPackageOptions(with_scheduling=with_scheduling),
    )
    log = collection.import_anki_package(request).log
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "unchanged": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "missing_notetype": len(log.missing_notetype),
    }


def collection_counts(collection: Collection) -> dict:
    db = collection.db
    duplicates = 0
    for field in FIRST_FIELDS:
        duplicates += sum(len(nids) for _value, nids in collection.find_dupes(field))
    return {
        "notes": db.scalar("SELECT count() FROM notes"),
        "cards": db.scalar("SELECT count() FROM cards"),
        "suspended": db.scalar("SELECT count() FROM cards WHERE queue = -1"),
        # Disabled and retired items, tagged so whatever the import options (tag:status-*).
        "tagged_inactive": len(collection.find_notes("tag:status-*")),
        "duplicate_first_fields": duplicates,
        "decks": sorted(
            name.name for name in collection.decks.all_names_and_ids() if name.name != "Default"
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+", type=Path, metavar="APKG")
    parser.add_argument("--with-scheduling", action="store_true")
    parser.add_argument("--decks", action="store_true", help="list the decks after each import")
    args = parser.parse_args(argv)
    set_lang("en")  # find_dupes strips HTML with the interface language's rules
    with tempfile.TemporaryDirectory(prefix="xueer-anki-") as folder:
        collection = Collection(str(Path(folder) / "collection.anki2"))
        try:
            for package in args.packages:
                counts = import_counts(collection, package, with_scheduling=args.with_scheduling)
                held = collection_counts(collection)
                if not args.decks:
                    held.pop("decks")
                print(json.dumps({"package": package.name, **counts, **held}, ensure_ascii=False))
        finally:
            collection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
