#!/usr/bin/env node
// The benchmark peer of `closecoach review`: what a user would write instead,
// in node with json-logic-js, from the same playbook.
//
//   node review_peer.js PLAYBOOK_JSONLOGIC.json DEALS.jsonl > results.jsonl
//
// PLAYBOOK_JSONLOGIC.json is data/playbook.json with every rule's "when" in
// JsonLogic (`closecoach playbook fmt --to jsonlogic` prints it; the
// playbook's expression strings have no JavaScript evaluator of their own).
// For each JSON Lines deal it reads the notes with the playbook's signal
// phrases (one regular expression per signal, with a simple negation and
// supposition check from the playbook's cues), fills the unanswered facts,
// applies the playbook's assumptions, derives the customer class, evaluates
// every rule with jsonLogic.apply, ranks the moves as docs/playbook.md says
// and writes one JSON line like closecoach's.

'use strict';

const fs = require('fs');
const readline = require('readline');
const jsonLogic = require('json-logic-js');

const [playbookFile, dealsFile] = process.argv.slice(2);
if (!playbookFile || !dealsFile) {
  process.stderr.write('usage: review_peer.js PLAYBOOK_JSONLOGIC.json DEALS.jsonl\n');
  process.exit(2);
}
const playbook = JSON.parse(fs.readFileSync(playbookFile, 'utf8'));

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const spaced = (s) => /[a-z\u0400-\u04ff]/.test(s);  // Latin or Cyrillic: whole words

// A playbook pattern as a regular-expression source: `re:` patterns as they
// are, phrases escaped, `…` leaving room for up to 3 words (6 CJK characters).
// Whole words for Latin and Cyrillic phrases are checked after a match
// (wordAt): a look-behind in the pattern would slow every search down.
function patternSource(pattern) {
  if (pattern.startsWith('re:')) return pattern.slice(3);
  const pieces = pattern.split(/\s*(?:…|\s\.\.\.\s)\s*/);
  const room = spaced(pattern) ? '\\s+(?:[^\\s,.;:!?]+\\s+){0,3}' : '[^,.;:!?。，、]{0,6}';
  return pieces.map(escapeRegExp).join(room);
}

function alternation(patterns) {
  return new RegExp(patterns.map((p) => `(?:${patternSource(p)})`).join('|'), 'g');
}

const letter = /[\p{L}\p{N}]/u;
// Whether a match from `start` to `end` is not part of a longer word.
function wholeWords(text, start, end) {
  const first = text[start];
  const last = text[end - 1];
  if (spaced(first) && start > 0 && letter.test(text[start - 1])) return false;
  if (spaced(last) && end < text.length && letter.test(text[end])) return false;
  return true;
}

const allPatterns = (byLanguage) => Object.values(byLanguage).flat();

const signals = playbook.signals.map((s) => ({
  id: s.id,
  fact: s.fact,
  value: s.value,
  whenNegated: s.when_negated,
  regex: alternation(allPatterns(s.patterns)),
}));

// Cues that cancel or negate a mention: those before it (covers "after") and
// those after it (covers "before"), within the mention's clause.
const cueRegex = (kinds, covers) => {
  const patterns = playbook.cues
    .filter((c) => kinds.includes(c.kind) && (c.covers || 'after') === covers)
    .flatMap((c) => allPatterns(c.patterns));
  return patterns.length ? new RegExp(patterns.map((p) => `(?:${patternSource(p)})`).join('|'), 'g') : null;
};
// Whether a cue of `regex` occurs as whole words in `text`.
function hasCue(regex, text) {
  if (!regex || text.length === 0) return false;
  regex.lastIndex = 0;
  let match;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length > 0 && wholeWords(text, match.index, match.index + match[0].length)) return true;
    regex.lastIndex = match.index + 1;
  }
  return false;
}
const negationBefore = cueRegex(['negation'], 'after');
const negationAfter = cueRegex(['negation'], 'before');
const suppositionBefore = cueRegex(['hypothetical', 'question', 'plan', 'doubt'], 'after');
const suppositionAfter = cueRegex(['hypothetical', 'question', 'plan', 'doubt'], 'before');
const clauseEnds = new Set([...',;:.!?。，；：！？、\n']);

// The text of the mention's clause before and after it.
function clauseAround(text, start, end) {
  let from = start;
  while (from > 0 && !clauseEnds.has(text[from - 1])) --from;
  let to = end;
  while (to < text.length && !clauseEnds.has(text[to])) ++to;
  return [text.slice(from, start), text.slice(end, to)];
}

const facts = new Map(playbook.facts.map((f) => [f.id, f]));
const setRules = playbook.rules.filter((r) => r.set);
const recommendRules = playbook.rules
  .map((r, index) => ({ ...r, index }))
  .filter((r) => r.recommend)
  .sort((a, b) => (b.priority || 0) - (a.priority || 0) || a.index - b.index);
const avoidRules = playbook.rules.filter((r) => r.avoid);
const warnRules = playbook.rules.filter((r) => r.warn);
const techniqueWarnings = new Map(playbook.techniques.map((t) => [t.id, t.warn || []]));
const catchAll = (rule) => rule.when === true;

// Facts read out of the notes into `data` where the deal did not give them.
function readNotes(notes, data, given) {
  const out = [];
  if (!notes) return out;
  const text = (Array.isArray(notes) ? notes.join('\n') : String(notes))
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ \t\r\f\v]+/g, ' ');
  const found = [];
  for (const signal of signals) {
    signal.regex.lastIndex = 0;
    let match;
    while ((match = signal.regex.exec(text)) !== null) {
      const end = match.index + match[0].length;
      if (match[0].length === 0 || !wholeWords(text, match.index, end)) {
        signal.regex.lastIndex = match.index + 1;
        continue;
      }
      found.push({ signal, start: match.index, end });
    }
  }
  found.sort((a, b) => a.start - b.start);
  for (const { signal, start, end } of found) {
    const [before, after] = clauseAround(text, start, end);
    if (hasCue(suppositionBefore, before) || hasCue(suppositionAfter, after)) continue;
    const negated = hasCue(negationBefore, before) || hasCue(negationAfter, after);
    if (negated && signal.whenNegated === undefined) continue;
    const value = negated ? signal.whenNegated : signal.value;
    const applied = !given.has(signal.fact);
    if (applied) data[signal.fact] = value;  // later mentions win
    const item = { fact: signal.fact, value, evidence: text.slice(start, end), start, end, signal: signal.id };
    if (!applied) item.overridden = true;
    out.push(item);
  }
  return out;
}

function review(record, line) {
  const data = {};
  const given = new Set();
  for (const [fact, value] of Object.entries(record.facts || {})) {
    if (value === null) continue;
    data[fact] = typeof value === 'string' && facts.get(fact)?.type === 'enum' ? value.toLowerCase() : value;
    given.add(fact);
  }
  const signalsOut = readNotes(record.notes, data, given);
  for (const fact of playbook.facts)
    if (data[fact.id] === undefined && fact.assume !== undefined) data[fact.id] = fact.assume;
  for (const rule of setRules)
    for (const [fact, value] of Object.entries(rule.set))
      if (data[fact] === undefined && jsonLogic.truthy(jsonLogic.apply(rule.when, data))) data[fact] = value;

  const avoided = new Map();
  for (const rule of avoidRules)
    if (jsonLogic.truthy(jsonLogic.apply(rule.when, data)))
      for (const technique of rule.avoid) if (!avoided.has(technique)) avoided.set(technique, rule.id);
  const moves = new Map();
  for (const rule of recommendRules) {
    if (!jsonLogic.truthy(jsonLogic.apply(rule.when, data))) continue;
    for (const technique of rule.recommend) {
      if (avoided.has(technique)) continue;
      if (!moves.has(technique)) moves.set(technique, []);
      const rules = moves.get(technique);
      if (!catchAll(rule) || rules.length === 0) rules.push(rule.id);
    }
  }
  const warnings = [];
  for (const rule of warnRules)
    if (jsonLogic.truthy(jsonLogic.apply(rule.when, data)))
      for (const id of rule.warn) if (!warnings.includes(id)) warnings.push(id);
  for (const technique of moves.keys())
    for (const id of techniqueWarnings.get(technique)) if (!warnings.includes(id)) warnings.push(id);

  return {
    id: record.id === undefined ? null : record.id,
    line,
    class: data.customer_class === undefined ? null : data.customer_class,
    moves: [...moves].map(([technique, rules]) => ({ technique, rules })),
    avoid: [...avoided].map(([technique, rule]) => ({ technique, rule })),
    warnings: warnings.map((id) => ({ id })),
    signals: signalsOut,
    error: null,
  };
}

async function main() {
  const input = readline.createInterface({
    input: fs.createReadStream(dealsFile, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  let line = 0;
  let chunk = [];
  for await (const text of input) {
    ++line;
    if (text.trim() === '') continue;
    let result;
    try {
      result = review(JSON.parse(text), line);
    } catch (error) {
      result = { id: null, line, class: null, moves: [], avoid: [], warnings: [], signals: [], error: error.message };
    }
    chunk.push(JSON.stringify(result));
    if (chunk.length === 1000) {
      if (!process.stdout.write(chunk.join('\n') + '\n')) await new Promise((r) => process.stdout.once('drain', r));
      chunk = [];
    }
  }
  if (chunk.length) process.stdout.write(chunk.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`review_peer: ${error.stack}\n`);
  process.exit(1);
});
