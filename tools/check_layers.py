#!/usr/bin/env python3
"""Fails when a source file includes a folder its layer may not (ARCHITECTURE.md, "Layers").

Each folder lists the folders it may include besides itself. Include paths are resolved as
the build resolves them: "core/..." and "http/..." from the top, "client/..." likewise, the
engine's folders from engine/, the application's from app/.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOW = {"core"}
ENGINE_BASE = {"item", "storage", "catalog", "core"}
ALLOWED = {
    "core": set(),
    "http": set(),
    "client": LOW,
    "engine/item": LOW,
    "engine/storage": LOW,
    "engine/expr": LOW,
    "engine/catalog": {"storage", "item", "core"},
    "engine/partiql": {"expr", "core"},
    "engine/index": ENGINE_BASE,
    "engine/streams": ENGINE_BASE,
    "engine/protocol": ENGINE_BASE | {"streams", "expr"},
    "engine/state": ENGINE_BASE | {"index", "streams"},
    "engine/txn": ENGINE_BASE | {"index", "streams", "state"},
    "engine/backfill": ENGINE_BASE | {"index", "streams", "state", "txn"},
    "engine/ttl": ENGINE_BASE | {"index", "streams", "state", "txn"},
    "engine/ops": ENGINE_BASE | {"index", "streams", "state", "txn", "expr", "protocol",
                                 "partiql"},
    "engine/gateway": {"ops", "protocol", "http", "core", "state", "catalog", "storage"},
    "engine/server": {"gateway", "backfill", "ttl", "state", "catalog", "storage", "http",
                      "core", "ops", "index", "streams"},
}
APP_ALLOWED = {"client", "http", "core"}
APP_FOLDERS = {p.name for p in (ROOT / "app").iterdir() if p.is_dir()}
# The one entry point where `cruddur serve` embeds the engine.
EMBEDS_ENGINE = {"app/serve/serve.cc"}
INCLUDE = re.compile(r'^#include "([a-z_]+)/', re.M)


def layer_of(rel):
    parts = rel.split("/")
    if parts[0] == "engine":
        return "engine/" + parts[1]
    return parts[0]


def main():
    errors = []
    for folder in ["core", "http", "client", "engine", "app"]:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".cc", ".h") or path.name.endswith("_test.cc"):
                continue
            rel = path.relative_to(ROOT).as_posix()
            layer = layer_of(rel)
            own = layer.split("/")[-1]
            for target in INCLUDE.findall(path.read_text()):
                if target == own:
                    continue
                if layer == "app":
                    ok = target in APP_FOLDERS or target in APP_ALLOWED or (
                        rel in EMBEDS_ENGINE and target == "server")
                elif layer in ALLOWED:
                    ok = target in ALLOWED[layer]
                else:
                    ok = False
                if not ok:
                    errors.append(f"{rel}: includes {target}/ (layer {layer} may not)")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
