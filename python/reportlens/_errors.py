"""Exceptions raised by reportlens, one per exit code of the `pipeline` CLI.

The message is the one the CLI prints (for pipeline YAML problems: one line per problem,
``file:line:column: message``); ``exit_code`` is the code the CLI would exit with.
"""


class Error(Exception):
    """Base class: a run or a read that could not be done."""

    exit_code = 1

    def __init__(self, message, exit_code=None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class InternalError(Error):
    """A bug in reportlens (exit code 1): please report it."""

    exit_code = 1


class ConfigError(Error, ValueError):
    """Bad arguments or pipeline YAML (exit code 2)."""

    exit_code = 2


class InputError(Error, OSError):
    """An input could not be read or decoded (exit code 3)."""

    exit_code = 3


class PluginError(Error):
    """A plugin could not be found, loaded, or was refused (exit code 4)."""

    exit_code = 4


class StageError(Error):
    """A stage failed (exit code 5): could not be created, or failed on documents."""

    exit_code = 5


class OutputError(Error, OSError):
    """The result could not be written (exit code 6)."""

    exit_code = 6


_BY_CODE = {1: InternalError, 2: ConfigError, 3: InputError, 4: PluginError, 5: StageError, 6: OutputError}


def error_for(code, message):
    """The exception for a CLI exit code (used by the C++ module)."""
    return _BY_CODE.get(int(code), Error)(message, int(code))


class DocumentWarning(UserWarning):
    """Some documents failed; the others are in the result (see Result.errors)."""
