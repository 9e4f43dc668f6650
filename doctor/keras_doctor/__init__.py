"""keras-doctor: what a saved Keras model holds, and which page answers its case.

    keras-doctor PATH [--json | --format text|json|sarif] [--fail-on error|warning|never]

PATH is a ``.h5`` file, a ``.keras`` file, a SavedModel directory or a TensorFlow.js
``model.json``. The file is read **statically**: h5py for HDF5 attributes, zipfile and
json for ``.keras`` and ``model.json``, a small protocol-buffer wire reader for
SavedModel. Nothing from the file is ever run: no ``load_model``, no unpickling, no
``marshal.loads``. A ``Lambda``'s bytecode is only *read*, byte by byte, by a parser
that knows the layout of marshalled code objects, to say which Python wrote it.

It imports neither TensorFlow nor Keras. Exit status: 0 when the file was read (whatever
it holds, unless --fail-on says otherwise: 1 for a finding at that severity), 2 when it
could not be (one line on stderr says why).
"""
from .cli import main
from .errors import DoctorError
from .findings import diagnose
from .report import render, to_json

__version__ = "0.2.0"
__all__ = ["DoctorError", "diagnose", "main", "render", "to_json"]
