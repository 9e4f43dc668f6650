"""keras-doctor: what a saved Keras model holds, and which page answers its case.

    keras-doctor PATH [--json]

PATH is a ``.h5`` file, a ``.keras`` file, a SavedModel directory or a TensorFlow.js
``model.json``. The file is read **statically**: h5py for HDF5 attributes, zipfile and
json for ``.keras`` and ``model.json``, a small protocol-buffer wire reader for
SavedModel. Nothing from the file is ever run: no ``load_model``, no unpickling, no
``marshal.loads``. A ``Lambda``'s bytecode is only *read*, byte by byte, by a parser
that knows the layout of marshalled code objects, to say which Python wrote it.

It imports neither TensorFlow nor Keras. Exit status: 0 when the file was read (whatever
it holds), 2 when it could not be (one line on stderr says why).
"""
from __future__ import annotations

import argparse
import base64
import binascii
import json
import mmap
import os
import re
import struct
import sys
import zipfile

SCHEMA_VERSION = 1
MAX_CONFIG_BYTES = 64 * 1024 * 1024  # a model's JSON config larger than this is refused
MAX_LAYERS = 100_000
MAX_DEPTH = 64  # nested models / JSON nesting / marshalled objects

# Where each case is answered on the site (pages are served as /<page>/#<heading id>).
PAGES = {
    "KD001": "/why-unknown-layer-lambda/#keras3-message",
    "KD002": "/python-version-bytecode/#bad-marshal-data",
    "KD003": "/lambda-functions/#name-not-defined",
    "KD004": "/lambda-functions/#named-function",
    "KD005": "/fix-custom-layer/#unknown-layer-custom",
    "KD006": "/fix-custom-layer/#register-not-imported",
    "KD007": "/keras2-to-keras3/#tfoplambda",
    "KD008": "/hub-keraslayer/#unknown-layer-keraslayer",
    "KD009": "/custom-functions/#activation-not-found",
    "KD010": "/keras2-to-keras3/#keras2-files",
    "KD011": "/keras2-to-keras3/#keras3-files-in-keras2",
    "KD012": "/h5-vs-keras/#file-format-not-supported",
    "KD013": "/h5-vs-keras/#file-format-not-supported",
    "KD014": "/recovery/#rebuild-load-weights",
    "KD015": "/tfjs/#tfjs-register-class",
    "KD016": "/why-unknown-layer-lambda/#stored-h5",
    "KD017": "/keras-tensor-tf-function/#unknown-layer-keras-op",
}
PAGE_KERAS_CUSTOM = "/fix-custom-layer/#could-not-locate-class"  # KD005 for a .keras file

FORMAT_LABELS = {
    "h5": "HDF5 (.h5), whole model",
    "h5-weights": "HDF5 (.h5), weights only",
    "keras": "Keras zip (.keras)",
    "savedmodel": "TensorFlow SavedModel directory",
    "tfjs": "TensorFlow.js layers model (model.json)",
    "tfjs-graph": "TensorFlow.js graph model (model.json)",
    "json": "Keras model config (JSON, model.to_json())",
}

# Layer classes Keras ships (keras.layers of Keras 3.15, 3.10, 2.15 and tf-keras 2.21),
# plus the model classes a config names.
BUILTIN_LAYERS = frozenset("""
AbstractRNNCell Activation ActivityRegularization AdaptiveAveragePooling1D
AdaptiveAveragePooling2D AdaptiveAveragePooling3D AdaptiveMaxPooling1D AdaptiveMaxPooling2D
AdaptiveMaxPooling3D Add AdditiveAttention AlphaDropout Attention AugMix AutoContrast
Average AveragePooling1D AveragePooling2D AveragePooling3D AvgPool1D AvgPool2D AvgPool3D
BatchNormalization Bidirectional CategoryEncoding CenterCrop Concatenate
ContrastLimitedAdaptiveHistogramEqualization Conv1D Conv1DTranspose Conv2D Conv2DTranspose
Conv3D Conv3DTranspose ConvLSTM1D ConvLSTM2D ConvLSTM3D Convolution1D
Convolution1DTranspose Convolution2D Convolution2DTranspose Convolution3D
Convolution3DTranspose Cropping1D Cropping2D Cropping3D CutMix Dense DenseFeatures
DepthwiseConv1D DepthwiseConv2D Discretization Dot Dropout ELU EinsumDense Embedding
Equalization Flatten FlaxLayer GRU GRUCell GaussianDropout GaussianNoise
GlobalAveragePooling1D GlobalAveragePooling2D GlobalAveragePooling3D GlobalAvgPool1D
GlobalAvgPool2D GlobalAvgPool3D GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D
GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GroupNormalization
GroupQueryAttention HashedCrossing Hashing Identity InputLayer IntegerLookup JaxLayer LSTM
LSTMCell Lambda Layer LayerNormalization LeakyReLU LocallyConnected1D LocallyConnected2D
Masking MaxNumBoundingBoxes MaxPool1D MaxPool2D MaxPool3D MaxPooling1D MaxPooling2D
MaxPooling3D Maximum MelSpectrogram Minimum MixUp MultiHeadAttention Multiply Normalization
PReLU Permute Pipeline RMSNormalization RNN RandAugment RandomBrightness
RandomColorDegeneration RandomColorJitter RandomContrast RandomCrop RandomElasticTransform
RandomErasing RandomFlip RandomGaussianBlur RandomGrayscale RandomHeight RandomHue
RandomInvert RandomPerspective RandomPosterization RandomRotation RandomSaturation
RandomSharpness RandomShear RandomTranslation RandomWidth RandomZoom ReLU RepeatVector
Rescaling Reshape Resizing ReversibleEmbedding STFTSpectrogram SeparableConv1D
SeparableConv2D SeparableConvolution1D SeparableConvolution2D SimpleRNN SimpleRNNCell
Softmax Solarization SpatialDropout1D SpatialDropout2D SpatialDropout3D
SpectralNormalization StackedRNNCells StringLookup Subtract TFSMLayer TextVectorization
ThresholdedReLU TimeDistributed TorchModuleWrapper UnitNormalization UpSampling1D
UpSampling2D UpSampling3D Wrapper ZeroPadding1D ZeroPadding2D ZeroPadding3D
Functional Sequential Model
""".split())

# Operation classes of keras.ops (Keras 3.15): a functional model that applies keras.ops
# to its tensors stores each as a node. The .keras format names their module
# (keras.src.ops.*); an .h5 file only the class name, which its loader takes for a layer.
KERAS_OPS = frozenset("""
Abs Absolute AdaptiveAveragePool AdaptiveMaxPool Add AffineTransform All AllClose Amax Amin
Angle Any Append Arange Arccos Arccosh Arcsin Arcsinh Arctan Arctan2 Arctanh Argmax Argmin
Argpartition Argsort Array ArraySplit AssociativeScan Average AveragePool BatchNorm
BinaryCrossentropy Bincount BitwiseAnd BitwiseInvert BitwiseLeftShift BitwiseNot BitwiseOr
BitwiseRightShift BitwiseXor BroadcastTo CDist CTCDecode CTCLoss Cast
CategoricalCrossentropy Cbrt Ceil Celu Cholesky CholeskyInverse Clip Concatenate Cond Conj
Conjugate Conv ConvTranspose ConvertToTensor Copy Corrcoef Correlate Cos Cosh CountNonzero
CropImages Cross Cumprod Cumsum Deg2rad DepthToSpace DepthwiseConv Det Diag Diagflat
Diagonal Diff Digitize Divide DivideNoNan Dot DotProductAttention Dsplit Dstack Eig Eigh
Einsum ElasticTransform Elu EmptyLike Equal Erf Erfc Erfinv Exp Exp2 ExpandDims Expm1
ExtractPatches ExtractSequences FFT FFT2 Fabs Flip Fliplr Flipud Floor FloorDivide Fmax Fmin
Fmod Fold ForiLoop Full FullLike Function GaussianBlur Gcd Gelu Geomspace GetItem Glu
Greater GreaterEqual HSVToRGB HardShrink HardSigmoid HardSilu HardTanh Heaviside Histogram
Hsplit Hstack Hypot I0 IFFT2 IRFFT ISTFT Imag InTopK Inner Inv IsIn Isclose Isfinite Isinf
Isnan Isneginf Isposinf Isreal JVP Kron LayerNorm Lcm Ldexp LeakyRelu LeftShift Less
LessEqual Linspace Log Log10 Log1p Log2 LogSigmoid LogSoftmax Logaddexp Logaddexp2 Logdet
LogicalAnd LogicalNot LogicalOr LogicalXor Logspace Logsumexp Lstsq LuFactor Map
MapCoordinates Matmul MatrixRank Max MaxPool Maximum Mean Median Meshgrid Min Minimum Mod
Moments Moveaxis MultiHot Multiply NanToNum Nanargmax Nanargmin Nancumprod Nancumsum Nanmax
Nanmean Nanmedian Nanmin Nanpercentile Nanprod Nanquantile Nanstd Nansum Nanvar Ndim
Negative Nextafter Nonzero Norm Normalize NotEqual OneHot OnesLike Operation Outer PSNR Pad
PadImages Percentile PerspectiveTransform Pinv Polar Power Prod Ptp Qr Quantile RFFT
RGBToGrayscale RGBToHSV RMSNorm Rad2deg Ravel Real Rearrange Reciprocal Relu Relu6 Repeat
Reshape Resize RightShift Roll Rot90 Round Rsqrt SSIM STFT SVD SaturateCast
ScaleAndTranslate Scan Scatter ScatterUpdate SearchSorted SegmentMax SegmentMin SegmentProd
SegmentReduction SegmentSum Select Selu SeparableConv Sigmoid Sign Signbit Silu Sin Sinc
Sinh Size Slice SliceUpdate Slogdet SobelEdges SoftShrink Softmax Softplus Softsign Solve
SolveTriangular Sort SpaceToDepth SparseCategoricalCrossentropy SparsePlus SparseSigmoid
Sparsemax Split Sqrt Square Squareplus Squeeze Stack Std StopGradient Subtract Sum Swapaxes
Switch Take TakeAlongAxis Tan Tanh TanhShrink Tensordot Threshold Tile TopK Trace Transpose
Trapezoid Tril Triu TrueDivide Trunc Unfold Unique UnravelIndex Unstack Vander Var Vdot
VectorizedMap View ViewAsComplex ViewAsReal Vsplit Vstack Where WhileLoop ZerosLike
""".split())
MODEL_CLASSES = {"Functional", "Sequential", "Model"}
TFOP_CLASSES = {"TFOpLambda", "SlicingOpLambda"}

# Bytecode of each CPython version, as `opcode` of that interpreter reports it (valid
# opcodes as ranges, the RESUME opcode, inline cache entries after an opcode). Made with
# /root/.pyenv/versions/3.x/bin/python from each version's `opcode` module; the test
# suite re-derives them from the interpreters present.
# LOAD_GLOBAL, EXTENDED_ARG and how far LOAD_GLOBAL's argument is shifted, per version.
GLOBAL_OPS = {"3.8": (116, 144, 0), "3.9": (116, 144, 0), "3.10": (116, 144, 0),
              "3.11": (116, 144, 1), "3.12": (116, 144, 1), "3.13": (91, 71, 1)}
OPCODES = {
    "3.8": ([(1, 6), (9, 12), (15, 17), (19, 20), (22, 29), (50, 57), (59, 73), (75, 79), (81, 98), (100, 116), 122, (124, 126), (130, 133), (135, 138), (141, 158), (160, 163)], -1, {}),
    "3.9": ([(1, 6), (9, 12), (15, 17), (19, 20), (22, 29), (48, 52), (54, 57), (59, 79), (82, 87), (89, 98), (100, 118), (121, 122), (124, 126), (130, 133), (135, 138), (141, 148), (154, 157), (160, 165)], -1, {}),
    "3.10": ([(1, 6), (9, 12), (15, 17), (19, 20), (22, 34), (49, 52), (54, 57), (59, 79), (82, 87), (89, 119), (121, 122), (124, 126), (129, 133), (135, 138), (141, 148), 152, (154, 157), (160, 165)], -1, {}),
    "3.11": ([(0, 2), (9, 12), 15, 25, (30, 33), (35, 37), (49, 54), (60, 61), (68, 71), (74, 75), (82, 112), (114, 120), (122, 126), (128, 140), 142, (144, 149), (151, 152), (155, 157), 160, (162, 166), (171, 176)], 151, {25: 4, 60: 1, 92: 1, 95: 4, 106: 4, 107: 2, 116: 5, 122: 1, 160: 10, 166: 1, 171: 4}),
    "3.12": ([(0, 5), 9, (11, 12), 15, 17, (25, 27), (30, 33), (35, 37), (49, 55), (60, 61), (68, 69), 71, (74, 75), 83, 85, 87, (89, 110), (114, 147), (149, 152), (155, 157), (162, 165), (171, 176)], 151, {25: 1, 60: 1, 92: 1, 93: 1, 95: 4, 106: 9, 107: 1, 116: 4, 122: 1, 123: 1, 141: 1, 171: 3}),
    "3.13": ([(0, 2), (4, 118), 149], 149, {5: 1, 39: 1, 40: 3, 45: 1, 53: 3, 58: 1, 59: 1, 72: 1, 77: 1, 82: 9, 91: 4, 93: 1, 97: 1, 98: 1, 99: 1, 100: 1, 104: 1, 108: 4, 117: 1}),
}

# Field layouts of a marshalled code object ("c" record), by CPython version family.
# "i" = 32-bit int, "o" = a marshalled object. From CPython's Python/marshal.c.
CODE_LAYOUTS = [
    # (family, versions we can tell apart inside it, fields)
    ("3.11+", ("3.11", "3.12", "3.13"),
     ["argcount", "posonlyargcount", "kwonlyargcount", "stacksize", "flags"],
     ["code", "consts", "names", "localsplusnames", "localspluskinds", "filename", "name",
      "qualname", "firstlineno:i", "linetable", "exceptiontable"]),
    ("3.8-3.10", ("3.8", "3.9", "3.10"),
     ["argcount", "posonlyargcount", "kwonlyargcount", "nlocals", "stacksize", "flags"],
     ["code", "consts", "names", "varnames", "freevars", "cellvars", "filename", "name",
      "firstlineno:i", "lnotab"]),
    ("3.4-3.7", (),
     ["argcount", "kwonlyargcount", "nlocals", "stacksize", "flags"],
     ["code", "consts", "names", "varnames", "freevars", "cellvars", "filename", "name",
      "firstlineno:i", "lnotab"]),
]


# The --json output: every key, its JSON type(s) and meaning (the page prints this table;
# the tests check every report against it).
SCHEMA = {
    "report": {
        "doctor": ("integer", "schema version of this output (1)"),
        "path": ("string", "the path given on the command line"),
        "format": ("string", "h5, h5-weights, keras, savedmodel, tfjs, tfjs-graph or json"),
        "format_label": ("string", "the format in words"),
        "keras_version": ("string|null", "the Keras version that wrote the file, from its own metadata"),
        "backend": ("string|null", "the Keras backend recorded in the file"),
        "tensorflow_version": ("string|null", "SavedModel: the TensorFlow version that wrote it"),
        "model_class": ("string|null", "Functional, Sequential, Model or a custom model class"),
        "layers": ("array", "every layer, nested models' layers included (objects below)"),
        "custom_objects": ("array", "names the loading program must provide (custom_objects or an import)"),
        "findings": ("array", "what stands in the way of loading, with the page that answers it (objects below)"),
    },
    "layer": {
        "name": ("string", "layer name; a nested model's layers are named outer/inner"),
        "class_name": ("string", "class name as stored (a registered class: `package>Name`)"),
        "module": ("string|null", "module recorded by Keras 3 .keras files"),
        "registered_name": ("string|null", "registered name recorded by Keras 3 .keras files"),
        "kind": ("string", "builtin, lambda, custom, tfoplambda, hub or operation"),
        "function": ("object", "Lambda and TFOpLambda only: what the layer wraps (below)"),
    },
    "function": {
        "type": ("string", "bytecode, named, tf-op or unknown"),
        "python": ("string", "bytecode: the Python version(s) whose code-object layout and opcodes fit"),
        "name": ("string|null", "the function's name (`<lambda>` for a lambda)"),
        "defined_in": ("string|null", "bytecode: the file name it was defined in (no directories)"),
        "globals": ("array|null", "bytecode: global names it loads (the loader must define them)"),
        "module": ("string|null", "named: the module recorded for it"),
        "registered_name": ("string|null", "named: the registered name recorded by Keras 3"),
        "problem": ("string", "bytecode this tool could not read: why"),
    },
    "finding": {
        "code": ("string", "stable code, KD001 to KD017"),
        "severity": ("string", "error (stops loading), warning or info"),
        "layer": ("string|null", "the layer it is about, or null for the whole file"),
        "message": ("string", "one line"),
        "page": ("string", "the page and section that answers it: `/<page>/#<heading id>`"),
    },
}


class DoctorError(Exception):
    """The file could not be read; the message is one line for stderr."""


# --------------------------------------------------------------------------- bytecode


class _Code(dict):
    """A marshalled code object's fields (data only: nothing is ever executed)."""


class _MarshalReader:
    """Reads the marshal format as plain data. Code objects become dicts of their fields;
    no Python object is created from the stream other than str/bytes/int/float/tuples."""

    def __init__(self, data: bytes, layout):
        self.data, self.pos, self.refs, self.layout = data, 0, [], layout

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError("truncated")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def i32(self) -> int:
        return struct.unpack("<i", self.take(4))[0]

    def obj(self, depth: int = 0):
        if depth > MAX_DEPTH:
            raise ValueError("too deep")
        code = self.take(1)[0]
        t, ref = chr(code & 0x7F), code & 0x80
        if ref:
            slot = len(self.refs)
            self.refs.append(None)
        if t in "N0":
            v = None
        elif t in "TF.S":
            v = {"T": True, "F": False, ".": "...", "S": "StopIteration"}[t]
        elif t == "i":
            v = self.i32()
        elif t == "l":
            n = self.i32()
            digits = struct.unpack(f"<{abs(n)}H", self.take(2 * abs(n)))
            v = sum(d << (15 * i) for i, d in enumerate(digits)) * (-1 if n < 0 else 1)
        elif t == "g":
            v = struct.unpack("<d", self.take(8))[0]
        elif t == "y":
            v = complex(*struct.unpack("<dd", self.take(16)))
        elif t in "fx":  # text floats (old marshal versions)
            parts = [self.take(self.take(1)[0]) for _ in range(2 if t == "x" else 1)]
            v = tuple(float(p) for p in parts)
        elif t == "s":
            v = self.take(self.i32())
        elif t in "utaA":
            v = self.take(self.i32()).decode("utf-8", "surrogatepass")
        elif t in "zZ":
            v = self.take(self.take(1)[0]).decode("latin-1")
        elif t == ")":
            v = tuple(self.obj(depth + 1) for _ in range(self.take(1)[0]))
        elif t in "([<>":
            n = self.i32()
            if n < 0 or n > len(self.data):
                raise ValueError("bad size")
            v = tuple(self.obj(depth + 1) for _ in range(n))
        elif t == "{":
            items = []
            while self.data[self.pos:self.pos + 1] != b"0":
                items.append((self.obj(depth + 1), self.obj(depth + 1)))
            self.pos += 1
            v = tuple(items)
        elif t == "r":
            i = self.i32()
            if not 0 <= i < len(self.refs):
                raise ValueError("bad reference")
            v = self.refs[i]
        elif t == "c":
            v = _Code()
            for name in self.layout[0]:
                v[name] = self.i32()
            for name in self.layout[1]:
                name, _, kind = name.partition(":")
                v[name] = self.i32() if kind == "i" else self.obj(depth + 1)
        else:
            raise ValueError(f"unknown marshal type {t!r}")
        if ref:
            self.refs[slot] = v
        return v


def _valid_opcodes(version: str) -> set[int]:
    ranges = OPCODES[version][0]
    return {o for r in ranges for o in (range(r[0], r[1] + 1) if isinstance(r, tuple) else [r])}


def _fits_version(code: _Code, version: str) -> bool:
    """Whether every instruction of the code (and of nested code objects) is a valid
    opcode of that CPython version, with its inline caches where that version has them."""
    valid = _valid_opcodes(version) - {0}  # CACHE never starts an instruction
    resume, caches = OPCODES[version][1], OPCODES[version][2]
    for c in _code_objects(code):
        raw = c.get("code")
        if not isinstance(raw, bytes) or len(raw) % 2:
            return False
        i, seen_resume = 0, resume < 0
        while i < len(raw):
            op = raw[i]
            if op not in valid:
                return False
            seen_resume = seen_resume or op == resume
            n = caches.get(op, 0)
            if any(raw[j] != 0 for j in range(i + 2, i + 2 + 2 * n, 2)):
                return False
            i += 2 + 2 * n
        if i != len(raw) or not seen_resume:
            return False
    return True


def _versions_in(text: str) -> set[str]:
    """The Python versions a bytecode verdict names: "3.11 or 3.12", "3.8-3.10"."""
    out: set[str] = set()
    if "(not " in text:  # a layout no known version's opcodes fit
        return out
    for a, b in re.findall(r"3\.(\d+)(?:-3\.(\d+))?", text):
        out |= {f"3.{m}" for m in range(int(a), int(b or a) + 1)}
    return out


def _code_objects(code: _Code, depth: int = 0):
    yield code
    if depth < MAX_DEPTH:
        for const in code.get("consts") or ():
            if isinstance(const, _Code):
                yield from _code_objects(const, depth + 1)


def read_bytecode(b64: str) -> dict:
    """What a Keras-stored function's bytecode (base64 of ``marshal.dumps(code)``) tells,
    read without unmarshalling it."""
    try:
        raw = base64.b64decode(b64.encode("ascii"), validate=False)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return {"python": "unknown", "problem": "not base64"}
    if not raw:
        return {"python": "unknown", "problem": "empty"}
    if raw[0] == ord("c"):  # no FLAG_REF: marshal version < 3 (Python 2 or 3.0-3.3)
        return {"python": "2.x or 3.0-3.3", "bytes": len(raw)}
    if raw[0] != 0xE3:
        return {"python": "unknown", "problem": "not a marshalled code object", "bytes": len(raw)}
    for family, versions, longs, objs in CODE_LAYOUTS:
        reader = _MarshalReader(raw, (longs, objs))
        try:
            code = reader.obj()
        except (ValueError, struct.error, UnicodeDecodeError, OverflowError):
            continue
        if reader.pos != len(raw) or not isinstance(code, _Code):
            continue
        if family == "3.4-3.7" and not isinstance(code.get("code"), bytes):
            continue
        fits = [v for v in versions if _fits_version(code, v)]
        if versions and not fits:
            python = f"{family} (not {', '.join(versions)})"
        elif fits:
            python = " or ".join(fits) if len(fits) < 3 else f"{fits[0]}-{fits[-1]}"
        else:
            python = family
        return {
            "python": python,
            "layout": family,
            "name": code.get("name") if isinstance(code.get("name"), str) else None,
            # only the file's name: the directories are the writer's machine, not the model
            "filename": _basename(code.get("filename")),
            "globals": _globals(code, (fits or versions or [None])[0]),
            "bytes": len(raw),
        }
    return {"python": "unknown", "problem": "no known code-object layout", "bytes": len(raw)}


def _basename(path) -> str | None:
    if not isinstance(path, str) or not path:
        return None
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None


def _globals(code: _Code, version: str | None) -> list[str] | None:
    """The global names the code (and its nested functions) loads: the co_names entries
    that LOAD_GLOBAL instructions point at. None when the version is not known."""
    if version not in GLOBAL_OPS:
        return None
    load_global, extended, shift = GLOBAL_OPS[version]
    found = set()
    for c in _code_objects(code):
        raw, names = c.get("code"), c.get("names") or ()
        if not isinstance(raw, bytes):
            continue
        ext = 0
        for i in range(0, len(raw) - 1, 2):
            op, arg = raw[i], raw[i + 1] | ext
            ext = (arg << 8) if op == extended else 0
            if op == load_global:
                idx = arg >> shift
                if 0 <= idx < len(names) and isinstance(names[idx], str):
                    found.add(names[idx])
    return sorted(found)


# --------------------------------------------------------------------------- readers


def _load_json(text: bytes | str, what: str):
    if len(text) > MAX_CONFIG_BYTES:
        raise DoctorError(f"{what} is too large ({len(text) // 2**20} MiB; the limit is "
                          f"{MAX_CONFIG_BYTES // 2**20} MiB)")
    try:
        return json.loads(text)
    except RecursionError:
        raise DoctorError(f"{what} is nested too deeply to be a model config") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DoctorError(f"{what} is not valid JSON (truncated or corrupt?): "
                          f"{str(exc).splitlines()[0]}") from None


def _check_size(path: str, what: str):
    size = os.path.getsize(path)
    if size > MAX_CONFIG_BYTES:
        raise DoctorError(f"{what} is too large ({size // 2**20} MiB; the limit is "
                          f"{MAX_CONFIG_BYTES // 2**20} MiB)")


HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def _is_hdf5(path: str) -> bool:
    with open(path, "rb") as f:
        for offset in (0, 512, 1024, 2048, 4096):  # a user block moves the signature
            f.seek(offset)
            if f.read(8) == HDF5_SIGNATURE:
                return True
    return False


def read_h5(path: str) -> dict:
    try:
        import h5py
    except ImportError:  # pragma: no cover - every runtime has h5py
        raise DoctorError("reading .h5 files needs h5py (pip install h5py)") from None
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
            info["config"] = _load_json(text(attrs["model_config"]), "model_config")
            return info
        if "layer_names" in attrs or "layers" in f or "model_weights" in f or "vars" in f:
            info["format"] = "h5-weights"
            info["config"] = None
            return info
    raise DoctorError("an HDF5 file with no Keras model config and no Keras weights: "
                      "not a Keras model file")


def read_keras_zip(path: str) -> dict:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DoctorError(f"cannot open as a zip file (truncated or corrupt?): {exc}") from None
    with z:
        names = set(z.namelist())
        if "config.json" not in names:
            raise DoctorError("a zip file without config.json: not a .keras model file")

        def member(name):
            info = z.getinfo(name)
            if info.file_size > MAX_CONFIG_BYTES:
                raise DoctorError(f"{name} is too large ({info.file_size // 2**20} MiB; the "
                                  f"limit is {MAX_CONFIG_BYTES // 2**20} MiB)")
            try:
                return z.read(name)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise DoctorError(f"cannot read {name} from the zip (truncated or corrupt?): "
                                  f"{exc}") from None

        config = _load_json(member("config.json"), "config.json")
        meta = _load_json(member("metadata.json"), "metadata.json") if "metadata.json" in names else {}
    meta = meta if isinstance(meta, dict) else {}
    return {"format": "keras", "config": config, "keras_version": meta.get("keras_version"),
            "backend": None}


def read_model_json(path: str) -> dict:
    _check_size(path, "model.json")
    with open(path, "rb") as f:
        data = _load_json(f.read(), os.path.basename(path) or "the JSON file")
    if not isinstance(data, dict):
        raise DoctorError("a JSON file that is not a model (no modelTopology or model config)")
    if "modelTopology" in data or data.get("format") in ("layers-model", "graph-model"):
        topo = data.get("modelTopology") or {}
        if data.get("format") == "graph-model" or "node" in topo:
            return {"format": "tfjs-graph", "config": None, "keras_version": None,
                    "backend": None, "generated_by": data.get("generatedBy"),
                    "converted_by": data.get("convertedBy")}
        config = topo.get("model_config", topo if "class_name" in topo else None)
        version = topo.get("keras_version")
        gen = data.get("generatedBy") or ""
        if not version and gen.startswith("keras v"):
            version = gen.removeprefix("keras v")
        return {"format": "tfjs", "config": config, "keras_version": version,
                "backend": topo.get("backend"), "generated_by": data.get("generatedBy"),
                "converted_by": data.get("convertedBy")}
    if "class_name" in data and "config" in data:
        return {"format": "json", "config": data, "keras_version": data.get("keras_version"),
                "backend": data.get("backend")}
    raise DoctorError("a JSON file that is not a model (no modelTopology or model config)")


# Protocol buffers, read from the wire format (SavedModel and keras_metadata.pb).
def _pb_fields(buf, start: int = 0, end: int | None = None):
    """(field number, wire type, value) of a message; length-delimited values are
    (start, end) offsets into buf, so nothing large is copied."""
    pos, end = start, len(buf) if end is None else end

    def varint():
        nonlocal pos
        shift = result = 0
        while True:
            if pos >= end or shift > 63:
                raise ValueError("bad varint")
            b = buf[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    while pos < end:
        key = varint()
        field, wire = key >> 3, key & 7
        if wire == 0:
            yield field, wire, varint()
        elif wire == 1:
            pos += 8
            yield field, wire, None
        elif wire == 2:
            n = varint()
            if pos + n > end:
                raise ValueError("truncated")
            yield field, wire, (pos, pos + n)
            pos += n
        elif wire == 5:
            pos += 4
            yield field, wire, None
        else:
            raise ValueError("bad wire type")
    if pos != end:
        raise ValueError("truncated")


def read_savedmodel(path: str) -> dict:
    pb = os.path.join(path, "saved_model.pb")
    if not os.path.isfile(pb):
        raise DoctorError("a SavedModel directory without saved_model.pb (only the text "
                          "form saved_model.pbtxt is not supported)")
    info = {"format": "savedmodel", "config": None, "keras_version": None, "backend": None,
            "tensorflow_version": None, "signatures": []}
    try:
        with open(pb, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            for field, wire, val in _pb_fields(buf):
                if field != 2 or wire != 2:  # meta_graphs
                    continue
                for f2, w2, v2 in _pb_fields(buf, *val):
                    if f2 == 1 and w2 == 2:  # meta_info_def
                        for f3, w3, v3 in _pb_fields(buf, *v2):
                            if f3 == 5 and w3 == 2:  # tensorflow_version
                                info["tensorflow_version"] = bytes(buf[v3[0]:v3[1]]).decode()
                    elif f2 == 5 and w2 == 2:  # signature_def map entry: key = 1
                        for f3, w3, v3 in _pb_fields(buf, *v2):
                            if f3 == 1 and w3 == 2:
                                info["signatures"].append(bytes(buf[v3[0]:v3[1]]).decode())
                break  # the first meta graph
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise DoctorError(f"cannot read saved_model.pb (truncated or corrupt?): {exc}") from None
    info["signatures"] = sorted(n for n in info["signatures"] if not n.startswith("__"))
    meta = os.path.join(path, "keras_metadata.pb")
    if os.path.isfile(meta):
        _check_size(meta, "keras_metadata.pb")
        with open(meta, "rb") as f:
            buf = f.read()
        try:
            for field, wire, val in _pb_fields(buf):
                if field != 1 or wire != 2:  # nodes
                    continue
                node = {f2: bytes(buf[v[0]:v[1]]) for f2, w2, v in _pb_fields(buf, *val) if w2 == 2}
                if node.get(3) == b"root":
                    root = _load_json(node.get(5, b"{}"), "keras_metadata.pb")
                    if isinstance(root, dict):
                        info["config"] = {"class_name": root.get("class_name"),
                                          "config": root.get("config")}
                        info["keras_version"] = root.get("keras_version")
                        info["backend"] = root.get("backend")
                    break
        except (ValueError, UnicodeDecodeError) as exc:
            raise DoctorError(f"cannot read keras_metadata.pb (truncated or corrupt?): {exc}") from None
        info["keras_metadata"] = True
    else:
        info["keras_metadata"] = False
    return info


def read_any(path: str) -> dict:
    if not os.path.lexists(path):
        raise DoctorError("no such file or directory")
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, "saved_model.pb")) or \
                os.path.isfile(os.path.join(path, "saved_model.pbtxt")):
            return read_savedmodel(path)
        if os.path.isfile(os.path.join(path, "model.json")):
            return read_model_json(os.path.join(path, "model.json"))
        raise DoctorError("a directory that is not a SavedModel (no saved_model.pb) and has "
                          "no model.json")
    if not os.path.isfile(path):
        raise DoctorError("not a regular file")
    try:
        size = os.path.getsize(path)
        if size == 0:
            raise DoctorError("an empty file: not a model")
        if _is_hdf5(path):
            return read_h5(path)
        with open(path, "rb") as f:
            head = f.read(64)
    except PermissionError:
        raise DoctorError("permission denied") from None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return read_keras_zip(path)
    if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
        return read_model_json(path)
    if os.path.basename(path) == "saved_model.pb":
        return read_savedmodel(os.path.dirname(path) or ".")
    if head.startswith(b"PK"):
        raise DoctorError("cannot open as a zip file (truncated or corrupt?)")
    raise DoctorError("not a Keras model file: not HDF5, not a .keras zip, not JSON, not a "
                      "SavedModel directory")


# --------------------------------------------------------------------------- analysis


def _layers(config, prefix: str = "", depth: int = 0, out=None):
    """Every layer entry of a model config, nested models' layers included."""
    out = [] if out is None else out
    if depth > MAX_DEPTH:
        raise DoctorError("the model config nests models too deeply")
    inner = config.get("config") if isinstance(config, dict) else None
    entries = inner.get("layers") if isinstance(inner, dict) else inner
    if not isinstance(entries, list):
        return out
    for entry in entries:
        if len(out) >= MAX_LAYERS:
            raise DoctorError(f"the model config lists more than {MAX_LAYERS} layers")
        if not isinstance(entry, dict):
            continue
        cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
        name = entry.get("name") or cfg.get("name") or "?"
        out.append((prefix + str(name), entry))
        if isinstance(cfg.get("layers"), list):
            _layers(entry, f"{prefix}{name}/", depth + 1, out)
        elif isinstance(cfg.get("layer"), dict):  # wrappers: TimeDistributed, Bidirectional
            sub = cfg["layer"]
            sub_name = (sub.get("config") or {}).get("name", "layer") if isinstance(sub.get("config"), dict) else "layer"
            out.append((f"{prefix}{name}/{sub_name}", sub))
    return out


def _kind(entry: dict) -> str:
    cls = str(entry.get("class_name"))
    module = entry.get("module") or ""
    registered = entry.get("registered_name") or ""
    if cls == "Lambda" and not registered:
        return "lambda"
    if cls in TFOP_CLASSES:
        return "tfoplambda"
    if cls == "KerasLayer" or str(module).startswith("tensorflow_hub"):
        return "hub"
    if str(module).startswith("keras.src.ops") or (
            not module and cls in KERAS_OPS and cls not in BUILTIN_LAYERS):
        return "operation"
    if ">" in cls or ">" in str(registered):
        return "custom"
    if module:
        return "builtin" if str(module).startswith("keras") else "custom"
    return "builtin" if cls in BUILTIN_LAYERS else "custom"


def _function(entry: dict) -> dict | None:
    """What a Lambda (or TFOpLambda) wraps."""
    cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
    fn = cfg.get("function")
    if entry.get("class_name") in TFOP_CLASSES:
        return {"type": "tf-op", "name": f"tf.{fn}" if isinstance(fn, str) else None}
    code = None
    if isinstance(fn, dict) and fn.get("class_name") == "__lambda__":  # Keras 3
        c = fn.get("config")
        code = c.get("code") if isinstance(c, dict) else None
    elif isinstance(fn, list) and fn and cfg.get("function_type", "lambda") == "lambda":  # Keras 2
        code = fn[0]
    elif isinstance(fn, str) and cfg.get("function_type") == "lambda":
        code = fn
    if isinstance(code, str):
        info = read_bytecode(code)
        out = {"type": "bytecode", "python": info["python"],
               "name": info.get("name"), "defined_in": info.get("filename"),
               "globals": info.get("globals")}
        if "problem" in info:
            out["problem"] = info["problem"]
        return out
    if isinstance(fn, dict):  # Keras 3: a function stored by name
        return {"type": "named", "name": fn.get("config") if isinstance(fn.get("config"), str) else None,
                "module": fn.get("module"), "registered_name": fn.get("registered_name")}
    if isinstance(fn, str):  # Keras 2: function_type "function"
        return {"type": "named", "name": fn, "module": cfg.get("module")}
    return {"type": "unknown"}


def _custom_functions(cfg, found: list, depth: int = 0):
    """Functions stored by name in a layer's settings (activations and the like) that are
    not Keras's own: {"class_name": "function", "config": "my_act", ...}."""
    if depth > MAX_DEPTH:
        return
    if isinstance(cfg, dict):
        if cfg.get("class_name") == "function" and isinstance(cfg.get("config"), str) and \
                not str(cfg.get("module") or "").startswith("keras"):
            found.append(cfg["config"])
            return
        for key, value in cfg.items():
            if key not in ("layers", "function", "layer"):
                _custom_functions(value, found, depth + 1)
    elif isinstance(cfg, list):
        for value in cfg:
            _custom_functions(value, found, depth + 1)


def diagnose(path: str) -> dict:
    info = read_any(path)
    fmt = info["format"]
    report = {
        "doctor": SCHEMA_VERSION,
        "path": path,
        "format": fmt,
        "format_label": FORMAT_LABELS[fmt],
        "keras_version": info.get("keras_version"),
        "backend": info.get("backend"),
        "tensorflow_version": info.get("tensorflow_version"),
        "model_class": None,
        "layers": [],
        "custom_objects": [],
        "findings": [],
    }
    for key in ("generated_by", "converted_by", "signatures", "keras_metadata"):
        if key in info:
            report[key] = info[key]
    config = info.get("config")
    if fmt in ("h5", "keras", "tfjs", "json") and not isinstance(config, dict):
        raise DoctorError("the model config is not a JSON object: not a Keras model")
    findings = report["findings"]

    def find(code, layer, message, page=None):
        findings.append({"code": code, "severity": SEVERITY[code], "layer": layer,
                         "message": message, "page": page or PAGES[code]})

    custom: dict[str, None] = {}
    if isinstance(config, dict):
        report["model_class"] = config.get("class_name")
        for name, entry in _layers(config):
            cls = str(entry.get("class_name"))
            kind = _kind(entry)
            if kind == "operation" and not str(report["keras_version"] or "").startswith("3"):
                kind = "custom"  # only Keras 3 writes operations: a Keras 2 'Power' is a class
            layer = {"name": name, "class_name": cls, "module": entry.get("module"),
                     "registered_name": entry.get("registered_name"), "kind": kind}
            if kind in ("lambda", "tfoplambda"):
                layer["function"] = _function(entry)
            report["layers"].append(layer)
            fn = layer.get("function") or {}
            if fmt == "tfjs" and kind in ("lambda", "custom", "tfoplambda", "hub"):
                find("KD015", name, f"TensorFlow.js has no layer class {cls!r}: register a "
                     f"JavaScript layer under that name before tf.loadLayersModel")
                custom[cls] = None
                continue
            if kind == "lambda" and fn.get("type") == "bytecode":
                what = "a Python lambda" if fn.get("name") in (None, "<lambda>") else \
                    f"function {fn['name']!r}"
                if "problem" in fn:
                    find("KD016", name, f"Lambda bytecode could not be read ({fn['problem']})")
                find("KD001", name, f"Lambda stores {what} as bytecode: Keras 3 refuses it "
                     f"unless safe_mode=False (which runs it); replace it with a custom layer")
                here = f"{sys.version_info.major}.{sys.version_info.minor}"
                writers = _versions_in(fn["python"])
                if writers == {here}:
                    tail = f"this Python ({here}) can run it, another may not"
                elif here in writers:
                    tail = (f"unless this Python ({here}) wrote it, loading it here may fail "
                            f"or run a different function")
                else:
                    tail = (f"this Python ({here}) fails to read it or runs a different "
                            f"function: load it on the Python that wrote it, or rebuild")
                find("KD002", name, f"the bytecode was written by Python {fn['python']}: {tail}")
                if fn.get("globals"):
                    find("KD003", name, "the function uses global names the loading program "
                         f"must define: {', '.join(fn['globals'])}")
            elif kind == "lambda" and fn.get("type") == "named":
                find("KD004", name, f"Lambda wraps the function {fn.get('name')!r}, stored by "
                     f"name: the loader needs it in custom_objects")
                if fn.get("name"):
                    custom[fn["name"]] = None
            elif kind == "lambda":
                find("KD016", name, "Lambda with a function this tool cannot read")
            elif kind == "tfoplambda":
                find("KD007", name, f"TFOpLambda ({fn.get('name')}) is a Keras 2 layer: Keras 3 "
                     f"cannot load it; load with tf-keras and rebuild")
            elif kind == "hub":
                find("KD008", name, "TensorFlow Hub KerasLayer: pass "
                     "custom_objects={'KerasLayer': hub.KerasLayer} (tensorflow_hub)")
                custom["KerasLayer"] = None
            elif kind == "operation" and fmt == "h5":
                find("KD017", name, f"keras.ops operation {cls!r} in an .h5 file: the .h5 "
                     f"loader rebuilds layers only (Unknown layer: {cls!r}); save as .keras")
            elif kind == "custom":
                reg = entry.get("registered_name") or cls
                if ">" in str(reg):
                    find("KD006", name, f"registered class {reg!r}: the loader must import the "
                         f"module that registers it (package {str(reg).split('>')[0]!r})")
                else:
                    find("KD005", name, f"custom class {cls!r}: the loader needs it in "
                         f"custom_objects (or registered)",
                         PAGE_KERAS_CUSTOM if fmt == "keras" else None)
                custom[str(reg)] = None
            funcs: list = []
            _custom_functions(entry.get("config"), funcs)
            for f in dict.fromkeys(funcs):
                find("KD009", name, f"custom function {f!r} (an activation or similar) stored "
                     f"by name: the loader needs it in custom_objects")
                custom[f] = None
    report["custom_objects"] = list(custom)
    version = str(report["keras_version"] or "")
    if fmt == "h5-weights":
        find("KD014", None, "weights only, no architecture: rebuild the model in code, then "
             "load_weights")
    if fmt == "savedmodel":
        if info.get("keras_metadata"):
            find("KD013", None, "a Keras 2 SavedModel: Keras 3 load_model cannot read it; use "
                 "tf-keras, or keras.layers.TFSMLayer for inference")
        else:
            find("KD012", None, "a SavedModel with no Keras metadata (model.export or "
                 "tf.saved_model.save): load it with keras.layers.TFSMLayer or "
                 "tf.saved_model.load, not load_model")
    if fmt in ("h5", "keras", "json", "savedmodel") and version:
        if version.startswith(("2.", "1.")):
            parts = version.split(".")
            which = "tf-keras, Keras 2" if parts[0] == "2" and parts[1:2] and \
                parts[1].isdigit() and int(parts[1]) >= 16 else "Keras 2"
            find("KD010", None, f"written by Keras {version} ({which}): Keras 3 reads it "
                 f"only partly; tf-keras is the bridge")
        elif version.startswith("3."):
            find("KD011", None, f"written by Keras {version} (Keras 3): Keras 2 cannot "
                 f"load it")
    return report


# What each finding means, in a few words (the page's table is printed from this).
SUMMARY = {
    "KD001": "a Lambda stores Python bytecode; Keras 3 refuses it in safe mode",
    "KD002": "the Python version whose bytecode the Lambda stores",
    "KD003": "the Lambda's function uses global names the loader must define",
    "KD004": "a Lambda wraps a function stored by name; the loader must provide it",
    "KD005": "a custom layer class the loader must provide (custom_objects)",
    "KD006": "a registered custom class; the loader must import its module",
    "KD007": "a TFOpLambda layer (Keras 2 only)",
    "KD008": "a TensorFlow Hub KerasLayer",
    "KD009": "a custom function (activation, loss...) stored by name",
    "KD010": "written by Keras 2",
    "KD011": "written by Keras 3",
    "KD012": "a SavedModel without Keras metadata (model.export)",
    "KD013": "a Keras 2 SavedModel; Keras 3 load_model cannot read it",
    "KD014": "a weights-only file: no architecture to load",
    "KD015": "a TF.js model with a layer TensorFlow.js does not know",
    "KD016": "a Lambda whose function this tool cannot read",
    "KD017": "a keras.ops operation in an .h5 file (its loader knows layers only)",
}

SEVERITY = {
    "KD001": "error", "KD002": "info", "KD003": "warning", "KD004": "error", "KD005": "error",
    "KD006": "error", "KD007": "error", "KD008": "error", "KD009": "error", "KD010": "info",
    "KD011": "info", "KD012": "error", "KD013": "error", "KD014": "error", "KD015": "error",
    "KD016": "warning", "KD017": "error",
}


# --------------------------------------------------------------------------- output


def _function_text(fn: dict) -> str:
    if fn["type"] == "bytecode":
        where = f", defined in {fn['defined_in']}" if fn.get("defined_in") else ""
        uses = f", uses {', '.join(fn['globals'])}" if fn.get("globals") else ""
        what = "Python lambda" if fn.get("name") in (None, "<lambda>") else \
            f"named function {fn['name']!r}"
        return f"{what} as bytecode, Python {fn['python']}{where}{uses}"
    if fn["type"] == "named":
        return f"function {fn.get('name')!r} stored by name (module {fn.get('module')!r})"
    if fn["type"] == "tf-op":
        return f"TensorFlow op {fn.get('name')}"
    return "function not readable"


def render(report: dict) -> str:
    lines = [f"keras-doctor {report['path']}",
             f"  format:       {report['format_label']}"]
    written = []
    if report.get("keras_version"):
        written.append(f"Keras {report['keras_version']}")
    if report.get("backend"):
        written.append(f"backend {report['backend']}")
    if report.get("tensorflow_version"):
        written.append(f"TensorFlow {report['tensorflow_version']}")
    if report.get("generated_by") and report["generated_by"] != f"keras v{report.get('keras_version')}":
        written.append(f"generated by {report['generated_by']}")
    if report.get("converted_by"):
        written.append(f"converted by {report['converted_by']}")
    lines.append(f"  written by:   {', '.join(written) or 'unknown (the file does not say)'}")
    if report.get("signatures"):
        lines.append(f"  signatures:   {', '.join(report['signatures'])}")
    if report.get("model_class"):
        lines.append(f"  model:        {report['model_class']}, {len(report['layers'])} layers")
    if report["layers"]:
        lines.append("")
        lines.append("layers:")
        w1 = max(len(layer["name"]) for layer in report["layers"])
        w2 = max(len(layer["class_name"]) for layer in report["layers"])
        w3 = max(len(layer["kind"]) for layer in report["layers"])
        for layer in report["layers"]:
            row = f"  {layer['name']:<{w1}}  {layer['class_name']:<{w2}}  {layer['kind']:<{w3}}"
            if layer.get("function"):
                row += "  " + _function_text(layer["function"])
            lines.append(row.rstrip())
    lines.append("")
    lines.append("custom objects the loader needs: "
                 + (", ".join(report["custom_objects"]) or "none"))
    lines.append("")
    if report["findings"]:
        lines.append("findings:")
        for f in report["findings"]:
            where = f" [{f['layer']}]" if f["layer"] else ""
            lines.append(f"  {f['code']} {f['severity']}{where}: {f['message']}")
            lines.append(f"        see {f['page']}")
    else:
        lines.append("findings: none")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="keras-doctor",
        description="Read a saved Keras model statically (never loading or running it) and "
                    "say what it holds and which page answers its case.")
    parser.add_argument("path", help=".h5, .keras, SavedModel directory or TF.js model.json")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        report = diagnose(args.path)
    except DoctorError as exc:
        _error(f"{args.path}: {exc}")
        return 2
    except MemoryError:
        _error(f"{args.path}: too large to read")
        return 2
    except Exception as exc:  # a file this tool did not foresee: still one line, no traceback
        _error(f"{args.path}: cannot read it ({type(exc).__name__}: "
               f"{(str(exc).splitlines() or [''])[0]})")
        return 2
    out = json.dumps(report, indent=2) if args.json else render(report)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
    return 0


def _error(message: str) -> None:
    sys.stdout.flush()
    sys.stderr.write(f"keras-doctor: error: {message}\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
