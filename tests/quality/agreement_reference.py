#!/usr/bin/python3
"""The reference figures for tests/quality/tst_agreement.

Reads the answers a test stored (stdin, JSON: the schema's questions, the
options, and per task the rows that count as answers), computes every figure
of `postil-cli agreement --json` with the reference libraries, and prints them
in the report's shape (stdout, JSON; null where the reference is undefined).

  Cohen's kappa        sklearn.metrics.cohen_kappa_score(labels=every position, weights=...)
                       unweighted also checked against nltk AnnotationTask.kappa()
  Fleiss' kappa        statsmodels fleiss_kappa(aggregate_raters(...)), checked against
                       nltk AnnotationTask.pi()
  Krippendorff alpha   nltk AnnotationTask.alpha(): nominal with binary_distance,
                       interval with interval_distance on positions, ordinal with the
                       distance below (NLTK has no ordinal metric)
  percent agreement    mean over items of nltk AnnotationTask(item).avg_Ao()
  gold accuracy        by definition (README "Agreement"), with the same matching
  boxes, spans,        scipy.optimize.linear_sum_assignment (maximize) on the same IoU
  segments             matrices; word edits with nltk.edit_distance
  Kendall tau          scipy.stats.kendalltau (tau-b)
"""
import json
import math
import sys
from collections import Counter
from itertools import combinations

try:
    import numpy as np
    from nltk import edit_distance
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance
    from scipy.optimize import linear_sum_assignment
    from scipy.stats import kendalltau
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
except ImportError as missing:
    # Exit 3: the checkers are not installed (the test skips, or fails in CI).
    print(missing, file=sys.stderr)
    sys.exit(3)


def finite(x):
    return None if x is None or not math.isfinite(x) else float(x)


def close(x, y):
    return abs(x - y) < 1e-9


# --- categorical -------------------------------------------------------------

def scale(question, values):
    """Category names in scale order, as the report's README describes."""
    if question["type"] == "rating":
        cats = sorted(set(float(v) for v in range(question["min"], question["max"] + 1)) | set(values))
        return cats, True
    if question["type"] == "single":
        extra = sorted(set(values) - set(question["options"]))
        return list(question["options"]) + extra, False
    return [False, True], False


def ordinal_distance_for(totals):
    def distance(c, k):
        lo, hi = min(c, k), max(c, k)
        between = sum(totals.get(g, 0) for g in range(lo, hi + 1)) - (totals.get(lo, 0) + totals.get(hi, 0)) / 2
        return between * between
    return distance


def categorical(annotators, items, categories, ordered):
    """items: list of {annotator: position}."""
    out = {}
    answering = sorted({a for item in items for a in item})
    out["annotators"] = answering
    pairable = [item for item in items if len(item) >= 2]
    out["items"] = len(pairable)
    # percent agreement: per item NLTK's average pairwise observed agreement
    if pairable:
        out["percent_agreement"] = float(np.mean(
            [AnnotationTask([(a, 0, v) for a, v in item.items()]).avg_Ao() for item in pairable]))
    else:
        out["percent_agreement"] = None
    # Fleiss over items every answering annotator answered
    full = [item for item in pairable if len(item) == len(answering)]
    out["fleiss_items"] = len(full)
    if len(answering) >= 2 and full:
        data = np.array([[item[a] for a in answering] for item in full])
        table, _ = aggregate_raters(data)
        with np.errstate(all="ignore"):
            f = finite(fleiss_kappa(table, method="fleiss"))
        if f is not None:
            task = AnnotationTask([(a, i, item[a]) for i, item in enumerate(full) for a in answering])
            assert close(f, task.pi()), ("fleiss vs nltk pi", f, task.pi())
        out["fleiss_kappa"] = f
    else:
        out["fleiss_kappa"] = None
    # alpha
    values = [(a, i, v) for i, item in enumerate(items) for a, v in item.items()]
    pair_values = [v for item in pairable for v in item.values()]
    alpha = {}
    defined = len(set(pair_values)) >= 2
    metrics = [("nominal", binary_distance)]
    if ordered:
        totals = Counter(pair_values)
        metrics += [("ordinal", ordinal_distance_for(totals)), ("interval", interval_distance)]
    for name, distance in metrics:
        alpha[name] = finite(AnnotationTask(values, distance=distance).alpha()) if defined else None
    if not ordered:
        alpha["ordinal"] = None
        alpha["interval"] = None
    out["krippendorff_alpha"] = alpha
    # pairs
    pairs = []
    labels = list(range(len(categories)))
    for a, b in combinations(answering, 2):
        both = [item for item in items if a in item and b in item]
        p = {"a": a, "b": b, "items": len(both)}
        ya = [item[a] for item in both]
        yb = [item[b] for item in both]
        for key, weights in (("cohen_kappa", None), ("cohen_kappa_linear", "linear"),
                             ("cohen_kappa_quadratic", "quadratic")):
            if not both or (weights and not ordered):
                p[key] = None
                continue
            with np.errstate(all="ignore"):
                k = finite(cohen_kappa_score(ya, yb, labels=labels, weights=weights))
            p[key] = k
        if p["cohen_kappa"] is not None:
            nk = AnnotationTask([(c, i, v) for i, item in enumerate(both) for c, v in ((a, item[a]), (b, item[b]))]).kappa()
            assert close(p["cohen_kappa"], nk), ("sklearn vs nltk kappa", p["cohen_kappa"], nk)
        pairs.append(p)
    out["pairs"] = pairs
    return out


def question_tables(questions, tasks):
    out = {}
    for q in questions:
        if q["type"] == "text":
            continue
        names = ([(q["name"] + "[" + o + "]", o) for o in q["options"]]
                 if q["type"] == "multi" else [(q["name"], None)])
        for name, option in names:
            raw = []
            for task in tasks:
                item = {}
                for annotator, result in task["results"].items():
                    v = result.get("answers", {}).get(q["name"])
                    if q["type"] == "single" and isinstance(v, str) and v:
                        item[annotator] = v
                    elif q["type"] == "flag" and isinstance(v, bool):
                        item[annotator] = v
                    elif q["type"] == "rating" and isinstance(v, (int, float)) and not isinstance(v, bool):
                        item[annotator] = float(v)
                    elif q["type"] == "multi" and isinstance(v, list) and v:
                        item[annotator] = option in v
                if item:
                    raw.append(item)
            cats, ordered = scale(q, [v for item in raw for v in item.values()])
            items = [{a: cats.index(v) for a, v in item.items()} for item in raw]
            annotators = sorted({a for item in raw for a in item})
            out[name] = categorical(annotators, items, cats, ordered)
    return out


# --- marks ---------------------------------------------------------------------

def tally(na, nb, matches, ious, noun, with_iou):
    t = {noun + "_a": na, noun + "_b": nb, "matches": matches,
         "precision": matches / nb if nb else None,
         "recall": matches / na if na else None,
         "f1": 2 * matches / (na + nb) if na + nb else None}
    if with_iou:
        t["mean_iou"] = sum(ious) / len(ious) if ious else None
    return t


def assign(weights, keep):
    """Matched (i, j, w) of the maximum-weight assignment whose weight passes keep()."""
    if weights.size == 0:
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(i, j, weights[i, j]) for i, j in zip(rows, cols) if weights[i, j] > 0 and keep(weights[i, j])]


def box_iou(a, b):
    w = max(0.0, min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]))
    h = max(0.0, min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]))
    inter = w * h
    union = a["w"] * a["h"] + b["w"] * b["h"] - inter
    return inter / union if union > 0 else 0.0


def match_boxes(a, b, t):
    """Per label (na, nb, matched IoUs)."""
    out = {}
    for label in sorted({x["label"] for x in a} | {x["label"] for x in b}):
        la = [x for x in a if x["label"] == label]
        lb = [x for x in b if x["label"] == label]
        w = np.array([[box_iou(x, y) if box_iou(x, y) >= t else 0.0 for y in lb] for x in la]).reshape(len(la), len(lb))
        out[label] = (len(la), len(lb), [m[2] for m in assign(w, lambda v: v >= t)])
    return out


def interval_iou(s1, e1, s2, e2):
    inter = max(0.0, min(e1, e2) - max(s1, s2))
    union = (e1 - s1) + (e2 - s2) - inter
    return inter / union if union > 0 else 0.0


def match_spans(a, b):
    exact, overlap = {}, {}
    partner = {}
    for label in sorted({s["label"] for s in a["spans"]} | {s["label"] for s in b["spans"]}):
        ia = [i for i, s in enumerate(a["spans"]) if s["label"] == label]
        ib = [j for j, s in enumerate(b["spans"]) if s["label"] == label]
        ca = Counter((a["spans"][i]["start"], a["spans"][i]["end"]) for i in ia)
        cb = Counter((b["spans"][j]["start"], b["spans"][j]["end"]) for j in ib)
        exact[label] = (len(ia), len(ib), sum((ca & cb).values()))
        for i in ia:
            for j in ib:
                if (a["spans"][i]["start"], a["spans"][i]["end"]) == (b["spans"][j]["start"], b["spans"][j]["end"]) and j not in partner.values():
                    partner[i] = j
                    break
        w = np.array([[interval_iou(a["spans"][i]["start"], a["spans"][i]["end"], b["spans"][j]["start"], b["spans"][j]["end"])
                       for j in ib] for i in ia]).reshape(len(ia), len(ib))
        overlap[label] = (len(ia), len(ib), [m[2] for m in assign(w, lambda v: True)])
    ra, rb = a.get("relations", []), b.get("relations", [])
    used, matched = set(), 0
    for r in ra:
        if r["from"] in partner and r["to"] in partner:
            for k, o in enumerate(rb):
                if k not in used and o["from"] == partner[r["from"]] and o["to"] == partner[r["to"]] and o["label"] == r["label"]:
                    used.add(k)
                    matched += 1
                    break
    return exact, overlap, (len(ra), len(rb), matched)


def match_segments(a, b, tol):
    ta = sorted({s["start_ms"] for s in a} | {s["end_ms"] for s in a})
    tb = sorted({s["start_ms"] for s in b} | {s["end_ms"] for s in b})
    w = np.array([[1.0 if abs(x - y) <= tol else 0.0 for y in tb] for x in ta]).reshape(len(ta), len(tb))
    boundaries = (len(ta), len(tb), len(assign(w, lambda v: True)))
    w = np.array([[interval_iou(x["start_ms"], x["end_ms"], y["start_ms"], y["end_ms"]) for y in b] for x in a]).reshape(len(a), len(b))
    matched = assign(w, lambda v: True)
    words = sum(len(a[i]["text"].split()) for i, _, _ in matched)
    edits = sum(edit_distance(a[i]["text"].split(), b[j]["text"].split()) for i, j, _ in matched)
    return boundaries, (len(a), len(b), [m[2] for m in matched]), words, edits


def pairwise(tasks, kind):
    for task in tasks:
        if task["kind"] != kind:
            continue
        names = sorted(task["results"])
        for a, b in combinations(names, 2):
            yield task, a, b


def boxes_section(tasks, t):
    pairs = {}
    for task, a, b in pairwise(tasks, "image"):
        p = pairs.setdefault((a, b), {"images": 0, "labels": {}})
        p["images"] += 1
        for label, (na, nb, ious) in match_boxes(task["results"][a].get("boxes", []), task["results"][b].get("boxes", []), t).items():
            acc = p["labels"].setdefault(label, [0, 0, []])
            acc[0] += na
            acc[1] += nb
            acc[2] += ious
    out = []
    for (a, b), p in sorted(pairs.items()):
        na = sum(v[0] for v in p["labels"].values())
        nb = sum(v[1] for v in p["labels"].values())
        ious = [x for v in p["labels"].values() for x in v[2]]
        row = {"a": a, "b": b, "images": p["images"], **tally(na, nb, len(ious), ious, "boxes", True)}
        row["labels"] = {l: tally(v[0], v[1], len(v[2]), v[2], "boxes", True) for l, v in p["labels"].items()}
        out.append(row)
    return {"iou_threshold": t, "pairs": out}


def spans_section(tasks):
    pairs = {}
    for task, a, b in pairwise(tasks, "text"):
        p = pairs.setdefault((a, b), {"texts": 0, "exact": {}, "overlap": {}, "rel": [0, 0, 0]})
        p["texts"] += 1
        ra = task["results"][a]
        rb = task["results"][b]
        exact, overlap, rel = match_spans({"spans": ra.get("spans", []), "relations": ra.get("relations", [])},
                                          {"spans": rb.get("spans", []), "relations": rb.get("relations", [])})
        for label, v in exact.items():
            acc = p["exact"].setdefault(label, [0, 0, 0])
            for k in range(3):
                acc[k] += v[k]
        for label, v in overlap.items():
            acc = p["overlap"].setdefault(label, [0, 0, []])
            acc[0] += v[0]
            acc[1] += v[1]
            acc[2] += v[2]
        for k in range(3):
            p["rel"][k] += rel[k]
    out = []
    for (a, b), p in sorted(pairs.items()):
        ex = [sum(v[k] for v in p["exact"].values()) for k in range(3)]
        ov_ious = [x for v in p["overlap"].values() for x in v[2]]
        ov = [sum(v[0] for v in p["overlap"].values()), sum(v[1] for v in p["overlap"].values())]
        out.append({"a": a, "b": b, "texts": p["texts"],
                    "exact": tally(ex[0], ex[1], ex[2], [], "spans", False),
                    "overlap": tally(ov[0], ov[1], len(ov_ious), ov_ious, "spans", True),
                    "relations": tally(p["rel"][0], p["rel"][1], p["rel"][2], [], "relations", False),
                    "labels": {l: {"exact": tally(*p["exact"][l], [], "spans", False),
                                   "overlap": tally(p["overlap"][l][0], p["overlap"][l][1], len(p["overlap"][l][2]),
                                                    p["overlap"][l][2], "spans", True)} for l in p["exact"]}})
    return {"pairs": out}


def segments_section(tasks, tol):
    pairs = {}
    for task, a, b in pairwise(tasks, "audio"):
        p = pairs.setdefault((a, b), {"audios": 0, "bd": [0, 0, 0], "sg": [0, 0, []], "words": 0, "edits": 0})
        p["audios"] += 1
        bd, sg, words, edits = match_segments(task["results"][a].get("segments", []), task["results"][b].get("segments", []), tol)
        for k in range(3):
            p["bd"][k] += bd[k]
        p["sg"][0] += sg[0]
        p["sg"][1] += sg[1]
        p["sg"][2] += sg[2]
        p["words"] += words
        p["edits"] += edits
    out = []
    for (a, b), p in sorted(pairs.items()):
        out.append({"a": a, "b": b, "audios": p["audios"],
                    "boundaries": tally(*p["bd"], [], "boundaries", False),
                    "segments": tally(p["sg"][0], p["sg"][1], len(p["sg"][2]), p["sg"][2], "segments", True),
                    "reference_words": p["words"], "word_edits": p["edits"],
                    "word_error_rate": p["edits"] / p["words"] if p["words"] else None})
    return {"tolerance_ms": tol, "pairs": out}


def comparisons_section(tasks):
    items = []
    for task in tasks:
        if task["kind"] != "compare":
            continue
        item = {a: r["preference"] + 3 for a, r in task["results"].items() if isinstance(r.get("preference"), int)}
        if item:
            items.append(item)
    verdict = categorical(sorted({a for i in items for a in i}), items, list(range(-3, 4)), True)

    def direction(r):
        if isinstance(r.get("preference"), int):
            return (r["preference"] > 0) - (r["preference"] < 0)
        return 0 if r.get("both_bad") else None

    def ranks(r):
        return {x: g for g, group in enumerate(r.get("ranking", [])) for x in (group if isinstance(group, list) else [group])}

    pairs = {}
    for task, a, b in pairwise(tasks, "compare"):
        ra, rb = task["results"][a], task["results"][b]
        da, db = direction(ra), direction(rb)
        ka, kb = ranks(ra), ranks(rb)
        common = sorted(set(ka) & set(kb))
        tau = None
        if len(common) >= 2:
            with np.errstate(all="ignore"):
                tau = finite(kendalltau([ka[x] for x in common], [kb[x] for x in common])[0])
        if da is None and db is None and tau is None:
            continue
        p = pairs.setdefault((a, b), [0, 0, 0, 0, []])
        if da is not None and db is not None:
            p[0] += 1
            p[1] += da == db
            if da != 0 and db != 0:
                p[2] += 1
                p[3] += da == db
        if tau is not None:
            p[4].append(tau)
    out = []
    for (a, b), p in sorted(pairs.items()):
        out.append({"a": a, "b": b, "tasks": p[0], "agreement_with_ties": p[1] / p[0] if p[0] else None,
                    "tasks_without_ties": p[2], "agreement_without_ties": p[3] / p[2] if p[2] else None,
                    "ranked_tasks": len(p[4]), "kendall_tau": float(np.mean(p[4])) if p[4] else None})
    return {"verdict": verdict, "pairs": out}


def gold_section(questions, tasks, t, tol):
    people = {}
    n = 0
    for task in tasks:
        gold = task.get("gold")
        if gold is None:
            continue
        n += 1
        for annotator, r in task["results"].items():
            p = people.setdefault(annotator, {"annotator": annotator, "tasks": 0})
            p["tasks"] += 1
            for q in questions:
                if q["type"] == "text":
                    continue
                g = gold.get("answers", {})
                if q["name"] in g and q["name"] in r.get("answers", {}):
                    acc = p.setdefault("_answers", {}).setdefault(q["name"], [0, 0])
                    acc[0] += 1
                    acc[1] += r["answers"][q["name"]] == g[q["name"]]
            if task["kind"] == "image" and "boxes" in gold:
                acc = p.setdefault("_boxes", [0, 0, []])
                for na, nb, ious in match_boxes(gold["boxes"], r.get("boxes", []), t).values():
                    acc[0] += na
                    acc[1] += nb
                    acc[2] += ious
            if task["kind"] == "text" and "spans" in gold:
                acc = p.setdefault("_spans", [0, 0, 0])
                exact, _, _ = match_spans({"spans": gold["spans"]}, {"spans": r.get("spans", [])})
                for v in exact.values():
                    for k in range(3):
                        acc[k] += v[k]
            if task["kind"] == "audio" and "segments" in gold:
                acc = p.setdefault("_segments", [0, 0, 0, 0, 0])
                bd, _, words, edits = match_segments(gold["segments"], r.get("segments", []), tol)
                for k in range(3):
                    acc[k] += bd[k]
                acc[3] += words
                acc[4] += edits
            if task["kind"] == "compare" and "preference" in gold:
                # comparison::matchesGold with tolerance 0 on a gold preference:
                # the same preference; both_bad alone states no verdict (unmatched).
                acc = p.setdefault("_verdicts", [0, 0])
                acc[0] += 1
                acc[1] += r.get("preference") == gold["preference"]
    for p in people.values():
        if "_segments" in p:
            v = p.pop("_segments")
            p["segments"] = {"boundaries": tally(v[0], v[1], v[2], [], "boundaries", False),
                             "reference_words": v[3], "word_edits": v[4],
                             "word_error_rate": v[4] / v[3] if v[3] else None}
        if "_verdicts" in p:
            v = p.pop("_verdicts")
            p["comparisons"] = {"answered": v[0], "matched": v[1], "accuracy": v[1] / v[0]}
        if "_answers" in p:
            p["answers"] = {q: {"items": v[0], "correct": v[1], "accuracy": v[1] / v[0]} for q, v in p.pop("_answers").items()}
        if "_boxes" in p:
            v = p.pop("_boxes")
            p["boxes"] = tally(v[0], v[1], len(v[2]), v[2], "boxes", True)
        if "_spans" in p:
            p["spans"] = tally(*p.pop("_spans"), [], "spans", False)
    return {"tasks": n, "annotators": [people[k] for k in sorted(people)]}


def main():
    given = json.load(sys.stdin)
    tasks = given["tasks"]
    report = {"questions": question_tables(given["questions"], tasks),
              "boxes": boxes_section(tasks, given["iou_threshold"]),
              "spans": spans_section(tasks),
              "segments": segments_section(tasks, given["tolerance_ms"]),
              "comparisons": comparisons_section(tasks),
              "gold": gold_section(given["questions"], tasks, given["iou_threshold"], given["tolerance_ms"])}
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
