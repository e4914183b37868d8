#!/usr/bin/env python3
"""compparams.py [--check WASM_TOOLS] IN OUT: the parameters of the
functions an app's component imports renamed a, b, c, ... (mk/apps.mk,
after scripts/compinline.py, before comporder.py).

`wasm-tools component new` names each parameter of an imported function's
type as its WIT does ("path-flags", "contents", "address-family"): 60-130
bytes of an app. Wasmtime 48 matches an import against the host's function
by the parameter and result TYPES only: matching.rs `func` calls the host
function's typecheck (func/host.rs: `P::typecheck(&InterfaceType::Tuple(
ty.params))`, a tuple of types; a dynamic host function checks only
async-ness); the names (`param_names`) are read only by the reflection API
(types.rs ComponentFunc::params). Record fields, enum, flags and variant
cases ARE checked by name, so only parameters are renamed. The validator
wants each name kebab-case and unique in its function, and a `[method]`'s
first parameter named `self` (wasmparser validator/component.rs), so a
first parameter called `self` keeps its name and the others get the
shortest names there are, in order: a, b, ..., z, aa, ab, ...

Only the function types declared in the instance types of instance
imports change (each type used by that one import: comptrim.import_types);
every other byte is copied. --check: the result must validate, keep every
other section byte for byte, import and export the same names, have the
input's WIT but for parameter names, and print (`wasm-tools print`) as the
input does but for the parameter names in its imports' instance types, or
this fails and writes nothing.

Grammar (component-model Binary.md): functype 0x40 vec(label valtype)
results, label a name (u32 length, UTF-8), in an instance type's
declaration 0x01 deftype."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compstep import same_meaning, tool_text  # noqa: E402
from compstep import main as step_main  # noqa: E402
from comptrim import SEC_TYPE, import_types, names, skip_decl  # noqa: E402
from comptypes import deftype, name_raw, valtype  # noqa: E402
from wasmleb import Bad, leb, uleb  # noqa: E402,F401 (Bad: what rename raises)

SELF = b"\x04self"


def short(k):
    """The k-th short name: a..z, then aa, ab, ..."""
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(97 + r) + s
    return s.encode()


def functype(b, i, rename):
    """The function type at b[i] (0x40) with each parameter's name (its
    length and bytes) replaced by rename(position, name): (bytes, index
    after it, bytes saved)."""
    _, end = deftype(b, i, lambda t: t)  # its shape, and where it ends
    n, j = uleb(b, i + 1)
    out = bytearray(b"\x40" + leb(n))
    saved = 0
    for p in range(n):
        raw, j = name_raw(b, j)
        nm = rename(p, raw)
        _, v = valtype(b, j, lambda t: t)
        out += nm + b[j:v]
        saved += len(raw) - len(nm)
        j = v
    return bytes(out) + b[j:end], end, saved


def shortest(p, raw, self_first):
    """A first parameter called `self` keeps it; the others are a, b, ..."""
    if p == 0 and self_first:
        return raw
    s = short(p - 1 if self_first else p)
    return leb(len(s)) + s


def rename(b, names_for=shortest):
    """b with the parameters of its imported functions' types renamed by
    names_for(position, name, whether the first is `self`): (bytes,
    {import instance: bytes saved})."""
    def each(body, i, inst):
        n, i = uleb(body, i)
        out, saved = bytearray(leb(n)), 0
        for _ in range(n):
            start = i
            if body[i] == 0x01 and body[i + 1] == 0x40:
                count, first = uleb(body, i + 2)
                self_first = count > 0 and body[first:first + len(SELF)] == SELF
                d, i, k = functype(body, i + 1, lambda p, raw: names_for(p, raw, self_first))
                out += b"\x01" + d
                saved += k
            else:
                i = skip_decl(body, i)
                out += body[start:i]
        return bytes(out), i, saved
    return import_types(b, each)


PARAM_WIT = re.compile(r"([(]|, )%?[a-z][a-z0-9-]*: ")


def wit_without_params(wt, path):
    """The component's WIT with each function parameter's name left out
    (`f: func(a: u64, b: t)` -> `f: func(u64, t)`; record fields, one a
    line, keep theirs)."""
    return [PARAM_WIT.sub(r"\1", ln) if "(" in ln else ln
            for ln in tool_text(wt, "component wit", path).split("\n")]


IMPORT_TYPE = re.compile(r'^  \(import "[^"]+" \(instance \(;\d+;\) \(type (\d+)\)\)\)$')
TOP_TYPE = re.compile(r"^  \(type \(;(\d+);\)$")


def text_without_import_params(wt, path):
    """`wasm-tools print` of the component, with the parameter names left
    out only in the instance types its imports name."""
    lines = tool_text(wt, "print", path).split("\n")
    imported = {m.group(1) for m in map(IMPORT_TYPE.match, lines) if m}
    out, inside = [], False
    for k, ln in enumerate(lines):
        if not ln.startswith("   "):
            m = TOP_TYPE.match(ln)
            inside = bool(m and m.group(1) in imported and k + 1 < len(lines)
                          and lines[k + 1] == "    (instance")
        elif inside:
            ln = re.sub(r'\(param "[^"]*" ', "(param ", ln)
        out.append(ln)
    return out


def check(wt, old, new, tmp):
    """Why new is not old with only its imports' parameters renamed, or
    None."""
    return same_meaning(wt, old, new, tmp, names, SEC_TYPE, [
        (wit_without_params, "its WIT (but for parameter names) differs from the input's"),
        (text_without_import_params, "it differs from the input in more than its imports' parameter names")])


if __name__ == "__main__":
    step_main(sys.argv[1:], "compparams.py", lambda b: rename(b)[0], check)
