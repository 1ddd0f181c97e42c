#!/usr/bin/env bash
# Regenerates src/Instrumentation.Generators/SemanticConventions/SemanticConventionTable.g.cs from the pinned
# @opentelemetry/semantic-conventions package. Pass a version (or "latest") to move the pin first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund
node generate.mjs "$@"
