"""A stage that times what a Python stage does with `doc` (python_stage_cost.py)."""

import time


class Timed:
    def __init__(self, settings):
        pass

    def process(self, doc):
        t0 = time.perf_counter()
        text = doc.text
        t1 = time.perf_counter()
        sentences = doc.annotations("sentence")
        t2 = time.perf_counter()
        everything = doc.annotations()
        t3 = time.perf_counter()
        for s in sentences[:200]:
            doc.add("probe", s.begin, s.end, {"n": 1})
        t4 = time.perf_counter()
        doc.meta["timed"] = {"chars": len(text), "sentences": len(sentences), "annotations": len(everything),
                             "text_us": (t1 - t0) * 1e6, "sentences_us": (t2 - t1) * 1e6,
                             "all_us": (t3 - t2) * 1e6, "add_us": (t4 - t3) * 1e6 / max(1, min(200, len(sentences)))}
