#!/usr/bin/env bash
# Builds the codebases listed in codebases.txt with this repository's analyzers injected and writes every
# TRC diagnostic (Info included) as SARIF, one file per project and target framework.
#
#   eng/realcode/run.sh <label> [codebase...]
#
#   REALCODE_ROOT   where the clones live (default /tmp/realcode); a missing clone is cloned from GitHub and
#                   checked out at the commit in codebases.txt. Nothing under it belongs in this repository.
#   ANALYZERS       folder holding Instrumentation.Generators.dll and Instrumentation.CodeFixes.dll
#                   (default: build this work tree in Release and copy its output)
#   JOBS            parallel MSBuild nodes (default 2)
#
# Each codebase's projects are built by one MSBuild invocation (a generated traversal project in the output folder);
# a project that does not build is listed as FAILED (no SARIF) and the others go on. Each project builds one target
# framework, the newest .NET one it lists (inject.targets), so only the .NET 10 SDK is needed.
# Output: $REALCODE_ROOT/out/<label>/<codebase>/*.sarif and build.log; summarize.py reads them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
root="${REALCODE_ROOT:-/tmp/realcode}"
label="${1:?label (e.g. before, after)}"; shift || true

if [[ -z "${ANALYZERS:-}" ]]; then
  dotnet build "$repo/src/Instrumentation.CodeFixes" -c Release -nologo -v q >/dev/null
  # A fresh folder per run: the shared compiler server caches analyzers by path.
  ANALYZERS="$root/analyzers/$label-$(date +%s)"
  mkdir -p "$ANALYZERS"
  cp "$repo/src/Instrumentation.Generators/bin/Release/netstandard2.0/Instrumentation.Generators.dll" \
     "$repo/src/Instrumentation.CodeFixes/bin/Release/netstandard2.0/Instrumentation.CodeFixes.dll" "$ANALYZERS/"
fi

grep -v '^#' "$here/codebases.txt" | while IFS='|' read -r name gh commit projects; do
  name="$(echo $name)"; gh="$(echo $gh)"; commit="$(echo $commit)"
  if [[ $# -gt 0 && ! " $* " == *" $name "* ]]; then continue; fi
  clone="$root/$name"
  if [[ ! -d "$clone" ]]; then
    git clone -q "https://github.com/$gh" "$clone"
    git -C "$clone" checkout -q "$commit"
  fi
  out="$root/out/$label/$name"
  rm -rf "$out"; mkdir -p "$out"; touch "$out/.stamp"
  echo "== $name ($(git -C "$clone" rev-parse --short HEAD))"
  traversal="$out/build.proj"
  {
    echo '<Project DefaultTargets="Build"><ItemGroup>'
    (cd "$clone" && for p in $projects; do if [[ -f "$p" ]]; then echo "<P Include=\"$clone/$p\" />"; fi; done)
    echo '</ItemGroup>'
    echo '<Target Name="Restore"><MSBuild Projects="@(P)" Targets="Restore" ContinueOnError="true" /></Target>'
    echo '<Target Name="Build"><MSBuild Projects="@(P)" Targets="Build" BuildInParallel="true" ContinueOnError="true" /></Target>'
    echo '</Project>'
  } > "$traversal"
  # No package validation (its baseline package, an older release of the codebase, is not needed to measure analyzers);
  # analyzers on even where the codebase turns them off for builds (MySqlConnector runs them only in the IDE).
  props=(-p:Configuration=Release -p:TreatWarningsAsErrors=false -p:MSBuildTreatWarningsAsErrors=false -p:EnablePackageValidation=false -p:RunAnalyzersDuringBuild=true
         -p:CustomAfterMicrosoftCSharpTargets="$here/inject.targets" -p:CustomAfterMicrosoftCommonCrossTargetingTargets="$here/inject.targets"
         -p:TrcAnalyzerDir="$ANALYZERS" -p:TrcSarifDir="$out")
  # Restore apart: a project whose packages the feed lacks fails alone instead of stopping the build.
  dotnet msbuild "$traversal" -t:Restore -nologo -v:q "${props[@]}" >"$out/restore.log" 2>&1 || true
  dotnet build "$traversal" --no-restore -nologo -v q -m:"${JOBS:-2}" "${props[@]}" >"$out/build.log" 2>&1 || true
  (cd "$clone" && for p in $projects; do
    [[ -f "$p" ]] || continue
    n="$(basename "$p" .csproj)"
    if compgen -G "$out/$n-*.sarif" >/dev/null && [[ -s "$(ls "$out/$n"-*.sarif | head -1)" ]]; then echo "   built  $p"; else echo "   FAILED $p (see $out/build.log)"; fi
  done)
done
