"""Build step: compile the gettext catalogues (ssw/locale/*/LC_MESSAGES/ssw.po) to .mo.

Everything else about the package is in pyproject.toml. The .mo files are not committed; a
wheel carries them instead of the .po files. An editable install gets them beside the .po
files (git-ignored); ssw/i18n.py recompiles a catalogue whose .po changed since.
"""

import hashlib
import io
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DIGEST_KEY = "ssw.source-digest"  # the same as ssw.i18n.DIGEST_KEY


def compile_po(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = po.read_bytes()
    catalog = read_po(io.BytesIO(source))
    catalog.add(DIGEST_KEY, hashlib.sha256(source).hexdigest())
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


class build_py_with_catalogues(build_py):
    def run(self):
        super().run()
        here = Path(__file__).resolve().parent
        editable = getattr(self, "editable_mode", False)
        target = here if editable else Path(self.build_lib)
        for po in sorted((here / "ssw" / "locale").glob("*/LC_MESSAGES/*.po")):
            mo = target / po.relative_to(here).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(compile_po(po))

    def get_outputs(self, include_bytecode=True):
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            here = Path(__file__).resolve().parent
            for po in sorted((here / "ssw" / "locale").glob("*/LC_MESSAGES/*.po")):
                outputs.append(str(Path(self.build_lib) / po.relative_to(here).with_suffix(".mo")))
        return outputs


setup(cmdclass={"build_py": build_py_with_catalogues})
