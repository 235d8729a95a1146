"""The growth toolkit's forms: one schema each, turned into a paper form and a file to fill in.

A form's JSON Schema is its single source: labels (``title``), prompts
(``description``), how much room to print (``x-lines``, ``x-repeat``) and what a
filled-in file must hold. The schema is resolved against the trust first:
drivers and standards become the choices on offer, and the standards reflection
becomes one form per set of standards in ``trust.yml``.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import textwrap
from dataclasses import dataclass
from typing import Any, Literal

from . import dates, schemas
from .model import Trust
from .problems import Problems
from .read import parse_yaml, read_text
from .schema_check import Validator, check_with


@dataclass(frozen=True)
class Resource:
    id: str
    number: int
    schema: str
    """The schema's name for ``schemas.load``."""

    @property
    def page(self) -> str:
        """The resource's page (for standards reflection, the list of its forms)."""
        return f"toolkit/{self.id}.md"


RESOURCES = (
    Resource("self-reflection", 1, "toolkit/self-reflection"),
    Resource("standards-reflection", 2, "toolkit/standards-reflection"),
    Resource("coaching-agreement", 3, "toolkit/coaching-agreement"),
    Resource("check-in-conversation", 4, "toolkit/check-in-conversation"),
    Resource("growth-plan", 5, "growth-cycle"),
    Resource("growth-log", 6, "toolkit/growth-log"),
    Resource("end-of-cycle-review", 7, "toolkit/end-of-cycle-review"),
)
"""The seven resources, in the order the cycle uses them. The growth plan is a growth-cycle record."""

BY_ID = {r.id: r for r in RESOURCES}
STANDARDS = "standards-reflection"
MARKER = "# growthsite form: "
"""The line that tells ``growthsite toolkit check`` which form a file is."""

Kind = Literal["text", "date", "year", "choice", "choices", "list", "records", "group", "fixed"]


@dataclass(frozen=True)
class Field:
    """One question of a form, as the paper form and the file template both need it."""

    key: str
    title: str
    help: str
    kind: Kind
    required: bool
    lines: int = 1
    repeat: int = 1
    options: tuple[tuple[str, str], ...] = ()
    """(value, label) of a choice."""
    children: tuple[Field, ...] = ()
    value: str | None = None
    """Filled in for the person: a fixed value, a default, or this academic year."""


@dataclass(frozen=True)
class Form:
    resource: Resource
    key: str
    """``growth-plan``, or ``standards-reflection/teachers`` for a set of standards."""
    label: str
    """What tells it apart among its resource's forms: the set of standards, or the title."""
    title: str
    description: str
    schema: dict[str, Any]
    """Resolved for the trust: what a filled-in file must satisfy."""
    fields: tuple[Field, ...]

    @property
    def slug(self) -> str:
        return self.key.replace("/", "-")

    @property
    def download(self) -> str:
        """The file's path in the site."""
        return f"toolkit/downloads/{self.resource.number}-{self.slug}.yml"

    @property
    def schema_download(self) -> str:
        return f"toolkit/downloads/{self.resource.number}-{self.slug}.schema.json"

    @property
    def page(self) -> str:
        """The page that prints the form."""
        if self.resource.id == STANDARDS:
            return f"toolkit/standards/{self.key.partition('/')[2]}.md"
        return self.resource.page


# -- resolving a schema against the trust ---------------------------------------------------
def _choices(kind: str, trust: Trust) -> list[tuple[str, str]]:
    if kind == "drivers":
        return [(d.id, d.name) for d in trust.drivers]
    if kind == "standards":
        return [(f"{s.id}/{i.id}", f"{s.name}: {i.name}") for s in trust.standards for i in s.items]
    if kind == "schools":
        return [(s.id, s.name) for s in trust.schools]
    raise ValueError(f"unknown x-choices {kind!r}")


def _resolve(node: Any, trust: Trust, standard: str | None) -> Any:
    """A copy of a schema with the trust's own choices and standards filled in."""
    if isinstance(node, list):
        return [_resolve(n, trust, standard) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _resolve(v, trust, standard) for k, v in node.items()}
    choices = node.get("x-choices")
    if choices:
        options = _choices(choices, trust)
        if options:
            node["items"] = {**node.get("items", {}), "enum": [v for v, _ in options]}
        node["x-labels"] = dict(options)
    fill = node.get("x-fill")
    if fill == "standard-set" and standard is not None:
        node.pop("type", None)
        node["const"] = standard
    elif fill == "standard-items" and standard is not None:
        items = next(s for s in trust.standards if s.id == standard).items
        item = node.pop("x-item")
        node["properties"] = {i.id: {**copy.deepcopy(item), "title": i.name} for i in items}
        node["additionalProperties"] = False  # a person writes about the standards that matter this year
    return node


def forms(trust: Trust, today: dt.date) -> tuple[Form, ...]:
    """Every form of the toolkit for this trust: the standards reflection once per set of standards."""
    year = dates.academic_year(today, trust.year_starts)
    found = []
    for resource in RESOURCES:
        base = schemas.load(resource.schema)
        if resource.id == STANDARDS:
            for standard in trust.standards:
                schema = _resolve(base, trust, standard.id)
                found.append(Form(resource, f"{STANDARDS}/{standard.id}", standard.name,
                                  f"{base['title']}: {standard.name}",
                                  base["description"], schema, _fields(schema, year)))
        else:
            schema = _resolve(base, trust, None)
            found.append(Form(resource, resource.id, base["title"], base["title"], base["description"], schema,
                              _fields(schema, year)))
    return tuple(found)


# -- fields -------------------------------------------------------------------------------
def _is(node: dict[str, Any], name: str, pattern: str) -> bool:
    return str(node.get("$ref", "")).endswith(f"/{name}") or node.get("pattern") == pattern


def _deref(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A property with its local ``$ref`` merged in (the property's own keys win)."""
    ref = str(node.get("$ref", ""))
    if ref.startswith("#/$defs/"):
        return {**defs.get(ref.removeprefix("#/$defs/"), {}), **node}
    return node


def _field(key: str, node: dict[str, Any], required: bool, year: str, defs: dict[str, Any]) -> Field:
    node = _deref(node, defs)
    title = node.get("title", key.replace("_", " ").capitalize())
    common = {"key": key, "title": title, "help": node.get("description", ""), "required": required}
    labels: dict[str, str] = node.get("x-labels", {})
    if "const" in node:
        return Field(kind="fixed", value=str(node["const"]), **common)
    if _is(node, "date", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"):
        return Field(kind="date", **common)
    if _is(node, "year", r"^[0-9]{4}-[0-9]{2}$"):
        return Field(kind="year", value=year, **common)
    if "enum" in node:
        options = tuple((str(v), labels.get(str(v), str(v))) for v in node["enum"])
        default = node.get("default")
        return Field(kind="choice", options=options, value=None if default is None else str(default), **common)
    if node.get("type") == "array":
        items = node.get("items", {})
        repeat = int(node.get("x-repeat", 3))
        if "enum" in items:
            options = tuple((str(v), labels.get(str(v), str(v))) for v in items["enum"])
            return Field(kind="choices", options=options, lines=int(node.get("x-lines", 1)), **common)
        if items.get("type") == "object":
            return Field(kind="records", repeat=repeat, children=_children(items, year, defs), **common)
        return Field(kind="list", repeat=repeat, **common)
    if node.get("type") == "object":
        return Field(kind="group", children=_children(node, year, defs), **common)
    return Field(kind="text", lines=int(node.get("x-lines", 3)), **common)


def _children(node: dict[str, Any], year: str, defs: dict[str, Any]) -> tuple[Field, ...]:
    required = set(node.get("required", []))
    return tuple(
        _field(key, child, key in required, year, defs)
        for key, child in node.get("properties", {}).items()
        if child.get("x-form", True)
    )


def _fields(schema: dict[str, Any], year: str) -> tuple[Field, ...]:
    return _children(schema, year, schema.get("$defs", {}))


# -- the file to fill in ------------------------------------------------------------------------
def _comment(text: str, indent: str) -> list[str]:
    width = 88 - len(indent)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, break_on_hyphens=False)] if text else []


def _one_line(text: str) -> str:
    """Data text for a ``#`` comment: a line break in a name would end the comment and start live YAML."""
    return " ".join(text.split())


def _quoted(value: str | None) -> str:
    return '""' if value is None else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _template_field(field: Field, indent: str, said: set[str]) -> list[str]:
    """A field's lines; help already said for an earlier, identical question is not repeated."""
    out = [f"{indent}# {_one_line(field.title)}" + ("" if field.required or indent else " (optional)")]
    if field.help not in said:
        out += _comment(field.help, indent)
        said.add(field.help)
    key = f"{indent}{field.key}:"
    if field.kind == "choice":
        out.append(f"{indent}# Write one of:")
    elif field.kind == "choices":
        example = f", e.g. [{field.options[0][0]}]" if field.options else ""
        out.append(f"{indent}# Write the ids that apply in the brackets, separated by commas{example}:")
    if field.kind in ("choice", "choices"):
        out += [f"{indent}#   {value}" + (f": {_one_line(label)}" if label != value else "")
                for value, label in field.options]
    if field.kind == "choices":
        out.append(f"{key} []")
    elif field.kind == "list":
        out.append(key)
        out.append(f'{indent}  - ""')
    elif field.kind == "records":
        out += _comment("Copy the whole entry below, from its '-', for each more.", indent)
        out.append(key)
        for i, child in enumerate(field.children):
            lead = f"{indent}  - " if i == 0 else f"{indent}    "
            out.append(f"{lead}{child.key}: {_quoted(child.value)}")
    elif field.kind == "group":
        out.append(key)
        for child in field.children:
            out.append("")
            out += _template_field(child, indent + "  ", said)
    elif field.kind == "text" and field.lines > 1:
        out.append(f"{key} |")
    else:
        out.append(f"{key} {_quoted(field.value)}")
    return out


def template(form: Form, trust: Trust) -> str:
    """The form as a commented YAML file: every key in place, every answer blank."""
    head = [
        f"{MARKER}{form.key}",
        f"# yaml-language-server: $schema={os.path.basename(form.schema_download)}",
        f"# {form.resource.number}. {_one_line(form.title)} - {_one_line(trust.name)}",
        "#",
        *_comment(form.description, ""),
        "#",
        "# How to fill it in: write each short answer between its quotes. A long answer goes on",
        "# the lines under its '|', each line starting with two spaces. Dates are written",
        "# YYYY-MM-DD. Lines starting with '#' are notes for you and can stay as they are.",
        "# This is a working document between you and your coach: keep it somewhere private.",
    ]
    body: list[str] = []
    said: set[str] = set()
    for field in form.fields:
        body.append("")
        body += _template_field(field, "", said)
    return "\n".join(head + body) + "\n"


# -- checking a filled-in file --------------------------------------------------------------------
def find_form(all_forms: tuple[Form, ...], text: str) -> Form | None:
    """The form a file says it is, from its ``growthsite form:`` line."""
    for line in text.splitlines()[:5]:
        if line.startswith(MARKER):
            key = line[len(MARKER):].strip()
            return next((f for f in all_forms if f.key == key), None)
    return None


def check_file(path: str, all_forms: tuple[Form, ...], problems: Problems) -> Form | None:
    """Check a filled-in toolkit file against its form, reporting every problem with its line."""
    text = read_text(path, path, problems)
    if text is None:
        return None
    form = find_form(all_forms, text)
    if form is None:
        known = ", ".join(f.key for f in all_forms)
        problems.error(path, 1, 1, "this is not a toolkit form: its first lines have no 'growthsite form:' line",
                       f"start from a download of the toolkit; the forms are: {known}")
        return None
    source = parse_yaml(text, path, problems)
    if source is not None:
        check_with(source, Validator(form.schema), problems)
    return form
