"""A harmless canary: importing this module, or calling touch(), leaves a file in the
current directory (the snippet's own temporary directory), and nothing else."""
open("canary_imported", "w").close()


def touch(y):
    open("canary_called", "w").close()
    return y
