#!/usr/bin/env python3
"""Runs one SOAR playbook script (a function input script or a local post-process script) the way SOAR does,
against a recorded incident and function result, and prints what the script changed as JSON.

    python3 harness.py case.json

The objects are modelled strictly: an attribute, field, column, table or artifact type that SOAR (or the imported
customization, given in case["schema"]) does not provide raises, so a script bug fails the run instead of passing
silently. Scripts get no imports, no open/exec/eval, as in SOAR's script sandbox.

Data tables: SOAR scripts can add a row (incident.addRow(table)) but have no documented way to read the incident's
rows or delete one, so incident.<table> and incident.deleteRow raise ScriptError (not AttributeError, so a script
cannot catch it as "this SOAR lacks the API" and carry on). The case's existing rows are kept and reported back in
"tables" with the rows the script added.

Exit codes: 0 the script ran (result JSON on stdout); 1 the script raised (traceback on stderr); 2 bad case file.
"""
import json
import sys
import traceback

SEVERITY_CODES = ("Low", "Medium", "High")
READ_ONLY_INCIDENT_FIELDS = ("id", "create_date", "discovered_date", "owner_id")
WRITABLE_INCIDENT_FIELDS = ("name", "description", "severity_code", "plan_status", "resolution_id", "resolution_summary")
PLAN_STATUSES = ("A", "C")
RESOLUTIONS = ("Unresolved", "Duplicate", "Not an Issue", "Resolved")


class ScriptError(Exception):
    """Raised for a use SOAR would refuse (wrong type, unknown name)."""


def _fail_attribute(owner, name):
    raise AttributeError("{0} has no attribute '{1}'".format(owner, name))


class ResultDict(dict):
    """A function result as SOAR hands it to scripts: a dict whose keys can also be read as attributes."""

    def __getattr__(self, name):
        if name in self:
            return self[name]
        _fail_attribute("result", name)

    def __setattr__(self, name, value):
        raise ScriptError("function results are read-only (tried to set '{0}')".format(name))


def wrap(value):
    if isinstance(value, dict):
        return ResultDict((k, wrap(v)) for k, v in value.items())
    if isinstance(value, list):
        return [wrap(v) for v in value]
    return value


class RichText(object):
    def __init__(self, text, fmt):
        if not isinstance(text, str):
            raise ScriptError("helper.create{0}Text takes a str, got {1}".format(
                "Rich" if fmt == "html" else "Plain", type(text).__name__))
        self.text = text
        self.format = fmt


class Helper(object):
    def createRichText(self, text):
        return RichText(text, "html")

    def createPlainText(self, text):
        return RichText(text, "text")

    def __getattr__(self, name):
        _fail_attribute("helper", name)


class Properties(object):
    """incident.properties: only the custom fields the customization defines."""

    def __init__(self, recorder, field_types, values):
        object.__setattr__(self, "_recorder", recorder)
        object.__setattr__(self, "_types", dict(field_types))
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name):
        types = object.__getattribute__(self, "_types")
        if name not in types:
            _fail_attribute("incident.properties", name)
        return object.__getattribute__(self, "_values").get(name)

    def __setattr__(self, name, value):
        types = object.__getattribute__(self, "_types")
        if name not in types:
            _fail_attribute("incident.properties", name)
        input_type = types[name]
        if value is not None:
            if input_type == "boolean" and not isinstance(value, bool):
                raise ScriptError("incident.properties.{0} is a boolean field; got {1!r}".format(name, value))
            if input_type in ("text", "textarea") and not isinstance(value, str):
                raise ScriptError("incident.properties.{0} is a text field; got {1!r}".format(name, value))
        object.__getattribute__(self, "_values")[name] = value
        object.__getattribute__(self, "_recorder").changed["properties." + name] = value


class Row(object):
    """A data table row: cells by column api name, as attributes or items."""

    def __init__(self, table, columns, cells):
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_columns", tuple(columns))
        object.__setattr__(self, "_cells", {})
        for column, value in cells.items():
            self.__setitem__(column, value)

    def _check(self, column):
        if column not in object.__getattribute__(self, "_columns"):
            raise ScriptError("data table {0} has no column '{1}'".format(object.__getattribute__(self, "_table"), column))

    def __getitem__(self, column):
        self._check(column)
        return object.__getattribute__(self, "_cells").get(column)

    def __setitem__(self, column, value):
        self._check(column)
        if value is not None and not isinstance(value, str):
            raise ScriptError("column {0}.{1} is a text column; got {2!r}".format(
                object.__getattribute__(self, "_table"), column, value))
        object.__getattribute__(self, "_cells")[column] = value

    def __getattr__(self, column):
        if column.startswith("_"):
            _fail_attribute("row", column)
        return self.__getitem__(column)

    def __setattr__(self, column, value):
        self.__setitem__(column, value)

    def cells(self):
        return dict(object.__getattribute__(self, "_cells"))


class Incident(object):
    def __init__(self, recorder, schema, data):
        state = {
            "recorder": recorder,
            "tables": {name: list(columns) for name, columns in schema["tables"].items()},
            "artifact_types": set(schema["artifact_types"]),
            "fields": {k: data.get(k) for k in READ_ONLY_INCIDENT_FIELDS + WRITABLE_INCIDENT_FIELDS},
            "properties": Properties(recorder, schema["incident_fields"], data.get("properties") or {}),
            "rows": {},
        }
        for table, rows in (data.get("tables") or {}).items():
            if table not in state["tables"]:
                raise ValueError("the case's incident has rows for unknown table " + table)
            state["rows"][table] = [Row(table, state["tables"][table], cells) for cells in rows]
        object.__setattr__(self, "_state", state)

    def _s(self):
        return object.__getattribute__(self, "_state")

    def __getattr__(self, name):
        state = object.__getattribute__(self, "_state")
        if name == "properties":
            return state["properties"]
        if name in state["fields"]:
            return state["fields"][name]
        if name in state["tables"] or name == "deleteRow":
            raise ScriptError(("incident.{0} is not a SOAR script API: scripts can add data table rows "
                               "(incident.addRow) but have no documented way to read or delete the incident's rows").format(name))
        _fail_attribute("incident", name)

    def __setattr__(self, name, value):
        state = object.__getattribute__(self, "_state")
        if name not in WRITABLE_INCIDENT_FIELDS:
            if name in state["fields"] or name == "properties":
                raise ScriptError("incident.{0} cannot be set by a script".format(name))
            _fail_attribute("incident", name)
        if name == "severity_code" and value not in SEVERITY_CODES:
            raise ScriptError("incident.severity_code must be one of {0}; got {1!r}".format(SEVERITY_CODES, value))
        if name == "plan_status" and value not in PLAN_STATUSES:
            raise ScriptError("incident.plan_status must be one of {0}; got {1!r}".format(PLAN_STATUSES, value))
        if name == "resolution_id" and value not in RESOLUTIONS:
            raise ScriptError("incident.resolution_id must be one of {0}; got {1!r}".format(RESOLUTIONS, value))
        state["fields"][name] = value
        state["recorder"].changed[name] = value

    def addNote(self, note):
        if isinstance(note, RichText):
            entry = {"format": note.format, "content": note.text}
        elif isinstance(note, str):
            entry = {"format": "text", "content": note}
        else:
            raise ScriptError("incident.addNote takes a str or helper.createRichText(...); got " + type(note).__name__)
        self._s()["recorder"].notes.append(entry)

    def addArtifact(self, artifact_type, value, description=None):
        state = self._s()
        if artifact_type not in state["artifact_types"]:
            raise ScriptError("unknown artifact type {0!r}".format(artifact_type))
        if not isinstance(value, str) or not value:
            raise ScriptError("an artifact value must be a non-empty str; got {0!r}".format(value))
        if isinstance(description, RichText):
            description = description.text
        if description is not None and not isinstance(description, str):
            raise ScriptError("an artifact description must be a str; got {0!r}".format(description))
        state["recorder"].artifacts.append({"type": artifact_type, "value": value, "description": description})

    def addRow(self, table):
        state = self._s()
        if table not in state["tables"]:
            raise ScriptError("unknown data table {0!r}".format(table))
        row = Row(table, state["tables"][table], {})
        state["rows"].setdefault(table, []).append(row)
        state["recorder"].rows_added.setdefault(table, []).append(row)
        return row

    def tables(self):
        return {t: [r.cells() for r in rows] for t, rows in self._s()["rows"].items()}


class Namespace(object):
    """A read-only bag of named values; unknown names raise."""

    def __init__(self, label, values):
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name):
        values = object.__getattribute__(self, "_values")
        if name not in values:
            _fail_attribute(object.__getattribute__(self, "_label"), name)
        return values[name]

    def __setattr__(self, name, value):
        raise ScriptError("{0} is read-only".format(object.__getattribute__(self, "_label")))


class Inputs(object):
    """The function's inputs in an input script: only the function's input fields can be set."""

    def __init__(self, names):
        object.__setattr__(self, "_names", tuple(names))
        object.__setattr__(self, "_values", {})

    def __setattr__(self, name, value):
        if name not in object.__getattribute__(self, "_names"):
            _fail_attribute("inputs (the function has no input field)", name)
        object.__getattribute__(self, "_values")[name] = value

    def __getattr__(self, name):
        values = object.__getattribute__(self, "_values")
        if name not in values:
            _fail_attribute("inputs", name)
        return values[name]


class Recorder(object):
    def __init__(self):
        self.changed = {}
        self.notes = []
        self.artifacts = []
        self.rows_added = {}


SAFE_BUILTINS = {name: __builtins__[name] if isinstance(__builtins__, dict) else getattr(__builtins__, name) for name in (
    "abs", "all", "any", "bool", "dict", "enumerate", "float", "format", "getattr", "hasattr", "int", "isinstance",
    "len", "list", "max", "min", "range", "repr", "reversed", "round", "set", "setattr", "sorted", "str", "sum",
    "tuple", "zip", "map", "filter", "Exception", "ValueError", "KeyError", "TypeError", "AttributeError",
    "IndexError", "print")}


def run(case):
    schema = case["schema"]
    recorder = Recorder()
    incident = Incident(recorder, schema, case.get("incident") or {})
    form = {name: None for name in schema.get("form_fields", [])}
    for name, value in (case.get("playbook_inputs") or {}).items():
        if name not in form:
            raise ValueError("the case gives playbook input {0}, which is not on the playbook's form".format(name))
        form[name] = value
    results = Namespace("playbook.functions.results", {k: wrap(v) for k, v in (case.get("results") or {}).items()})
    playbook = Namespace("playbook", {
        "functions": Namespace("playbook.functions", {"results": results}),
        "inputs": Namespace("playbook.inputs", form),
    })
    scope = {"__builtins__": SAFE_BUILTINS, "__name__": "__main__", "incident": incident, "playbook": playbook, "helper": Helper()}
    inputs = None
    if case["kind"] == "input":
        inputs = Inputs(schema["function_inputs"])
        scope["inputs"] = inputs
    with open(case["script"]) as handle:
        source = handle.read()
    code = compile(source, case["script"], "exec")
    exec(code, scope)
    return {
        "changed": recorder.changed,
        "notes": recorder.notes,
        "artifacts": recorder.artifacts,
        "rows_added": {t: [r.cells() for r in rows] for t, rows in recorder.rows_added.items()},
        "tables": incident.tables(),
        "properties": dict(object.__getattribute__(incident.properties, "_values")),
        "severity_code": incident.severity_code,
        "inputs": None if inputs is None else dict(object.__getattribute__(inputs, "_values")),
    }


def main(argv):
    if len(argv) != 2:
        print("usage: harness.py case.json", file=sys.stderr)
        return 2
    try:
        with open(argv[1]) as handle:
            case = json.load(handle)
        for key in ("script", "kind", "schema"):
            if key not in case:
                raise ValueError("the case has no " + key)
    except (OSError, ValueError) as err:
        print("bad case: {0}".format(err), file=sys.stderr)
        return 2
    try:
        result = run(case)
    except Exception:
        traceback.print_exc()
        return 1
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
