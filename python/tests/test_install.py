"""`cmake --install build --prefix P` puts the package where Debian's python looks for that
prefix (P/lib/python3/dist-packages/reportlens), and it runs from there with P's plugins."""

import os
import pathlib
import subprocess
import sys
import sysconfig

from conftest import BUILD, SEED, SOURCE, STAGES


def test_installed_package_runs_with_the_installed_plugins(tmp_path):
    prefix = tmp_path / "prefix"
    cmake = os.environ.get("REPORTLENS_CMAKE", "cmake")
    done = subprocess.run([cmake, "--install", str(BUILD), "--prefix", str(prefix)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    site = pathlib.Path(sysconfig.get_path("platlib", "deb_system", vars={"base": str(prefix), "platbase": str(prefix)}))
    assert (site / "reportlens" / "__init__.py").is_file()
    y = tmp_path / "kw.yaml"
    y.write_text(f"name: kw\nstages:\n  - use: segment\n  - use: numbers\n  - use: indicators\n  - use: python\n"
                 f"    with: {{module: keyword_count, class: KeywordCount, path: {STAGES}, settings: {{words: [企业]}}}}\n",
                 encoding="utf-8")
    script = f"""
import reportlens
res = reportlens.run({str(y)!r}, inputs=[{str(SEED)!r}])
print(reportlens.__file__)
print(reportlens.plugin_dir)
print(len(res.indicators()), len(res.annotations("keyword")))
"""
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop("REPORTLENS_PLUGIN_PATH", None)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    module, plugins, counts = out.stdout.splitlines()
    assert module.startswith(str(site))
    assert pathlib.Path(plugins).resolve().is_relative_to(prefix.resolve())  # not the build tree's
    assert (pathlib.Path(plugins) / "libreportlens-python.so").is_file()
    n_ind, n_kw = map(int, counts.split())
    assert n_ind >= 250 and n_kw == SEED.read_text(encoding="utf-8-sig").count("企业")
