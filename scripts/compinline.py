#!/usr/bin/env python3
"""compinline.py [--check WASM_TOOLS] IN OUT: the plain type aliases of an
app's component imports inlined (mk/apps.mk, after scripts/comptrim.py,
before compparams.py).

An imported interface names some types that have no identity of their own,
WIT's `type filesize = u64;` or `type ipv4-address = tuple<u8, u8, u8,
u8>;`: in the instance type, `(type (;3;) u64)` then `(export (;4;)
"filesize" (type (eq 3)))`. The export costs its name and 6 bytes (10-80
bytes an app). When it is an `eq` of a type the instance defines that is
a primitive, tuple, list, option, result, own or borrow, and the component
never aliases that name out of the instance, it is dropped and its uses
name the type itself (comptrim.trim, with this choice of what goes).
Wasmtime 48 does not look at such an export: matching an instance import,
it skips every export whose type is a value type
(runtime/component/matching.rs `instance`: `if let TypeDef::Interface(_)
= expected.ty { continue; }`), and it type-checks functions, records and
variants by structure (a u64 is a u64 by any name). A record, variant,
enum, flags or resource keeps its name: the validator wants those named.

--check: the result must validate, keep every other section byte for
byte, import and export the same names, and have the input's WIT with
every `type NAME = TYPE;` of an interface replaced by TYPE where NAME is
used there (and blank lines left out), or this fails and writes nothing."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compstep import main as step_main  # noqa: E402
from compstep import same_meaning, tool_text  # noqa: E402
from comptrim import SEC_TYPE, names, trim  # noqa: E402
from comptypes import PRIM  # noqa: E402
from wasmleb import Bad  # noqa: E402

# primitives, tuple, list, option, result, own, borrow
PLAIN = PRIM | {0x6f, 0x70, 0x6b, 0x6a, 0x69, 0x68}


def inline(b):
    """b with the plain type aliases of its imports' instance types
    inlined: (bytes, {import instance: [names dropped]})."""
    kinds = {}

    def plain(nm, t, is_outer, keep):
        return not is_outer and kinds.get(t) in PLAIN and nm not in keep
    return trim(b, plain, kinds)


INTERFACE = re.compile(r"^(\s*)interface \S+ \{$")
ALIAS = re.compile(r"^\s*type (%?[a-z][a-z0-9-]*) = (.+);$")


def wit_inlined(wt, path):
    """The component's WIT with each interface's `type NAME = TYPE;` lines
    left out and NAME replaced by TYPE where the interface uses it as a
    type (not where a parameter, field or case has that name); blank lines
    left out."""
    lines = [ln for ln in tool_text(wt, "component wit", path).split("\n") if ln.strip()]
    out, k = [], 0
    while k < len(lines):
        m = INTERFACE.match(lines[k])
        if not m:
            out.append(lines[k])
            k += 1
            continue
        if m.group(1) + "}" not in lines[k:]:
            raise Bad("component wit: an interface without its end")
        end = lines.index(m.group(1) + "}", k)
        block = lines[k:end + 1]
        aliases = {}
        for ln in block:
            a = ALIAS.match(ln)
            if a:
                aliases[a.group(1)] = a.group(2)
        block = [ln for ln in block if not ALIAS.match(ln)]
        for _ in range(len(aliases)):  # an alias of an alias
            for nm, ty in aliases.items():
                use = re.compile(r"(?<![a-z0-9%-])" + re.escape(nm) + r"(?![a-z0-9-]|:)")
                block = [use.sub(ty, ln) for ln in block]
        out += block
        k = end + 1
    return out


def check(wt, old, new, tmp):
    """Why new is not old with only plain type aliases inlined, or None."""
    return same_meaning(wt, old, new, tmp, names, SEC_TYPE, [
        (wit_inlined, "its WIT (with type aliases inlined) differs from the input's")])


if __name__ == "__main__":
    step_main(sys.argv[1:], "compinline.py", lambda b: inline(b)[0], check)
