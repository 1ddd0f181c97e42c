#!/usr/bin/env python3
"""Counts the TRC diagnostics that run.sh recorded, per codebase and rule, and joins them with judgements.tsv.

    eng/realcode/summarize.py <label> [--list] [--compare <other-label>]

--list prints every diagnostic (codebase, rule, level, file:line, judgement, message) so new ones can be judged;
--compare prints the per-rule table of two runs side by side. Diagnostics are de-duplicated by rule, file, line and
column (a shared source file compiled into several projects is counted once).
Judgements: eng/realcode/judgements.tsv, tab-separated: codebase, rule, path:line, verdict (A = actionable,
N = correct but not actionable, F = false), note. A diagnostic without a judgement counts as '?'.
"""
import json, os, sys, glob, collections

here = os.path.dirname(os.path.abspath(__file__))
root = os.environ.get("REALCODE_ROOT", "/tmp/realcode")


def load(label):
    found = {}
    for sarif in glob.glob(os.path.join(root, "out", label, "*", "*.sarif")):
        codebase = os.path.basename(os.path.dirname(sarif))
        clone = os.path.join(root, codebase) + "/"
        try:
            with open(sarif, encoding="utf-8-sig") as f:
                data = json.load(f)
        except ValueError:  # still being written, or empty after a failed compile
            print(f"skipped unreadable {sarif}", file=sys.stderr)
            continue
        for run in data.get("runs", []):
            for r in run.get("results", []):
                rule = r.get("ruleId", "")
                if not rule.startswith("TRC") or r.get("suppressions"):
                    continue
                loc = r["locations"][0]["physicalLocation"]
                uri = loc["artifactLocation"]["uri"].replace("file://", "")
                path = uri[len(clone):] if uri.startswith(clone) else uri
                region = loc.get("region", {})
                key = (codebase, rule, path, region.get("startLine"), region.get("startColumn"))
                found[key] = (r.get("level", "warning"), r["message"]["text"])
    return found


def judgements():
    j = {}
    path = os.path.join(here, "judgements.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            j[(parts[0], parts[1], parts[2])] = parts[3]
    return j


def verdict(j, key):
    codebase, rule, path, line, _ = key
    return j.get((codebase, rule, f"{path}:{line}"), "?")


def table(found, j):
    counts = collections.defaultdict(collections.Counter)
    for key, (level, _) in found.items():
        counts[(key[0], key[1])][("W" if level in ("warning", "error") else "I") + verdict(j, key)] += 1
    return counts


def main():
    args = sys.argv[1:]
    label = args[0]
    found = load(label)
    j = judgements()
    if "--list" in args:
        for key in sorted(found, key=lambda k: (k[0], k[1], k[2], k[3] or 0)):
            level, message = found[key]
            print(f"{key[0]}\t{key[1]}\t{level}\t{key[2]}:{key[3]}\t{verdict(j, key)}\t{message}")
        return
    runs = [(label, found)]
    if "--compare" in args:
        other = args[args.index("--compare") + 1]
        runs.insert(0, (other, load(other)))
    for name, f in runs:
        counts = table(f, j)
        total = collections.Counter()
        print(f"## {name}")
        print("| codebase | rule | warnings | info | actionable | not actionable | false | unjudged |")
        print("|---|---|---|---|---|---|---|---|")
        for (codebase, rule), c in sorted(counts.items()):
            total.update(c)
            w = sum(v for k, v in c.items() if k[0] == "W"); i = sum(v for k, v in c.items() if k[0] == "I")
            a = c["WA"] + c["IA"]; n = c["WN"] + c["IN"]; fl = c["WF"] + c["IF"]; u = c["W?"] + c["I?"]
            print(f"| {codebase} | {rule} | {w} | {i} | {a} | {n} | {fl} | {u} |")
        w = sum(v for k, v in total.items() if k[0] == "W"); i = sum(v for k, v in total.items() if k[0] == "I")
        wa = total["WA"]; a = total["WA"] + total["IA"]; fl = total["WF"] + total["IF"]
        print(f"| **total** | | {w} | {i} | {a} | {total['WN'] + total['IN']} | {fl} | {total['W?'] + total['I?']} |")
        if w:
            print(f"\nwarnings actionable: {wa}/{w} ({100 * wa // w} %); all actionable: {a}/{w + i} ({100 * a // (w + i)} %); false: {fl}")
        print()


main()
