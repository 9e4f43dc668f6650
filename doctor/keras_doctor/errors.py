"""The one exception the doctor raises for a file it cannot read."""


class DoctorError(Exception):
    """The file could not be read; the message is one line for stderr."""
