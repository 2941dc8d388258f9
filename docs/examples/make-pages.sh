#!/usr/bin/env bash
# The page images in this folder: a draft exported to Word, laid out by LibreOffice, at 60 dpi.
#   docs/examples/make-pages.sh            (needs soffice, pdftoppm, and fonts-noto-cjk fonts-arphic-ukai)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
cd "$work"
for set in auto gb2312; do
    speechkit generate -t commendation --slot org=郴州市总工会 --slot speaker=市总工会党组 --slot year=2026 \
        --seed 4 --font-set "$set" -o "commendation-$set.docx"
done
soffice --headless "-env:UserInstallation=file://$work/lo" --convert-to pdf commendation-auto.docx commendation-gb2312.docx >/dev/null
pdftoppm -r 60 -png commendation-auto.pdf "$here/commendation-auto-page"
pdftoppm -r 60 -png -f 1 -l 1 commendation-gb2312.pdf "$here/commendation-gb2312-on-linux-page"
pdffonts commendation-auto.pdf
