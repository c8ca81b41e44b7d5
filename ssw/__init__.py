"""ssw: follow the Actieplan Sterk Sociaal Werk from plain YAML files in git."""

import os
import sys
import types

__version__ = "0.1.0"

# ssw uses no pydantic plugins; looking them up scans every installed package on each
# start. A user who wants plugins can set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _no_plugin_lookup() -> None:
    """With plugins disabled, pydantic's plugin loader answers "none" without looking, but
    importing it still imports `importlib.metadata` (about 12 ms of every start). Its one
    function used elsewhere, `get_plugins`, is given here instead; a test checks that
    pydantic asks the loader for nothing else."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    if "pydantic.plugin._loader" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader", "ssw: plugins disabled, none to load")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = loader


_no_plugin_lookup()
