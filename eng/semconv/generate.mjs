#!/usr/bin/env node
// Generates src/Instrumentation.Generators/SemanticConventions/SemanticConventionTable.g.cs from the npm package
// @opentelemetry/semantic-conventions (stable and incubating entry points).
//
//   node eng/semconv/generate.mjs            use the version pinned in eng/semconv/package-lock.json
//   node eng/semconv/generate.mjs 1.46.0     pin another version (updates package.json + package-lock.json) first
//   node eng/semconv/generate.mjs latest     pin the newest published version first
//
// The JavaScript exports carry the keys but no deprecation metadata, so deprecations are read from the JSDoc
// `@deprecated` tags of the package's type declarations (.d.ts / .d.mts / .d.cts).
//
// "Deprecated since": the package has one npm release per semantic-conventions release from 1.26.0 on. The script
// downloads the newest patch of every minor release from HISTORY_START up to the pinned version (npm pack, cached in
// eng/semconv/.cache, git-ignored) and records, for each deprecated key, the first release from which every later
// release marks it deprecated. The analyzer compares that with the version a project targets.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@opentelemetry/semantic-conventions';
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const outputFile = join(repoRoot, 'src', 'Instrumentation.Generators', 'SemanticConventions', 'SemanticConventionTable.g.cs');

// Root namespaces that applications commonly use for their own data ("app.order.id", "user.tier", "error.code").
// The conventions only define a handful of keys there, so they own these roots one level deeper: "app.screen." is
// owned (the conventions define app.screen.*), "app.order." is not. Everything else defined by the conventions
// (http., db., messaging., gen_ai., k8s., ...) is owned at its first segment.
const SHARED_ROOTS = new Set([
  'app', 'deployment', 'destination', 'device', 'error', 'event', 'file', 'geo', 'log', 'message', 'pool',
  'process', 'service', 'session', 'source', 'state', 'system', 'test', 'thread', 'user',
]);

const KEY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

// First npm release whose version is the semantic-conventions version and whose declarations carry @deprecated tags
// on ATTR_* constants. Keys already deprecated there are recorded as deprecated since this release ("or earlier").
const HISTORY_START = '1.26.0';
const cacheDir = join(here, '.cache');

main();

function main() {
  const requestedVersion = process.argv[2];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (requestedVersion) {
    run(npm, ['install', '--save-exact', '--no-audit', '--no-fund', `${PACKAGE}@${requestedVersion}`]);
  } else if (!existsSync(join(here, 'node_modules', ...PACKAGE.split('/'), 'package.json'))) {
    run(npm, ['ci', '--no-audit', '--no-fund']);
  }

  const require = createRequire(join(here, 'package.json'));
  // The package's "exports" map hides package.json, so locate it next to the node_modules folder instead.
  const packageDir = join(here, 'node_modules', ...PACKAGE.split('/'));
  const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const stable = require(PACKAGE);
  const incubating = require(`${PACKAGE}/incubating`);

  const attributes = collectAttributes(stable, incubating);
  const legacy = collectLegacyKeys(stable, incubating);
  const docs = readDeprecations(packageDir);
  const table = classify(attributes, legacy, docs);
  const history = readHistory(version, npm);
  assignDeprecatedSince(table, history, version);
  const source = emit(table, version, history.map(h => h.version));

  mkdirSync(dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, source);
  console.log(`${PACKAGE} ${version}: ${table.keys.length} keys (${table.stableCount} stable), ` +
    `${table.templates.length} templates, ${table.deprecated.length} deprecated keys ` +
    `(${table.deprecated.filter(d => d.replacement).length} with one replacement), ` +
    `${table.moved.length} moved to another repository, ${table.legacyCount} legacy keys, ${table.namespaces.length} owned namespaces; ` +
    `deprecation dates from ${history.length} releases (${history[0]?.version} .. ${history[history.length - 1]?.version})`);
  console.log(`wrote ${relative(repoRoot, outputFile)}`);
}

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: here, stdio: 'inherit' });
}

// ATTR_* exports are attribute keys: strings, or functions for template attributes such as
// ATTR_HTTP_REQUEST_HEADER(key) => `http.request.header.${key}`.
function collectAttributes(stable, incubating) {
  const byConstant = new Map();
  const add = (exports, isStable) => {
    for (const [name, value] of Object.entries(exports)) {
      if (!name.startsWith('ATTR_')) continue;
      const existing = byConstant.get(name);
      if (existing) {
        existing.stable ||= isStable;
        continue;
      }
      if (typeof value === 'string') {
        byConstant.set(name, { constant: name, key: value, template: false, stable: isStable });
      } else if (typeof value === 'function') {
        const sentinel = '\u0000suffix\u0000';
        const expanded = String(value(sentinel));
        if (!expanded.endsWith('.' + sentinel)) {
          throw new Error(`${name}: unexpected template shape '${expanded}'`);
        }
        byConstant.set(name, { constant: name, key: expanded.slice(0, -sentinel.length - 1), template: true, stable: isStable });
      }
    }
  };
  add(stable, true);
  add(incubating, false);
  return [...byConstant.values()];
}

// Pre-1.26 constants (SEMATTRS_*, SEMRESATTRS_*) still ship for compatibility. Some of their keys were removed from
// the registry long ago ("messaging.destination"), yet they are exactly what older code and articles still write.
function collectLegacyKeys(stable, incubating) {
  const legacy = [];
  for (const exports of [stable, incubating]) {
    for (const [name, value] of Object.entries(exports)) {
      if ((name.startsWith('SEMATTRS_') || name.startsWith('SEMRESATTRS_')) && typeof value === 'string') {
        legacy.push({ constant: name, key: value });
      }
    }
  }
  return legacy;
}

// constant name -> text of its JSDoc @deprecated tag (whitespace collapsed), from every declaration file.
function readDeprecations(packageDir) {
  const result = new Map();
  const declaration = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:export\s+)?declare\s+const\s+((?:ATTR|SEMATTRS|SEMRESATTRS)_[A-Z0-9_]+)\s*[:=]/g;
  for (const file of walk(packageDir)) {
    if (!/\.d\.(?:ts|mts|cts)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(declaration)) {
      const [, comment, constant] = match;
      if (result.has(constant)) continue;
      const lines = comment.split('\n').map(line => line.replace(/^\s*\*\s?/, ''));
      const start = lines.findIndex(line => line.startsWith('@deprecated'));
      if (start < 0) {
        result.set(constant, null);
        continue;
      }
      const tag = [lines[start].slice('@deprecated'.length)];
      for (let i = start + 1; i < lines.length && !lines[i].startsWith('@'); i++) tag.push(lines[i]);
      // Some releases render the tag as "@deprecated  * Replaced by ...": drop the stray bullet.
      result.set(constant, tag.join(' ').replace(/\s+/g, ' ').trim().replace(/^\*\s*/, ''));
    }
  }
  return result;
}

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

// Reads one @deprecated text. Returns { kind: 'moved' } when the definition only moved to another semantic-convention
// repository (the key stays valid), { kind: 'replaced', replacement } when exactly one successor key is named, and
// { kind: 'guidance' } otherwise (split, context-dependent, or removed without replacement).
function interpretDeprecation(text) {
  const movedOnly = /^Moved to the .*repository/i;
  if (movedOnly.test(text)) return { kind: 'moved' };
  const single = [
    /^Replaced by `([a-z0-9_.-]+)`\.?$/,
    /^Replaced by `([a-z0-9_.-]+)`, which has moved to the .*repository.*$/,
    /^Use `([a-z0-9_.-]+)` instead\.?$/,
    /^Renamed to `([a-z0-9_.-]+)`\.?$/,
  ];
  for (const pattern of single) {
    const match = pattern.exec(text);
    if (match) return { kind: 'replaced', replacement: match[1] };
  }
  return { kind: 'guidance' };
}

// Markdown to plain message text: links keep their label, code spans become quoted keys.
function toGuidance(text) {
  return text
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, "'$1'")
    .trim();
}

function classify(attributes, legacy, docs) {
  const plainKeys = new Map();
  const templateKeys = new Map();
  for (const attribute of attributes) {
    (attribute.template ? templateKeys : plainKeys).set(attribute.key, attribute);
  }
  const keyOfConstant = new Map(attributes.map(a => [a.constant, a.key]));
  const isKnown = (key, template) => template
    ? templateKeys.has(key)
    : plainKeys.has(key) || [...templateKeys.keys()].some(t => key.startsWith(t + '.') && key.length > t.length + 1);

  const moved = [];
  const rawDeprecations = new Map();
  for (const attribute of attributes) {
    const text = docs.get(attribute.constant);
    if (text === undefined) {
      console.warn(`warning: no declaration found for ${attribute.constant}; treated as not deprecated`);
      continue;
    }
    if (text === null) continue;
    const reading = interpretDeprecation(text);
    if (reading.kind === 'moved') {
      moved.push(attribute.key);
      continue;
    }
    if (reading.kind === 'replaced' && !isKnown(reading.replacement, attribute.template)) {
      // A successor the package does not define is still a real key when the text says where it moved to;
      // otherwise the message explains and no fix is offered.
      if (!/moved to the .*repository/i.test(text)) {
        console.warn(`warning: ${attribute.key}: replacement '${reading.replacement}' is not defined; no automatic fix`);
        reading.kind = 'guidance';
      }
    }
    rawDeprecations.set(attribute.key, {
      key: attribute.key,
      constants: [attribute.constant],
      template: attribute.template,
      replacement: reading.kind === 'replaced' ? reading.replacement : null,
      guidance: toGuidance(text),
    });
  }

  // Legacy keys the registry no longer lists: "Use ATTR_X in [incubating entry-point](...)" names the successor.
  const legacyKeys = [];
  for (const { constant, key } of legacy) {
    if (plainKeys.has(key) || rawDeprecations.has(key)) continue;
    const text = docs.get(constant);
    if (!text) continue;
    legacyKeys.push(key);
    const successor = /^Use (ATTR_[A-Z0-9_]+)\b/.exec(text);
    const replacement = successor ? keyOfConstant.get(successor[1]) : undefined;
    if (replacement && replacement !== key && typeof replacement === 'string' && plainKeys.has(replacement)) {
      rawDeprecations.set(key, { key, constants: [constant], template: false, replacement, guidance: `Replaced by '${replacement}'.` });
    } else {
      rawDeprecations.set(key, { key, constants: [constant], template: false, replacement: null, guidance: toGuidance(text) });
    }
  }

  // Chains (a -> b -> c) are kept as single steps: the analyzer follows them up to the version a project targets,
  // so a project on an older release is sent to the key that release defines.
  for (const deprecation of rawDeprecations.values()) {
    deprecation.kind = deprecation.replacement ? 'Renamed' : /'[a-z0-9_-]+(\.[a-z0-9_-]+)+'/.test(deprecation.guidance) ? 'Guided' : 'Removed';
  }

  // Successor keys that live in another repository are valid keys too.
  const extraKeys = [...rawDeprecations.values()]
    .filter(d => d.replacement && !d.template && !isKnown(d.replacement, false))
    .map(d => d.replacement);

  const keys = [...new Set([...plainKeys.keys(), ...extraKeys, ...legacyKeys])].sort(ordinal);
  for (const key of keys) {
    if (!KEY_PATTERN.test(key)) console.warn(`warning: defined key '${key}' does not follow the naming rules`);
  }
  const templates = [...templateKeys.keys()].sort(ordinal);

  const namespaces = new Set();
  for (const key of [...keys, ...templates.map(t => t + '.x')]) {
    const segments = key.split('.');
    if (segments.length < 2) continue;
    if (!SHARED_ROOTS.has(segments[0])) namespaces.add(segments[0]);
    else if (segments.length >= 3) namespaces.add(segments[0] + '.' + segments[1]);
  }

  const deprecated = [...rawDeprecations.values()].filter(d => !d.template).sort((a, b) => ordinal(a.key, b.key));
  const deprecatedTemplates = [...rawDeprecations.values()].filter(d => d.template).sort((a, b) => ordinal(a.key, b.key));
  const stableKeys = attributes.filter(a => a.stable && !a.template).map(a => a.key).sort(ordinal);

  return {
    keys, stableKeys, stableCount: stableKeys.length, templates, deprecated, deprecatedTemplates,
    moved: [...new Set(moved)].sort(ordinal), namespaces: [...namespaces].sort(ordinal),
    legacyCount: legacyKeys.length,
  };
}

// Releases from HISTORY_START to the pinned version, newest patch of each minor, each read for its deprecations.
function readHistory(pinnedVersion, npm) {
  const published = JSON.parse(execFileSync(npm, ['view', PACKAGE, 'versions', '--json'], { cwd: here, encoding: 'utf8' }));
  const newestPatch = new Map();
  for (const candidate of published) {
    if (!/^\d+\.\d+\.\d+$/.test(candidate)) continue;
    if (compareVersions(candidate, HISTORY_START) < 0 || compareVersions(candidate, pinnedVersion) > 0) continue;
    const minor = candidate.split('.').slice(0, 2).join('.');
    if (!newestPatch.has(minor) || compareVersions(candidate, newestPatch.get(minor)) > 0) newestPatch.set(minor, candidate);
  }
  const versions = [...newestPatch.values()].sort(compareVersions);
  return versions.map(release => ({ version: release, deprecated: deprecatedConstants(release, npm) }));
}

// Constant names a release marks deprecated (a definition that only moved to another repository is not deprecated).
// Cached as one small JSON file per release; the tarball is unpacked in a temporary folder and removed.
function deprecatedConstants(release, npm) {
  const cached = join(cacheDir, `${release}.json`);
  if (existsSync(cached)) return new Set(JSON.parse(readFileSync(cached, 'utf8')));
  const dir = mkdtempSync(join(tmpdir(), 'semconv-'));
  try {
    const tarball = execFileSync(npm, ['pack', `${PACKAGE}@${release}`, '--silent', '--pack-destination', dir], { cwd: here, encoding: 'utf8' })
      .trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
    const deprecated = [];
    for (const [constant, text] of readDeprecations(join(dir, 'package'))) {
      if (text !== null && interpretDeprecation(text).kind !== 'moved') deprecated.push(constant);
    }
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, JSON.stringify(deprecated.sort(ordinal)));
    return new Set(deprecated);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// since = the first release from which every later release read marks one of the key's constants deprecated.
function assignDeprecatedSince(table, history, pinnedVersion) {
  for (const deprecation of [...table.deprecated, ...table.deprecatedTemplates]) {
    let since = pinnedVersion;
    for (let i = history.length - 1; i >= 0; i--) {
      if (!deprecation.constants.some(c => history[i].deprecated.has(c))) break;
      since = history[i].version;
    }
    deprecation.since = since;
  }
}

function compareVersions(a, b) {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (left[i] !== right[i]) return left[i] - right[i];
  }
  return 0;
}

function ordinal(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function csString(value) {
  if (value === null || value === undefined) return 'null';
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n') + '"';
}

function stringArray(values, indent) {
  return values.map(v => `${indent}${csString(v)},`).join('\n');
}

function emit(table, version, historyVersions) {
  const deprecation = d =>
    `        new(${csString(d.key)}, ${csString(d.replacement)}, ${csString(d.guidance)}, DeprecationKind.${d.kind}, ${csString(d.since)}),`;
  return `// <auto-generated/>
// Generated by eng/semconv/generate.mjs from the npm package ${PACKAGE} ${version}
// (stable and incubating attributes, deprecations read from the package's JSDoc @deprecated tags).
// Do not edit by hand. To refresh: run \`eng/semconv/generate.sh\` (npm ci + node eng/semconv/generate.mjs), or
// \`node eng/semconv/generate.mjs <version|latest>\` to move to another package version, then commit the result.
#nullable enable

namespace Instrumentation.Generators.SemanticConventions;

internal static partial class SemanticConventionTable
{
    /// <summary>Version of ${PACKAGE} this table was generated from.</summary>
    public const string PackageVersion = ${csString(version)};

    /// <summary>
    /// The oldest release read for deprecation dates: a key deprecated there is recorded as deprecated since this
    /// release, although it may be older. Releases read: ${historyVersions.join(', ')}.
    /// </summary>
    public const string OldestKnownRelease = ${csString(historyVersions[0])};

    /// <summary>
    /// Every defined attribute key: stable, incubating, deprecated, and keys whose definition moved to another
    /// semantic-convention repository (still the keys users must write).
    /// </summary>
    public static readonly string[] DefinedKeys =
    [
${stringArray(table.keys, '        ')}
    ];

    /// <summary>Keys exported by the stable entry point of the package.</summary>
    public static readonly string[] StableKeys =
    [
${stringArray(table.stableKeys, '        ')}
    ];

    /// <summary>Template attributes (\`http.request.header.&lt;key&gt;\`): the prefix without the trailing dot.</summary>
    public static readonly string[] TemplatePrefixes =
    [
${stringArray(table.templates, '        ')}
    ];

    /// <summary>Keys marked deprecated only because their definition moved to another repository: valid, listed for reference.</summary>
    public static readonly string[] MovedKeys =
    [
${stringArray(table.moved, '        ')}
    ];

    /// <summary>
    /// Deprecated keys: the direct successor key when there is exactly one (chains are followed by the analyzer), the
    /// registry's guidance, whether anything replaces the key, and the first release that deprecates it.
    /// </summary>
    public static readonly Deprecation[] DeprecatedKeys =
    [
${table.deprecated.map(deprecation).join('\n')}
    ];

    /// <summary>Deprecated template attributes (prefix without the trailing dot), successor prefix when there is one.</summary>
    public static readonly Deprecation[] DeprecatedTemplates =
    [
${table.deprecatedTemplates.map(deprecation).join('\n')}
    ];

    /// <summary>
    /// Namespaces owned by the conventions: first segments of defined keys, or two segments for roots that
    /// applications commonly share (app., user., error., ...).
    /// </summary>
    public static readonly string[] OwnedNamespaces =
    [
${stringArray(table.namespaces, '        ')}
    ];
}
`;
}
