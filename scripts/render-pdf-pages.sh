#!/usr/bin/env bash
# Renders notice PDFs to PNG pages (pdftoppm, from Debian's poppler-utils) in test-artifacts/notice-pages/,
# to look at beside the seed notice. With no argument: the seed notice (imported with import-notice,
# then rendered with report --format pdf) and a 130-unit month from bench/documents.ts.
#   scripts/render-pdf-pages.sh [FILE.pdf ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=test-artifacts/notice-pages
mkdir -p "$out"
if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "pdftoppm is missing: apt-get install -y poppler-utils" >&2
  exit 1
fi
if (($# == 0)); then
  db="$out/render.sqlite"
  rm -f "$db" "$db"-*
  bin/portal-scorecard --db "$db" import-notice test/fixtures/seed-02-2024.txt
  bin/portal-scorecard --db "$db" report --period 2024-02 --format pdf --out "$out/seed-02-2024.pdf"
  node --import tsx bench/documents.ts --runs 1 --write "$out" >/dev/null
  set -- "$out/seed-02-2024.pdf" "$out/notice-130-units.pdf"
fi
for pdf in "$@"; do
  name=$(basename "${pdf%.pdf}")
  rm -f "$out/$name"-*.png
  pdftoppm -r 100 -png "$pdf" "$out/$name"
done
ls -1 "$out"/*.png
