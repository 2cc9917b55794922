"""The frames do not depend on jobs= (the CLI's determinism at any -j)."""

import pandas.testing as pdt

import reportlens

from conftest import SEED, SHARED_CORPUS, SOURCE, STAGES


def test_same_frames_at_jobs_1_and_2(tmp_path):
    inputs = [SEED, SOURCE / "corpus" / "tiexi" / "2023-plan-report.txt"]
    if (SHARED_CORPUS / "national").is_dir():  # else the two seed reports alone
        inputs += sorted((SHARED_CORPUS / "national").glob("*.txt"))[-6:]
    y = tmp_path / "mixed.yaml"
    y.write_text(f"""name: mixed
stages:
  - use: segment
  - use: numbers
  - use: indicators
  - use: entities
  - use: python
    with: {{module: keyword_count, class: KeywordCount, path: {STAGES}, settings: {{words: [改革, 发展]}}}}
""", encoding="utf-8")
    one = reportlens.run(y, inputs=inputs, jobs=1)
    two = reportlens.run(y, inputs=inputs, jobs=2)
    assert len(one.documents) == len(inputs)
    for name in ("indicators", "quantities", "entities", "targets"):
        pdt.assert_frame_equal(getattr(one, name)(), getattr(two, name)())
    pdt.assert_frame_equal(one.annotations(), two.annotations())
    pdt.assert_frame_equal(one.documents, two.documents)
    assert len(one.annotations("keyword")) > 0
