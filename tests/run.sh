#!/usr/bin/env bash
# The test command: installs what the tests need on a Debian-family machine (LibreOffice Writer,
# poppler, the open CJK faces the tests map the official names to), the package with its test
# extras into .venv, then runs pytest. Extra arguments go to pytest: bash tests/run.sh -k fmt
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
has_font() { command -v fc-list >/dev/null 2>&1 && fc-list "$1" family | grep -q .; }
has_font "AR PL UMing CN" || missing+=(fonts-arphic-uming)
has_font "AR PL UKai CN" || missing+=(fonts-arphic-ukai)
has_font "WenQuanYi Micro Hei" || missing+=(fonts-wqy-microhei)
has_font "Liberation Serif" || missing+=(fonts-liberation)

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
exec .venv/bin/python -m pytest "$@"
