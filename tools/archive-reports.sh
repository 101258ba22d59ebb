#!/usr/bin/env bash
# Keeps the previous run's reports: before a build regenerates them, moves target/allure-report* (the HTML reports)
# and the ledgers of suites/target/allure-results*/ (environment, sent commands, DUT health) to
# report-archive/<when that run ended>/. Nothing is deleted; report-archive/ is the user's to clear.
# Called by the suites module at initialize (suites/pom.xml); -Dnvmehil.keepReports=false skips it.
# Usage: tools/archive-reports.sh <project root> <keep: true|false>
set -euo pipefail
root=${1:?project root}
keep=${2:-true}
[ "$keep" = "false" ] && exit 0
shopt -s nullglob
reports=("$root"/target/allure-report*)
[ ${#reports[@]} -eq 0 ] && exit 0
stamp=$(date -u -r "${reports[0]}" +%Y%m%dT%H%M%SZ)
dest="$root/report-archive/$stamp"
n=0
while [ -e "$dest" ]; do n=$((n + 1)); dest="$root/report-archive/$stamp-$n"; done
mkdir -p "$dest"
for r in "${reports[@]}"; do
  mv "$r" "$dest/"
done
for d in "$root"/suites/target/allure-results*/; do
  name=$(basename "$d")
  for f in environment.properties sent-commands.tsv dut-health.tsv; do
    if [ -f "$d/$f" ]; then
      mkdir -p "$dest/ledgers/$name"
      cp "$d/$f" "$dest/ledgers/$name/"
    fi
  done
done
echo "[nvme-hil] the previous run's reports were moved to ${dest#"$root"/}/ (open its allure-report-single/index.html);" \
  "report-archive/ keeps every earlier run until you delete it (-Dnvmehil.keepReports=false: no archive)"
