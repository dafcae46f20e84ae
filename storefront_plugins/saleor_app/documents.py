"""GraphQL documents sent to Saleor, kept in `.graphql` files.

Each capability keeps its documents in a `saleor_graphql/` folder: operations in
`queries/`, `mutations/` and `subscriptions/`, shared fragments in `fragments/`. A document
is an operation file plus every fragment it uses, directly or through other fragments;
fragments are looked up in the capability's own folder and in this package's.
"""

from functools import cache
from pathlib import Path

from graphql import FragmentSpreadNode, parse, visit
from graphql.language import Visitor

SALEOR_APP_DOCUMENTS_DIR = Path(__file__).resolve().parent / "saleor_graphql"


class DocumentNotFound(LookupError):
    pass


class _FragmentSpreads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_args: object) -> None:
        self.names.add(node.name.value)


def _fragment_spreads(source: str) -> set[str]:
    collector = _FragmentSpreads()
    visit(parse(source), collector)
    return collector.names


@cache
def _fragments_in(directory: Path) -> dict[str, str]:
    """Fragment name -> its definition, for every fragment file in `directory`."""
    fragments: dict[str, str] = {}
    for path in sorted(directory.glob("*.graphql")):
        source = path.read_text()
        for definition in parse(source).definitions:
            name = definition.name.value  # type: ignore[attr-defined]
            if definition.loc is None:
                continue
            fragments[name] = source[definition.loc.start : definition.loc.end]
    return fragments


class DocumentLibrary:
    """The documents of one capability: `library.get("subscriptions/order_fully_paid")`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fragment_dirs = [root / "fragments"]
        if root != SALEOR_APP_DOCUMENTS_DIR:
            self._fragment_dirs.append(SALEOR_APP_DOCUMENTS_DIR / "fragments")

    def names(self) -> list[str]:
        """Every operation this library holds, as `folder/name`."""
        return sorted(
            str(path.relative_to(self.root).with_suffix(""))
            for path in self.root.glob("*/*.graphql")
            if path.parent.name != "fragments"
        )

    def get(self, name: str) -> str:
        return _assemble(self.root, tuple(self._fragment_dirs), name)


@cache
def _assemble(root: Path, fragment_dirs: tuple[Path, ...], name: str) -> str:
    path = root / f"{name}.graphql"
    if not path.is_file():
        raise DocumentNotFound(f"No GraphQL document {name!r} in {root}.")
    available: dict[str, str] = {}
    for directory in reversed(fragment_dirs):
        available.update(_fragments_in(directory))

    operation = path.read_text().strip()
    included: dict[str, str] = {}
    pending = _fragment_spreads(operation)
    while pending:
        fragment_name = pending.pop()
        if fragment_name in included:
            continue
        if fragment_name not in available:
            raise DocumentNotFound(f"{name}: fragment {fragment_name!r} is not defined.")
        included[fragment_name] = available[fragment_name]
        pending |= _fragment_spreads(included[fragment_name]) - included.keys()
    return "\n\n".join([operation, *(included[key] for key in sorted(included))]) + "\n"


saleor_app_documents = DocumentLibrary(SALEOR_APP_DOCUMENTS_DIR)
