#!/usr/bin/env bash
# The test command: installs what the tests need on a Debian-family machine (LibreOffice Writer
# and its Python bridge, poppler, pandoc, PDFBox Preflight with a Java runtime), the package with
# its test extras into .venv and the PDF's open faces (gongwen fonts install), then runs pytest.
# Extra arguments go to pytest: bash tests/run.sh -k fmt
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)  # reads our .docx's headings (tests)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || missing+=(python3-uno)  # LibreOffice over UNO
# Apache PDFBox Preflight, which validates the --pdfa PDFs (tests/test_pdfa.py), and a Java to run it
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -f /usr/share/java/preflight.jar ] || missing+=(libpdfbox2-java)
[ -f /usr/share/java/javax.activation.jar ] || missing+=(libactivation-java)
[ -f /usr/share/java/jaxb-api.jar ] || missing+=(libjaxb-api-java)

if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "tests/run.sh: installing ${missing[*]}"
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "tests/run.sh: no apt-get; tests needing ${missing[*]} will be skipped" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# The PDF's faces, and the fontconfig mapping that makes LibreOffice use them (once; cached).
.venv/bin/gongwen fonts install >/dev/null ||
  echo "tests/run.sh: gongwen fonts install failed; the PDF tests will be skipped" >&2
if [ -n "${PARITY:-}" ]; then
  .venv/bin/python benchmarks/parity.py
fi
# every example of the property tests (a developer's `pytest -m "not slow"` tries a third)
export GONGWEN_ALL_EXAMPLES=1
exec .venv/bin/python -m pytest -n 0 "$@"
