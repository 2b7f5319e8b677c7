"""A page's queries, declared once.

A page names each query it reads, with its parameters, in one place: `Plan(ds, kpis=("overview_kpis",
{...}), ...)`. Declaring starts them on the shared two-worker pool (db.start), and the page then
reads each by its key, `plan["kpis"]`, waiting only for the one it asks for. The declaration is
the only place a query and its parameters are written, so what runs ahead is what is read: a
page cannot ask for a query with other parameters than the ones it started.

A query that needs a widget's value is added once the widget is drawn (`plan.add(...)`), never
guessed from the session state before it. A paged query (oversight/paging.py) is declared with
`paging.paged(name, **params)` and read as a `paging.Page`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from oversight import db


class Spec(Protocol):
    """What a plan holds for each key: the query it starts, and how it reads the result."""

    def ahead(self) -> tuple[str, dict]: ...

    def read(self, ds: db.Dataset) -> Any: ...


@dataclass(frozen=True)
class Query:
    """A named query with its parameters, read as its whole result."""

    name: str
    params: dict = field(default_factory=dict)

    def ahead(self) -> tuple[str, dict]:
        return self.name, self.params

    def read(self, ds: db.Dataset) -> Any:
        return ds.query(self.name, **self.params)


class Plan:
    """Queries by key: started when declared, read with `plan[key]`."""

    def __init__(self, ds: db.Dataset, **declared: Spec | tuple[str, dict]) -> None:
        self.ds = ds
        self._specs: dict[str, Spec] = {}
        self.add(**declared)

    def add(self, **declared: Spec | tuple[str, dict]) -> Plan:
        """Declare more queries (those that needed a widget's value) and start them."""
        specs = {key: _spec(value) for key, value in declared.items()}
        twice = specs.keys() & self._specs.keys()
        if twice:
            raise ValueError(f"declared twice in one plan: {', '.join(sorted(twice))}")
        self._specs.update(specs)
        db.start(self.ds, [spec.ahead() for spec in specs.values()])
        return self

    def __getitem__(self, key: str) -> Any:
        try:
            spec = self._specs[key]
        except KeyError:
            raise KeyError(f"{key!r} is not declared in this plan") from None
        return spec.read(self.ds)

    def __contains__(self, key: str) -> bool:
        return key in self._specs

    def specs(self) -> dict[str, tuple[str, dict]]:
        """Each key's query and parameters, as started."""
        return {key: spec.ahead() for key, spec in self._specs.items()}


def _spec(value: Spec | tuple[str, dict]) -> Spec:
    if isinstance(value, tuple):
        name, params = value
        return Query(name, dict(params))
    return value
