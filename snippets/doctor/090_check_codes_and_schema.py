# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
from keras_doctor import tables  # the doctor's spec folder, keras_doctor/spec/

print("| Code | Severity | What it means | Answered in |")
print("|---|---|---|---|")
for code, finding in tables.FINDINGS.items():
    page = tables.page(code)
    name, anchor = finding["answer"].split("#")
    print(f"| `{code}` | {finding['severity']} | {finding['summary']} | [{page}]({name}.md#{anchor}) |")
print()
schema = tables.REPORT_SCHEMA  # report.schema.json, a JSON Schema
for part, fields in [("report", schema["properties"])] + [
        (name, d["properties"]) for name, d in schema["$defs"].items()]:
    print(f"| `{part}` key | JSON type | Meaning |")
    print("|---|---|---|")
    for key, field in fields.items():
        kind = field.get("type", "object")
        kind = " or ".join(kind) if isinstance(kind, list) else kind
        print(f"| `{key}` | {kind} | {field['description']} |")
    print()
# --8<-- [end:code]
