"""keras-doctor against real Keras (kb/tools/differential.py), a small fixed set: seeded random
models built and saved by the default runtime's Keras, loaded there in every mode in a
temporary directory (their stored code is canaries only); every claim of the doctor on
them must agree with what load_model did. `make differential` runs the larger set."""
import pytest

from kb.engine import runtimes
from kb.tools import differential


def test_every_claim_on_generated_files_holds_against_real_keras():
    rts = differential.available([runtimes.DEFAULT])
    if not rts:
        pytest.skip(f"{runtimes.DEFAULT} is not installed")
    tally = differential.run([runtimes.DEFAULT], seeds=[7], count=5)
    assert tally.files >= 6 and tally.checked >= tally.files
    assert not tally.false, "\n".join(tally.false)
