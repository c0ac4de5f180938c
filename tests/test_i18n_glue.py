"""sl_i18n/glue.py: a glue role in translated text reads the key from its own page."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from myst_nb.ext.glue.roles import PasteRoleAny, PasteTextRole
from sl_i18n.glue import is_translated, patch_glue_roles, run_on_own_page, with_own_page


class _Document(dict):
    """What a role sees of its document: the notebook renderer (or not), source, settings."""

    def __init__(self, source: str, renderer: bool) -> None:
        super().__init__({"nb_renderer": object()} if renderer else {})
        self.current_source = source
        env = SimpleNamespace(docname="book/ch10", doc2path=lambda name, base: f"{name}.ipynb")
        self.settings = SimpleNamespace(env=env)


def test_a_bare_key_becomes_a_key_of_the_page_with_the_default_format() -> None:
    assert with_own_page("p", "book/ch10.ipynb", formatted=True) == "/book/ch10.ipynb::p:s"
    assert with_own_page("p:.3f", "book/ch10.ipynb", formatted=True) == "/book/ch10.ipynb::p:.3f"
    assert with_own_page("p", "book/ch10.ipynb", formatted=False) == "/book/ch10.ipynb::p"


def test_a_key_that_names_its_document_is_kept() -> None:
    assert with_own_page("other.ipynb::p:.2f", "book/ch10.ipynb", formatted=True) == (
        "other.ipynb::p:.2f")


def test_only_a_translated_message_without_its_notebook_counts_as_translated() -> None:
    assert is_translated(_Document("book/ch10.ipynb:12:<translated>", renderer=False))
    assert not is_translated(_Document("book/ch10.ipynb", renderer=True))
    assert not is_translated(_Document("book/ch10.ipynb", renderer=False))


def _role_text_seen(source: str, renderer: bool) -> str:
    seen: list[str] = []

    def run(self: Any) -> None:
        seen.append(self.text)

    role = SimpleNamespace(text="log2_3:.3f", document=_Document(source, renderer))
    run_on_own_page(run, formatted=True)(role)
    return seen[0]


def test_the_wrapped_role_sends_only_a_translated_key_to_its_page() -> None:
    assert _role_text_seen("x.ipynb:3:<translated>", False) == "/book/ch10.ipynb::log2_3:.3f"
    assert _role_text_seen("book/ch10.ipynb", True) == "log2_3:.3f"


def test_patching_twice_wraps_each_role_once() -> None:
    patch_glue_roles()
    patch_glue_roles()
    for role in (PasteRoleAny, PasteTextRole):
        assert not hasattr(role.run.__wrapped__, "__wrapped__")
