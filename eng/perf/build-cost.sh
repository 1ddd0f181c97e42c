#!/usr/bin/env bash
# What does Instrumentation.Generators cost a user's build? Packs the package from this repository, writes a
# synthetic library in three variants (Traced / Inert / NoTraced, identical C#), builds each with
# -p:ReportAnalyzer=true and prints one markdown table. See eng/perf/README.md.
#
# usage: bash eng/perf/build-cost.sh [--methods 5000] [--files 200] [--runs 3]
#        KEEP=1 keeps ${TMPDIR:-/tmp}/instrumentation-build-cost/<run>/ (sources, logs, feed) for inspection.
set -euo pipefail

usage() {
  sed -n 's/^# usage: /usage: /p; s/^#        /       /p' "${BASH_SOURCE[0]}"
}

methods=5000
files=200
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --methods) methods="${2:?--methods needs a value}"; shift 2 ;;
    --files) files="${2:?--files needs a value}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "build-cost: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for value in "$methods" "$files" "$runs"; do
  if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
    echo "build-cost: --methods, --files and --runs take positive integers, not '$value'" >&2
    exit 2
  fi
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stamp="$(date -u +%Y%m%d%H%M%S)"
work_parent="${TMPDIR:-/tmp}/instrumentation-build-cost"
work="$work_parent/$stamp-$$"
feed="$work/feed"
logs="$work/logs"
projects="$work/projects"
results="$work/results.tsv"
version="0.0.0-perf.$stamp"
variants=(traced inert notraced)

cleanup() {
  if [[ "${KEEP:-0}" == 1 ]]; then
    echo "build-cost: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
# Folders of interrupted earlier runs (never one a concurrent run may still use).
find "$work_parent" -mindepth 1 -maxdepth 1 -type d -mmin +360 -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$feed" "$logs" "$projects" "$work/packages"
: >"$results"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild node and no compiler server outlives a command, so every build starts from the same state: a fresh
# MSBuild and a fresh csc process per build (like a CI agent). We never run `dotnet build-server shutdown`: it would
# also stop the servers of other builds running on the machine.
export MSBUILDDISABLENODEREUSE=1
no_servers=(-nodeReuse:false -p:UseSharedCompilation=false)

say() { printf '[build-cost %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# run LOG COMMAND...: runs COMMAND with its output in LOG; on failure prints the log's errors and stops.
run() {
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "build-cost: failed: $*" >&2
    echo "--- errors in $log (the whole log is kept with KEEP=1) ---" >&2
    { { grep -E ': (error|warning) ' "$log" || true; } | sort -u | head -40; tail -n 25 "$log"; } >&2
    exit 1
  fi
}

# timed LOG COMMAND...: like run, and prints the wall time in seconds.
timed() {
  local log="$1" start end
  start="$(date +%s%N)"
  run "$@"
  end="$(date +%s%N)"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", (e - s) / 1e9 }'
}

# consumer COMMAND...: a command on a synthetic project; restores into a private packages folder, so a stale
# Instrumentation.Generators from the user's global folder can never be used.
consumer() { NUGET_PACKAGES="$work/packages" "$@"; }

# parse VARIANT LOG: appends "variant<TAB>key<TAB>seconds" records for one full build to $results.
#   csc                   the Csc task (task performance summary)
#   analyzers, generators "Total analyzer/generator execution time" (every assembly, summed over threads)
#   pkg-analyzers         the package's assemblies in the analyzer section
#   pkg-generator         the package's assemblies in the generator section
#   a:NAME / g:NAME       each analyzer / generator of the package
parse() {
  local variant="$1" log="$2"
  awk -v variant="$variant" '
    function seconds(text) { sub(/^</, "", text); return text + 0 }
    function emit(key, value) { printf "%s\t%s\t%.3f\n", variant, key, value }
    { sub(/^[ \t]*[0-9]+>/, "") }
    /Total analyzer execution time:/ { section = "a"; emit("analyzers", seconds($(NF - 1))); package = 0; next }
    /Total generator execution time:/ { section = "g"; emit("generators", seconds($(NF - 1))); package = 0; next }
    $2 == "ms" && $3 == "Csc" && $5 == "calls" { emit("csc", $1 / 1000); next }
    section != "" && (NF == 0 || $1 == "Time") { next }
    section != "" && $1 ~ /^<?[0-9.]+$/ && $2 ~ /^<?[0-9]+$/ {
      name = $0
      sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+/, "", name)
      if (name ~ /, Version=/) {
        package = (name ~ /^Instrumentation\.(Generators|CodeFixes),/)
        if (package) { total[section] += seconds($1); seen[section] = 1 }
      } else if (package) {
        sub(/^Instrumentation\.Generators\.(Analyzers|Tracing)\./, "", name)
        emit(section ":" name, seconds($1))
      }
      next
    }
    section != "" { section = ""; package = 0 }
    END {
      emit("pkg-analyzers", total["a"])
      emit("pkg-generator", total["g"])
      if (!seen["a"] && !seen["g"]) { emit("pkg-absent", 1) }
    }
  ' "$log" >>"$results"
}

# 1. A private copy of what the package and the writer are built from: other people may be editing (and building)
#    the repository at the same time, and the copy has its own bin/ and obj/.
say "copying the repository to $work/repo"
# Read-only: which commit the measured package comes from, and whether the working tree differed from it.
commit="$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
changed="$(git --no-optional-locks -C "$repo_root" status --porcelain -- src 2>/dev/null | wc -l || echo '?')"
mkdir -p "$work/repo"
mapfile -t root_files < <(cd "$repo_root" && find . -maxdepth 1 -type f ! -name '.git*' -printf '%P\n')
(cd "$repo_root" && tar --exclude=bin --exclude=obj --exclude=BenchmarkDotNet.Artifacts -cf - \
  "${root_files[@]}" src eng tests/Directory.Build.props tests/Instrumentation.Benchmarks) | tar -C "$work/repo" -xf -

say "packing Instrumentation.Generators $version"
run "$logs/pack.log" dotnet pack "$work/repo/src/Instrumentation.Generators.Package/Instrumentation.Generators.Package.csproj" \
  -c Release -o "$feed" "-p:Version=$version" "${no_servers[@]}"
[[ -f "$feed/Instrumentation.Generators.$version.nupkg" ]] || { echo "build-cost: pack produced no package" >&2; exit 1; }

# 2. The three variants.
say "writing the synthetic library: $methods methods in $files files"
run "$logs/writer-build.log" dotnet build -c Release "$work/repo/tests/Instrumentation.Benchmarks" "${no_servers[@]}"
declare -A statistics
for variant in "${variants[@]}"; do
  run "$logs/write-$variant.log" dotnet run --no-build -c Release --project "$work/repo/tests/Instrumentation.Benchmarks" -- \
    write-synthetic --out "$projects/$variant" --methods "$methods" --files "$files" --variant "$variant" \
    --package-version "$version" --feed "$feed"
  statistics[$variant]="$(cat "$logs/write-$variant.log")"
  cp "$repo_root/global.json" "$projects/$variant/"
done
traced_call_sites="$(sed -n 's/.* \([0-9][0-9]*\) traced call sites.*/\1/p' "$logs/write-traced.log")"

# 3. Restore once; then one untimed build of the Traced variant that writes the generated files (proof that the
#    interceptors are really there; it also warms the disk cache for the timed builds).
for variant in "${variants[@]}"; do
  (cd "$projects/$variant" && run "$logs/restore-$variant.log" consumer dotnet restore "${no_servers[@]}")
done
say "checking that the Traced variant gets its interceptors"
(cd "$projects/traced" && run "$logs/verify-traced.log" consumer dotnet build --no-restore --no-incremental -c Release \
  -p:EmitCompilerGeneratedFiles=true "${no_servers[@]}")
generated_dir="$projects/traced/obj/Release/net10.0/generated/Instrumentation.Generators"
generated_files=0
intercepted=0
if [[ -d "$generated_dir" ]]; then
  generated_files="$(find "$generated_dir" -name '*.cs' | wc -l)"
  intercepted="$(find "$generated_dir" -name '*.cs' -exec cat {} + | { grep -o 'InterceptsLocation(' || true; } | wc -l)"
fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((run_number = 1; run_number <= runs; run_number++)); do
  # Variants alternate inside a run, so a slow phase of a busy machine does not hit one variant only.
  for variant in "${variants[@]}"; do
    say "run $run_number/$runs: full build of $variant"
    log="$logs/build-$variant-$run_number.log"
    wall="$(cd "$projects/$variant" && timed "$log" consumer dotnet build --no-restore --no-incremental -c Release \
      -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary "${no_servers[@]}")"
    printf '%s\twall\t%s\n' "$variant" "$wall" >>"$results"
    parse "$variant" "$log"
    warnings="$({ grep -E ': warning [A-Z]+[0-9]+' "$log" || true; } | sed -E 's/.*: warning ([A-Z]+[0-9]+).*/\1/' | sort | uniq -c | awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }')"
    [[ -z "$warnings" ]] || printf '%s\twarnings\t%s\n' "$variant" "$warnings" >>"$results"
  done
done
for variant in "${variants[@]}"; do
  say "no-op build of $variant"
  log="$logs/noop-$variant.log"
  wall="$(cd "$projects/$variant" && timed "$log" consumer dotnet build -c Release -p:ReportAnalyzer=true -v:d "${no_servers[@]}")"
  printf '%s\tnoop\t%s\n' "$variant" "$wall" >>"$results"
  grep -q 'Skipping target "CoreCompile"' "$log" || printf '%s\tnoop-compiled\t1\n' "$variant" >>"$results"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# 4. Medians per variant and key (numeric keys only).
medians="$(awk -F '\t' '$2 != "warnings"' "$results" | sort -t $'\t' -k1,1 -k2,2 -k3,3g | awk -F '\t' '
  function flush() { if (n) printf "%s\t%s\t%.3f\n", key1, key2, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2) }
  $1 != key1 || $2 != key2 { flush(); key1 = $1; key2 = $2; n = 0 }
  { v[++n] = $3 }
  END { flush() }')"
get() { # get VARIANT KEY -> median, or empty
  awk -F '\t' -v a="$1" -v b="$2" '$1 == a && $2 == b { print $3 }' <<<"$medians"
}
fmt() { [[ -n "$1" ]] && printf '%.2f' "$1" || printf '—'; }
share() { # share SECONDS CSC -> "1.23 (4.5 %)"
  if [[ -z "$1" ]]; then printf '—'; else awk -v s="$1" -v c="$2" 'BEGIN { printf "%.2f (%.1f %%)", s, (c > 0 ? 100 * s / c : 0) }'; fi
}
name_of() { case "$1" in traced) echo Traced ;; inert) echo Inert ;; notraced) echo NoTraced ;; esac; }

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
os="$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -sr)"
sdk="$(cd "$projects/traced" && dotnet --version)"

echo
echo "## Build cost of Instrumentation.Generators — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) logical cores, ${cpu:-unknown CPU}, ${os}; .NET SDK ${sdk}; load average ${load_before} before, ${load_after} after."
echo "Package ${version} packed from commit ${commit} (${changed} uncommitted change(s) under src/ at the time)."
echo "Synthetic library: ${methods} methods in ${files} files; median of ${runs} run(s) of"
echo "\`dotnet build --no-incremental -c Release -p:ReportAnalyzer=true -p:UseSharedCompilation=false -nodeReuse:false\`."
echo
echo "| variant | wall full build (median s) | csc (median s) | package generator (s, % of csc) | package analyzers (s, % of csc) | no-op build (s) |"
echo "|---|---:|---:|---:|---:|---:|"
for variant in "${variants[@]}"; do
  csc="$(get "$variant" csc)"
  if [[ -n "$(get "$variant" pkg-absent)" ]]; then
    generator="" analyzers=""
  else
    generator="$(get "$variant" pkg-generator)" analyzers="$(get "$variant" pkg-analyzers)"
  fi
  noop="$(fmt "$(get "$variant" noop)")"
  [[ -z "$(get "$variant" noop-compiled)" ]] || noop="$noop (recompiled!)"
  echo "| $(name_of "$variant") | $(fmt "$(get "$variant" wall)") | $(fmt "$csc") | $(share "$generator" "${csc:-0}") | $(share "$analyzers" "${csc:-0}") | $noop |"
done
echo
echo "Details (median s): every generator and analyzer assembly, and each of the package's components."
echo
echo "| component |$(for v in "${variants[@]}"; do printf ' %s |' "$(name_of "$v")"; done)"
echo "|---|$(for v in "${variants[@]}"; do printf -- '---:|'; done)"
{
  echo "generators	Total generator execution time (all assemblies)"
  echo "analyzers	Total analyzer execution time (all assemblies)"
  cut -f2 <<<"$medians" | grep -E '^[ag]:' | sort -u | sed -E 's/^g:(.*)/&\tgenerator \1/; s/^a:(.*)/&\tanalyzer \1/'
} | while IFS=$'\t' read -r key label; do
  printf '| %s |' "$label"
  for variant in "${variants[@]}"; do printf ' %s |' "$(fmt "$(get "$variant" "$key")")"; done
  echo
done
echo
for variant in "${variants[@]}"; do
  echo "- ${statistics[$variant]% -> *}"
done
echo "- Traced variant: ${generated_files} files generated by the package, ${intercepted} [InterceptsLocation] attributes for ${traced_call_sites:-?} traced call sites."
if [[ "$intercepted" != "${traced_call_sites:-}" ]]; then
  echo "- **WARNING**: the number of interceptors differs from the number of traced call sites."
fi
warned="$(awk -F '\t' '$2 == "warnings" { print "- **Warnings** in " $1 ": " $3 }' "$results" | sort -u)"
if [[ -n "$warned" ]]; then echo "$warned"; else echo "- No variant produced a compiler or analyzer warning."; fi
