# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
from keras_doctor import tables as doctor

print("| Code | Severity | What it means | Answered in |")
print("|---|---|---|---|")
for code, page in doctor.PAGES.items():
    name, anchor = page.strip("/").split("/#")
    link = f"[{page}]({name}.md#{anchor})"
    print(f"| `{code}` | {doctor.SEVERITY[code]} | {doctor.SUMMARY[code]} | {link} |")
print()
for part, fields in doctor.SCHEMA.items():
    print(f"| `{part}` key | JSON type | Meaning |")
    print("|---|---|---|")
    for key, (kind, meaning) in fields.items():
        print(f"| `{key}` | {kind.replace('|', ' or ')} | {meaning} |")
    print()
# --8<-- [end:code]
