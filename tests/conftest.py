# The snippet runner is one module (kb/runner.py); it is also the pytest plugin that
# adds --update-goldens, --fresh and --runtime.
pytest_plugins = ["kb.runner"]
