"""Languages of HEAD's files, by extension: how many files and how many bytes."""

from __future__ import annotations

from collections.abc import Iterable

from communs.evaluation.files import VENDORED, extension
from communs.evaluation.snapshot import TreeEntry

EXTENSIONS = {
    ".py": "Python", ".rb": "Ruby", ".erb": "Ruby", ".php": "PHP", ".js": "JavaScript",
    ".mjs": "JavaScript", ".cjs": "JavaScript", ".jsx": "JavaScript", ".ts": "TypeScript",
    ".tsx": "TypeScript", ".vue": "Vue", ".svelte": "Svelte", ".java": "Java", ".kt": "Kotlin",
    ".scala": "Scala", ".go": "Go", ".rs": "Rust", ".c": "C", ".h": "C", ".cc": "C++",
    ".cpp": "C++", ".cxx": "C++", ".hpp": "C++", ".hh": "C++", ".cs": "C#", ".fs": "F#",
    ".swift": "Swift", ".m": "Objective-C", ".ex": "Elixir", ".exs": "Elixir",
    ".erl": "Erlang", ".hs": "Haskell", ".ml": "OCaml", ".clj": "Clojure", ".lua": "Lua",
    ".pl": "Perl", ".pm": "Perl", ".sh": "Shell", ".bash": "Shell", ".r": "R", ".dart": "Dart",
    ".sql": "SQL", ".html": "HTML", ".htm": "HTML", ".css": "CSS", ".scss": "SCSS",
    ".sass": "SCSS", ".less": "Less", ".twig": "Twig", ".xml": "XML", ".xsl": "XSLT",
}  # fmt: skip


def languages(tree: Iterable[TreeEntry], *, sizes_known: bool) -> dict[str, dict[str, int | None]]:
    """{language: {"files": n, "bytes": n or None}}, largest first; vendored code excluded.

    Bytes are None when the clone is partial (blobless): reading every blob's size would
    download the whole tree.
    """
    counts: dict[str, list[int]] = {}
    for entry in tree:
        language = EXTENSIONS.get(extension(entry.path))
        if language is None or entry.is_symlink or VENDORED.search(entry.path):
            continue
        tally = counts.setdefault(language, [0, 0])
        tally[0] += 1
        tally[1] += entry.size or 0
    ordered = sorted(counts.items(), key=lambda item: (-item[1][1], -item[1][0], item[0]))
    return {
        name: {"files": files, "bytes": size if sizes_known else None}
        for name, (files, size) in ordered
    }
