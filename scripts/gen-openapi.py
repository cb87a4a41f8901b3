#!/usr/bin/env python3
"""Generates Latchkey's API reference, src/main/resources/openapi/latchkey.json (OpenAPI 3.0).

Latchkey serves a subset of Cloudentity's APIs; their descriptions come from Cloudentity's own Swagger 2.0
specs (the reference copy in ../shared/cloudentity-spec, or --spec-dir). This script:

  1. reads the routes Latchkey serves from the Java sources: every `routes.get/post/put/patch/delete(PATH,
     ...)` and `api.get(...)`-style registration in src/main/java (string literals, string constants of the
     same file and `+` concatenations of both);
  2. takes, for each route, Cloudentity's operation with the same method and path (path parameter names
     ignored: Latchkey's `{scp}` matches Cloudentity's `{sid}`), or else the hand-written operation of
     scripts/openapi-latchkey.yaml (operations endpoints, RFC 8414 metadata, the reference itself);
  3. converts the Swagger 2.0 operations to OpenAPI 3.0 (parameters, request bodies, responses) and copies
     only the definitions and responses they reference, transitively;
  4. writes the document, with the security schemes and the authentication section of the hand-written
     file.

It fails (exit 1) when a served route has no description, or a hand-written one is not served. The build
and the tests never run it: the generated JSON is committed, and http/OpenApiTest checks it against the
routes the running server records. Re-run it whenever a route is added or removed:

    python3 scripts/gen-openapi.py            # needs PyYAML (Debian: apt-get install -y python3-yaml)
"""

import argparse
import copy
import json
import re
import sys
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("gen-openapi.py needs PyYAML: apt-get install -y python3-yaml (or pip install pyyaml)")

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("get", "put", "post", "delete", "patch")

# Cloudentity spec file -> the URL prefix its paths have in Latchkey, and that prefix's path parameters
SPECS = [
    ("admin.yaml", "/api/admin/{tid}", ["tid"]),
    ("system.yaml", "/api/system/{tid}", ["tid"]),
    ("root.yaml", "", []),
    ("oauth2.yaml", "/{tid}/{aid}", ["tid", "aid"]),
]
# Latchkey's root API accepts a token of either of the system tenant's workspaces (http/ApiCallerAuth.root)
SECURITY_OVERRIDES = {"root.yaml": [{"setup": []}, {"adminSystem": []}]}
PREFIX_PARAMS = {
    "tid": {"name": "tid", "in": "path", "required": True, "description": "Tenant id",
            "schema": {"type": "string", "default": "default"}},
    "aid": {"name": "aid", "in": "path", "required": True,
            "description": "Workspace (authorization server) id",
            "schema": {"type": "string", "default": "default"}},
}
SCHEMA_KEYS = ("type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum",
               "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
               "uniqueItems", "enum", "multipleOf")
ROUTE_CALL = re.compile(r"\b\w+\.(get|post|put|patch|delete)\(\s*((?:\"[^\"]*\"|[A-Z_][A-Z0-9_]*)"
                        r"(?:\s*\+\s*(?:\"[^\"]*\"|[A-Z_][A-Z0-9_]*))*)\s*,")
CONSTANT = re.compile(r"static\s+final\s+String\s+([A-Z_][A-Z0-9_]*)\s*=\s*([^;]+);")


def normalise(path):
    """A path with every parameter name blanked: /api/admin/{tid}/scopes/{scp} -> /api/admin/{}/scopes/{}."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def served_routes(source_root):
    """(METHOD, path) of every route registered in the Java sources."""
    routes = set()
    for file in sorted(source_root.rglob("*.java")):
        text = file.read_text(encoding="utf-8")
        constants = {}
        for name, expr in CONSTANT.findall(text):
            constants[name] = expr
        for method, expr in ROUTE_CALL.findall(text):
            path = evaluate(expr, constants)
            # the admin console's pages and assets (/app/..., app/Console) are not an API
            if path is not None and path.startswith("/") and not path.startswith("/app/"):
                routes.add((method.upper(), path))
    return routes


def evaluate(expr, constants, depth=0):
    parts = []
    for term in re.split(r"\s*\+\s*", expr.strip()):
        if term.startswith('"'):
            parts.append(term[1:-1])
        elif term in constants and depth < 5:
            value = evaluate(constants[term], constants, depth + 1)
            if value is None:
                return None
            parts.append(value)
        else:
            return None
    return "".join(parts)


class Converter:
    """Swagger 2.0 -> OpenAPI 3.0 for one spec file; collects the definitions and responses used."""

    def __init__(self, spec, group):
        self.spec = spec
        self.group = group
        self.definitions = {}
        self.responses = {}

    def ref(self, ref):
        kind, name = ref.split("/")[1:3]
        if kind == "definitions":
            if name not in self.definitions:
                self.definitions[name] = None  # placeholder against cycles
                self.definitions[name] = self.schema(self.spec["definitions"][name])
            return "#/components/schemas/" + name
        if kind == "responses":
            if name not in self.responses:
                self.responses[name] = None
                self.responses[name] = self.response(self.spec["responses"][name], None)
            return "#/components/responses/" + name
        raise ValueError("unsupported $ref " + ref)

    def schema(self, s):
        if not isinstance(s, dict):
            return s
        out = {}
        for key, value in s.items():
            if key == "$ref":
                return {"$ref": self.ref(value)}
            if key == "x-nullable":
                if value:
                    out["nullable"] = True
            elif key.startswith("x-"):
                continue
            elif key == "properties":
                out[key] = {name: self.schema(prop) for name, prop in value.items()}
            elif key in ("items", "additionalProperties", "not"):
                out[key] = self.schema(value)
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.schema(v) for v in value]
            elif key == "discriminator":
                out[key] = {"propertyName": value} if isinstance(value, str) else value
            elif key == "type" and value == "file":
                out["type"] = "string"
                out["format"] = "binary"
            elif key == "collectionFormat":
                continue
            else:
                out[key] = value
        return out

    def parameter(self, p):
        if "$ref" in p:
            raise ValueError("parameter $ref not supported")
        out = {"name": p["name"], "in": p["in"]}
        for key in ("description", "required", "allowEmptyValue"):
            if key in p:
                out[key] = p[key]
        out["schema"] = self.schema({k: p[k] for k in SCHEMA_KEYS if k in p})
        collection = p.get("collectionFormat")
        if collection == "multi":
            out["style"], out["explode"] = "form", True
        elif collection == "csv":
            out["style"], out["explode"] = ("simple" if p["in"] in ("path", "header") else "form"), False
        return out

    def response(self, r, produces):
        if "$ref" in r:
            return {"$ref": self.ref(r["$ref"])}
        out = {"description": r.get("description") or "Response"}
        if "headers" in r:
            out["headers"] = {}
            for name, h in r["headers"].items():
                header = {"schema": self.schema({k: h[k] for k in SCHEMA_KEYS if k in h})}
                if h.get("description"):
                    header["description"] = h["description"]
                out["headers"][name] = header
        if "schema" in r:
            schema = self.schema(r["schema"])
            out["content"] = {t: {"schema": schema} for t in (produces or self.spec.get("produces")
                                                                  or ["application/json"])}
        return out

    def operation(self, op, prefix_params):
        out = {}
        for key in ("tags", "summary", "description", "operationId", "deprecated"):
            if key in op:
                out[key] = op[key]
        consumes = op.get("consumes") or self.spec.get("consumes") or ["application/json"]
        params = [copy.deepcopy(PREFIX_PARAMS[name]) for name in prefix_params]
        form = []
        for p in op.get("parameters", []):
            if p["in"] == "body":
                body = {"content": {t: {"schema": self.schema(p.get("schema", {}))} for t in consumes}}
                if p.get("description"):
                    body["description"] = p["description"]
                if p.get("required"):
                    body["required"] = True
                out["requestBody"] = body
            elif p["in"] == "formData":
                form.append(p)
            else:
                params.append(self.parameter(p))
        if form:
            properties, required = {}, []
            for p in form:
                prop = self.schema({k: p[k] for k in SCHEMA_KEYS if k in p})
                if p.get("description"):
                    prop["description"] = p["description"]
                properties[p["name"]] = prop
                if p.get("required"):
                    required.append(p["name"])
            schema = {"type": "object", "properties": properties}
            if required:
                schema["required"] = required
            media = [t for t in consumes if "form" in t] or ["application/x-www-form-urlencoded"]
            out["requestBody"] = {"required": bool(required),
                                  "content": {t: {"schema": schema} for t in media}}
        if params:
            out["parameters"] = params
        out["responses"] = {str(code): self.response(r, op.get("produces"))
                            for code, r in op.get("responses", {}).items()}
        out["security"] = SECURITY_OVERRIDES.get(self.group, op.get("security", []))
        return out


def references(value):
    """Every $ref string inside a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def load_specs(spec_dir):
    specs = []
    for name, prefix, prefix_params in SPECS:
        spec = yaml.safe_load((spec_dir / name).read_text(encoding="utf-8"))
        index = {}
        for path, item in spec["paths"].items():
            for method, op in item.items():
                if method in METHODS:
                    full = prefix + path
                    index[(method.upper(), normalise(full))] = (full, op)
        specs.append((name, spec, prefix_params, index))
    return specs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec-dir", type=Path, default=ROOT.parent / "shared" / "cloudentity-spec")
    parser.add_argument("--sources", type=Path, default=ROOT / "src" / "main" / "java")
    parser.add_argument("--extra", type=Path, default=ROOT / "scripts" / "openapi-latchkey.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "main" / "resources" / "openapi" / "latchkey.json")
    args = parser.parse_args()

    routes = served_routes(args.sources)
    extra = yaml.safe_load(args.extra.read_text(encoding="utf-8"))
    specs = load_specs(args.spec_dir)
    converters = {name: Converter(spec, name) for name, spec, _, _ in specs}

    hand_written = {}
    for path, item in extra["paths"].items():
        for method, op in item.items():
            hand_written[(method.upper(), normalise(path))] = (path, op)

    doc_paths, problems, operation_ids = {}, [], {}
    for method, path in sorted(routes, key=lambda r: (r[1], r[0])):
        key = (method, normalise(path))
        if key in hand_written:
            full, op = hand_written[key]
            op = copy.deepcopy(op)
            same_as = op.pop("x-same-as", None)
            if same_as:  # reuse a Cloudentity operation, overriding some fields
                name, spec, prefix_params, index = next(s for s in specs if s[0] == same_as["spec"])
                source = index[(same_as["method"].upper(), normalise(same_as["path"]))][1]
                base = converters[name].operation(source, prefix_params)
                base.update(op)
                op = base
        else:
            found = None
            for name, spec, prefix_params, index in specs:
                if key in index:
                    full, source = index[key]
                    found = converters[name].operation(source, prefix_params)
                    break
            if found is None:
                problems.append(f"served but not described: {method} {path}")
                continue
            op = found
        op_id = op.get("operationId")
        if op_id in operation_ids:
            problems.append(f"duplicate operationId {op_id}: {method} {path} and {operation_ids[op_id]}")
        operation_ids[op_id] = f"{method} {path}"
        doc_paths.setdefault(full, {})[method.lower()] = op

    # definitions and responses that hand-written operations take from Cloudentity's specs
    own_schemas = extra.get("components", {}).get("schemas", {})
    for ref in sorted(set(references(doc_paths))):
        kind, name = ref.split("/")[2:4]
        spec_kind = {"schemas": "definitions", "responses": "responses"}[kind]
        if kind == "schemas" and name in own_schemas:
            continue
        if any(name in getattr(c, spec_kind) for c in converters.values()):
            continue
        for spec_name, spec, _, _ in specs:
            if name in spec.get(spec_kind, {}):
                converters[spec_name].ref(f"#/{spec_kind}/{name}")
                break

    served_keys = {(m, normalise(p)) for m, p in routes}
    for key, (path, _) in hand_written.items():
        if key not in served_keys:
            problems.append(f"described in {args.extra.name} but not served: {key[0]} {path}")

    schemas, responses = dict(extra.get("components", {}).get("schemas", {})), {}
    for converter in converters.values():
        for name, value in converter.definitions.items():
            if name in schemas and schemas[name] != value:
                problems.append(f"definition {name} differs between spec files")
            schemas[name] = value
        for name, value in converter.responses.items():
            if name in responses and responses[name] != value:
                problems.append(f"response {name} differs between spec files")
            responses[name] = value

    schemes = extra["components"]["securitySchemes"]
    for path, item in doc_paths.items():
        for method, op in item.items():
            for requirement in op.get("security", []):
                for scheme in requirement:
                    if scheme not in schemes:
                        problems.append(f"{method.upper()} {path}: unknown security scheme {scheme}")

    components = {"schemas": schemas, "responses": responses}
    for ref in set(references({"paths": doc_paths, "components": components})):
        kind, name = ref.split("/")[2:4]
        if name not in components.get(kind, {}):
            problems.append(f"unresolved $ref {ref}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)

    tags = sorted({t for item in doc_paths.values() for op in item.values() for t in op.get("tags", [])})
    known_tags = {t["name"]: t for t in extra.get("tags", [])}
    document = {
        "openapi": "3.0.3",
        "info": extra["info"],
        "servers": extra["servers"],
        "tags": [known_tags.get(t, {"name": t}) for t in tags],
        "paths": {p: doc_paths[p] for p in sorted(doc_paths)},
        "components": {
            "securitySchemes": schemes,
            "schemas": {n: schemas[n] for n in sorted(schemas)},
            "responses": {n: responses[n] for n in sorted(responses)},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out.relative_to(ROOT)}: {len(routes)} routes, {len(schemas)} schemas, "
          f"{args.out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
