#!/usr/bin/env bash
# Renders the first and last page of each example's PDF into docs/gallery/ (needs poppler).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
.venv/bin/gongwen build -q --format pdf -o "$out" source/examples/*.yaml source/volumes/*.yaml
for pdf in "$out"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  last=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  pdftoppm -r 40 -png -f 1 -l 1 -singlefile "$pdf" "docs/gallery/$name-first"
  pdftoppm -r 40 -png -f "$last" -l "$last" -singlefile "$pdf" "docs/gallery/$name-last"
done
rm -rf "$out"
