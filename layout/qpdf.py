"""qpdf's object parser as the preflight reads a PDF with it: pikepdf's C++ core
(`pikepdf._core`) without pikepdf's Python layer, which the reads do not use (issue 16: a
lean check).

`import pikepdf` took 27 ms of CPU on top of a build's imports, its core 6.8 of them (with
decimal and logging); the rest is the Python layer — XMP metadata constants, images,
outlines, jobs, the methods it adds to the core's classes (`Pdf.open`, `Pdf.close`,
`Pdf.docinfo`, …) and their imports (subprocess, platform, inspect, dataclasses). The core
alone opens a file, walks its objects and decodes its streams: the same C++ calls that
`pikepdf.open` and the objects' methods make. So the core is loaded by itself, and the
Python layer only when something asks for it: pikepdf's own names (`pikepdf.open`,
`from pikepdf import Pdf`, in the build's ad reader or a test) complete the package as its
import would have (_Completion), and `parse_content_stream` (an inline image, a stream the
fast split cannot read) asks for it.

    with qpdf.opened(path_or_bytes) as pdf: ...     # pikepdf.open(path) / (BytesIO(data))
    qpdf.Name, qpdf.Array, qpdf.Stream, qpdf.PdfError, …   # the core's own classes
"""
from __future__ import annotations

import contextlib
import io
import sys
import threading

_CORE = "pikepdf._core"


def core():
    """The module pikepdf._core: pikepdf's if it is imported, else loaded by itself."""
    mod = sys.modules.get(_CORE)
    if mod is None:
        mod = _load_core()
    return mod


def _load_core():
    """pikepdf._core loaded without pikepdf's Python layer. Its package must be in
    sys.modules (the core imports pikepdf._io when it opens a file, and a submodule's import
    imports its package), so the package is put there as it is before its __init__.py runs:
    a module with its name, spec and folder, holding only the core. It runs that file (and
    so becomes the whole pikepdf) the first time anything asks it for a name it does not
    hold (_Completion); submodules load as usual. Where pikepdf is not a folder with its
    core beside it, it is imported whole."""
    import importlib.machinery
    import importlib.util
    spec = importlib.util.find_spec("pikepdf")     # finds the package, does not run it
    found = None
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        finder = importlib.machinery.FileFinder(folder, (
            importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES))
        found = finder.find_spec(_CORE)
        if found is not None:
            break
    if found is None or spec.loader is None:
        import pikepdf
        return pikepdf._core
    with _Completion.lock:
        if _CORE in sys.modules:                   # loaded meanwhile by another thread
            return sys.modules[_CORE]
        package = importlib.util.module_from_spec(spec)
        package.__getattr__ = _Completion(package)
        mod = importlib.util.module_from_spec(found)
        sys.modules["pikepdf"], sys.modules[_CORE] = package, mod
        try:
            found.loader.exec_module(mod)
        except BaseException:
            del sys.modules[_CORE], sys.modules["pikepdf"]
            raise
        package._core = mod
    return mod


class _Completion:
    """The pikepdf package's __getattr__ until its __init__.py has run: runs it once, in the
    thread that first asks (another waits for it), then answers as pikepdf does. A name the
    file asks for while it runs is missing, as in any package's import; the file defines its
    own __getattr__, which then takes this one's place."""
    lock = threading.RLock()

    def __init__(self, package):
        self.package, self.state = package, "waiting"

    def __call__(self, name: str):
        with self.lock:
            if self.state == "waiting":
                self.state = "running"
                try:
                    self.package.__spec__.loader.exec_module(self.package)
                except BaseException:
                    sys.modules.pop("pikepdf", None)    # a later import starts again
                    self.state = "waiting"
                    raise
                self.state = "done"
        names = self.package.__dict__
        if name in names:
            return names[name]
        own = names.get("__getattr__")
        if self.state == "done" and own is not None and own is not self:
            return own(name)
        raise AttributeError(f"module 'pikepdf' has no attribute '{name}'")


@contextlib.contextmanager
def opened(source: str | bytes):
    """The PDF at the path `source`, or in the bytes `source`, open with pikepdf.open's
    defaults (warnings kept for get_warnings, recovery attempted), closed after. Raises
    qpdf's PdfError (PasswordError for an encrypted file) as pikepdf.open does, OSError for
    a file that cannot be read."""
    if isinstance(source, bytes):
        stream, closing = io.BytesIO(source), False
        description = f"stream {stream}"        # pikepdf.open's name for a stream
    else:
        stream, closing = open(source, "rb"), True
        description = str(source)
    try:
        pdf = core().Pdf._open(stream, description=description, closing_stream=closing)
    except BaseException:
        if closing:
            stream.close()
        raise
    try:
        yield pdf
    finally:
        pdf._close()


def parse_content_stream(page_or_stream, operators: str = ""):
    """pikepdf.parse_content_stream (pikepdf's Python layer: asked for here)."""
    import pikepdf
    return pikepdf.parse_content_stream(page_or_stream, operators)


def __getattr__(name: str):
    """The core's classes and constants: Name, Array, Dictionary, Stream, String, Operator,
    Object, PdfError, PasswordError, StreamDecodeLevel, …"""
    if name.startswith("__"):
        raise AttributeError(name)
    try:
        return getattr(core(), name)
    except AttributeError:
        raise AttributeError(f"module 'layout.qpdf' has no attribute '{name}'") from None
