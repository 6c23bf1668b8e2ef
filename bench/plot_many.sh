#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs bench_many and draws its curve: bench/many.png.
#   bench/plot_many.sh BUILD_DIR
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp)
trap 'rm -f "$data"' EXIT
"$build/bench/bench_many" 1000 20 "$data"
gnuplot <<GNUPLOT
set terminal pngcairo size 800,500 noenhanced
set output "$here/many.png"
set title "1,000 jobs, 20 ms per answer: mip_get_import_progress_many vs a sequential loop"
set xlabel "max connections"
set ylabel "speedup over the sequential loop"
set logscale x 2
set xrange [0.8:90]
set yrange [0:*]
set xtics (1, 4, 8, 16, 32, 64)
set grid
set key off
plot "$data" using 1:3 with linespoints lw 2 pt 7, "" using 1:3:(sprintf("%.1fx", \$3)) with labels offset 0,1
GNUPLOT
echo "wrote $here/many.png"
