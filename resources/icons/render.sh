#!/bin/sh
# Renders the PNG sizes of Postil's icon from org.postil.Postil.svg, the one
# drawing every system's icon comes from (docs/architecture.md §10). Run it
# after changing the SVG and commit the PNGs; needs rsvg-convert (librsvg2-bin).
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" org.postil.Postil.svg -o "org.postil.Postil-$size.png"
done
