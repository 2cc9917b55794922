"""reportlens from Python: run pipelines and read results as pandas DataFrames.

    import reportlens
    res = reportlens.run("pipelines/extract.yaml", inputs=["corpus/tiexi"])
    res.indicators()            # doc, region, report_year, begin, end, text, metric, ...
    reportlens.read("out.sqlite").indicators()

Stages written in Python run in the ``python`` stage (docs/python.md).
"""

import json
import os
import tempfile
import warnings

from . import _reportlens as _core
from ._errors import (ConfigError, DocumentWarning, Error, InputError, InternalError, OutputError,
                      PluginError, StageError)
from ._paths import PLUGIN_DIR as _PLUGIN_DIR_REL
from ._result import Result, read

__version__ = _core.__version__
__all__ = ["run", "read", "Result", "Error", "ConfigError", "InputError", "PluginError", "StageError",
           "OutputError", "InternalError", "DocumentWarning", "plugin_dir"]

plugin_dir = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), _PLUGIN_DIR_REL))

_READABLE = (".json", ".jsonl", ".sqlite", ".sqlite3", ".db")


def _setting_args(settings):
    """{"stage.key": v} or {"stage": {"key": v}} -> ["stage.key=v"] as --set takes them."""
    args = []
    for key, value in (settings or {}).items():
        if isinstance(value, dict) and "." not in key:
            args += _setting_args({f"{key}.{k}": v for k, v in value.items()})
            continue
        if "." not in key:
            raise ConfigError(f"settings: '{key}': expected 'STAGE.KEY' or {{STAGE: {{KEY: VALUE}}}}", 2)
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        args.append(f"{key}={text}")
    return args


def _paths(value):
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


def _plugin_paths(extra):
    # As the CLI searches them: --plugin-path, REPORTLENS_PLUGIN_PATH, then the plugins that came
    # with this package (the CLI finds those next to its executable).
    paths = _paths(extra)
    env = os.environ.get("REPORTLENS_PLUGIN_PATH")
    if env:
        paths.append(env)
    if "REPORTLENS_DISABLE_DEFAULT_PLUGINS" not in os.environ:
        paths.append(plugin_dir)
    return paths


def run(pipeline, inputs=None, settings=None, output=None, jobs=1, plugin_path=None, errors="warn",
        isolate=False, doc_timeout=600, doc_memory=0):
    """Runs a pipeline as ``pipeline run`` does and returns its Result.

    pipeline     the pipeline YAML
    inputs       files, directories, globs or ROLE=PATH (replace the YAML's inputs), as ``--input``
    settings     {"stage.key": value} or {"stage": {"key": value}}, as ``--set``
    output       the result file to keep (.sqlite, .jsonl or .json, as ``--output``); a store
                 resumes as in the CLI. None: a temporary store, removed after reading.
    jobs         documents processed in parallel (0: all cores); the frames do not depend on it
    plugin_path  extra plugin directories or files, as ``--plugin-path``
    errors       documents that failed: "warn" (a DocumentWarning), "raise" (StageError or
                 InputError with the result as .result) or "ignore"; they are in Result.errors
    isolate      run each document's stages in a worker process, as ``--isolate``: a stage that
                 crashes, aborts, calls exit() or hangs fails that document only (its signal or
                 limit in Result.errors), not this Python process. Off by default (a fork per
                 document costs time; docs/batch.md). A ``python`` stage in an isolated run
                 runs in the worker, which must not need a lock another Python thread held
                 at the fork: keep other threads idle, or doc_timeout ends that document.
    doc_timeout  seconds an isolated document may take (0: no limit), as ``--doc-timeout``
    doc_memory   bytes of address space an isolated worker may use (0: no limit), as ``--doc-memory``

    Raises ConfigError (pipeline YAML, settings, inputs), PluginError, StageError (a stage
    could not be created), OutputError, with the CLI's message. The GIL is released while
    stages run.
    """
    if errors not in ("warn", "raise", "ignore"):
        raise ValueError("errors must be 'warn', 'raise' or 'ignore'")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise ValueError("jobs must be an int >= 0 (0: all cores)")
    if not isinstance(isolate, bool):
        raise ValueError("isolate must be True or False")
    for name, value in (("doc_timeout", doc_timeout), ("doc_memory", doc_memory)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{name} must be a number >= 0 (0: no limit)")
    args = dict(pipeline=os.fspath(pipeline), inputs=_paths(inputs), settings=_setting_args(settings),
                plugin_paths=_plugin_paths(plugin_path), jobs=jobs, isolate=isolate,
                doc_timeout=float(doc_timeout), doc_memory=int(doc_memory))
    if output is not None:
        output = os.fspath(output)
        if os.path.splitext(output)[1].lower() not in _READABLE:
            raise ConfigError(f"output '{output}': use .sqlite, .jsonl or .json (frames are read back from it; "
                              "for CSV use DataFrame.to_csv)", 2)
        report = _core.run(output=output, **args)
        result = read(report["output"], report=report)
    else:
        with tempfile.TemporaryDirectory(prefix="reportlens-") as tmp:
            report = _core.run(output=os.path.join(tmp, "result.sqlite"), **args)
            result = read(report["output"], report=report)
            result.path = None
    _report_failures(report, result, errors)
    return result


def _report_failures(report, result, errors):
    if report["failed"] == 0 or errors == "ignore":
        return
    lines = "\n".join(report["failure_lines"])
    message = f"{report['failed']} of {report['documents']} document(s) failed:\n{lines}"
    if errors == "raise":
        error = (InputError if report["exit_code"] == InputError.exit_code else StageError)(message, report["exit_code"])
        error.result = result
        raise error
    warnings.warn(message, DocumentWarning, stacklevel=3)
