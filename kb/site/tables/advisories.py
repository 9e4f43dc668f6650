"""Security advisories as data (data/advisories.toml): the security page's table, the
advisories that apply to a picked release, and each advisory's proof, "the advisory says"
beside "our runs show" (the canary of a version-scan case, per release)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from packaging.specifiers import SpecifierSet

from kb.site.messages import exact
from kb.engine import runtimes
from kb.site.tables import versions

FILE = runtimes.ROOT / "data" / "advisories.toml"
FIELDS = {"id", "ghsa", "family", "what", "affected", "affected_source", "record", "fixed",
          "note", "sources", "proof", "reason", "file"}


class AdvisoryError(ValueError):
    pass


@dataclass(frozen=True)
class Advisory:
    id: str
    ghsa: str
    family: str
    what: str
    affected: str
    affected_source: str
    fixed: tuple[str, ...]
    sources: tuple[str, ...]
    record: str = ""
    note: str = ""
    proof: dict = field(default_factory=dict)
    reason: str = ""
    file: dict = field(default_factory=dict)  # what keras-doctor looks for in a model file

    def applies(self, version: str) -> bool:
        return any(SpecifierSet(alt.strip()).contains(version, prereleases=True)
                   for alt in self.affected.split("||"))

    def releases(self) -> list[str]:
        """The registry's releases of its family that the advisory's range covers."""
        return [rt.name for rt in runtimes.RELEASES.values()
                if rt.family.name == self.family and self.applies(rt.version)]


def load() -> list[Advisory]:
    data = tomllib.loads(FILE.read_text(encoding="utf-8"))
    out = []
    for i, raw in enumerate(data.get("advisory", [])):
        where = f"{FILE.name} advisory #{i + 1} ({raw.get('id', '?')})"
        unknown = set(raw) - FIELDS
        if unknown:
            raise AdvisoryError(f"{where}: unknown fields {sorted(unknown)}")
        if raw.get("family") not in runtimes.FAMILIES:
            raise AdvisoryError(f"{where}: family must be one of {', '.join(runtimes.FAMILIES)}")
        adv = Advisory(**{**raw, "fixed": tuple(raw["fixed"]), "sources": tuple(raw["sources"])})
        adv.applies("0")  # an invalid specifier fails here, naming the advisory
        out.append(adv)
    return out


def proof(adv: Advisory) -> dict[str, bool] | None:
    """runtime -> whether the proof's canary fired there, for every release with a result."""
    if not adv.proof:
        return None
    per = versions.scan().get(adv.proof["snippet"], {}).get(adv.proof["case"], {})
    return {rt: adv.proof["canary"] in v.text.rpartition("fired: ")[2].split(", ")
            for rt, v in per.items() if runtimes.get(rt).family.name == adv.family}


def disagreements(adv: Advisory) -> list[str]:
    """Releases where the canary and the advisory's range disagree."""
    fired = proof(adv) or {}
    return [f"{rt}: the advisory says {'affected' if adv.applies(runtimes.get(rt).version) else 'not affected'}, "
            f"the canary {'fired' if hit else 'did not fire'}"
            for rt, hit in fired.items() if hit != adv.applies(runtimes.get(rt).version)]


def table() -> str:
    """The security page's table: what each advisory says, and what our runs show."""
    out = ["| Advisory | What loads code or reads files | The advisory says | Fixed in "
           "| Our runs show | Sources |", "|---|---|---|---|---|---|"]
    for adv in load():
        says = exact.cell(adv.affected.replace("||", "or")) + f" ({exact.cell(adv.affected_source)})"
        if adv.record:
            says += f"; {exact.cell(adv.record)}"
        fired = proof(adv)
        if fired is None:
            shown = "no canary for this one here"
        elif not fired:
            shown = "not run yet"
        else:
            yes = [rt for rt, hit in fired.items() if hit]
            no = [rt for rt, hit in fired.items() if not hit]
            shown = (f"the canary fired on {runtimes.ranges(yes) if yes else 'no release'}"
                     + (f"; not on {runtimes.ranges(no)}" if no else ""))
            if adv.reason:
                shown += f" ({exact.cell(adv.reason)})"
        links = ", ".join(f'<a href="{url}">{i + 1}</a>' for i, url in enumerate(adv.sources))
        name = adv.id + (f"<br><small>{adv.ghsa}</small>" if adv.ghsa else "")
        what = exact.cell(adv.what) + (f"<br><small>{exact.cell(adv.note)}</small>" if adv.note else "")
        out.append(f"| {name} | {what} | {says} | {', '.join(adv.fixed)} | {shown} | {links} |")
    return "\n".join(out)


def clear(family: str) -> str:
    """The releases of a family that no advisory here applies to, as ranges."""
    found = load()
    names = [rt.name for rt in runtimes.RELEASES.values() if rt.family.name == family
             and not any(a.family == family and a.applies(rt.version) for a in found)]
    return runtimes.ranges(names) if names else "none of the releases under test"


def for_picker() -> list[dict]:
    return [{"id": a.id, "what": a.what, "releases": a.releases()} for a in load()]
