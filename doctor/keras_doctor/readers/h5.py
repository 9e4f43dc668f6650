"""HDF5 (.h5): a whole model (model_config attribute) or weights only, read with h5py."""
from __future__ import annotations

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES
from .common import load_json


HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def is_hdf5(path: str) -> bool:
    with open(path, "rb") as f:
        for offset in (0, 512, 1024, 2048, 4096):  # a user block moves the signature
            f.seek(offset)
            if f.read(8) == HDF5_SIGNATURE:
                return True
    return False


def import_h5py():
    """h5py, imported without spawning a program: its _conv module indexes platform.uname(),
    whose processor field runs `uname -p` found through $PATH (with "." on PATH, a `uname`
    beside the model would run). The field is filled first, as Python leaves it when it
    cannot tell (an empty string)."""
    import platform

    try:
        platform.uname().__dict__.setdefault("processor", "")
    except AttributeError:  # a Python whose uname() computes it eagerly
        pass
    try:
        import h5py
    except ImportError:  # pragma: no cover - h5py is the one dependency
        raise DoctorError("reading .h5 files needs h5py (pip install h5py)") from None
    return h5py


def read_h5(path: str) -> dict:
    h5py = import_h5py()
    try:
        f = h5py.File(path, "r")
    except (OSError, ValueError) as exc:
        raise DoctorError(f"cannot open as HDF5 (truncated or corrupt?): "
                          f"{str(exc).splitlines()[0]}") from None
    with f:
        try:
            attrs = dict(f.attrs.items())
        except (OSError, ValueError, KeyError) as exc:
            raise DoctorError(f"cannot read the HDF5 attributes (corrupt?): "
                              f"{str(exc).splitlines()[0]}") from None
        text = lambda v: v.decode("utf-8", "replace") if isinstance(v, bytes) else (  # noqa: E731
            None if v is None else str(v))
        info = {"keras_version": text(attrs.get("keras_version")),
                "backend": text(attrs.get("backend"))}
        if "model_config" in attrs:
            size = f.attrs.get_id("model_config").get_storage_size()
            if size > MAX_CONFIG_BYTES:
                raise DoctorError(f"model_config is too large ({size // 2**20} MiB; the limit "
                                  f"is {MAX_CONFIG_BYTES // 2**20} MiB)")
            info["format"] = "h5"
            info["config"] = load_json(text(attrs["model_config"]), "model_config")
            return info
        if "layer_names" in attrs or "layers" in f or "model_weights" in f or "vars" in f:
            info["format"] = "h5-weights"
            info["config"] = None
            return info
    raise DoctorError("an HDF5 file with no Keras model config and no Keras weights: "
                      "not a Keras model file")
