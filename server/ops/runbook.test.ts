import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { alertRules } from '../alerts/thresholds.js';
import { repositoryRoot } from './paths.js';
import { extractRunbookBlocks, headingAnchor } from './runbook.js';

const runbook = readFileSync(
  path.join(repositoryRoot, 'docs/operations.md'),
  'utf8',
);

describe('runbook structure', () => {
  const anchors = new Set(
    [...runbook.matchAll(/^#{1,6}\s+(.*)$/gm)].map((match) =>
      headingAnchor(match[1] ?? ''),
    ),
  );

  it('has a section for every alert', () => {
    for (const rule of alertRules) {
      expect(anchors.has(rule.runbookSection), rule.runbookSection).toBe(true);
    }
  });

  it('has the operators sections', () => {
    for (const section of [
      'pre-deployment-checklist',
      'deploy-and-smoke-test',
      'migration-with-backup-and-rollback',
      'monitoring-and-alerts',
      'high-latency',
      'high-error-rate',
      'database-connection-errors',
      'low-cache-hit-rate',
      'incident-severities',
      'maintenance',
      'emergency-restart',
      'restore',
      'cache-clear',
    ]) {
      expect(anchors.has(section), section).toBe(true);
    }
  });

  it('marks blocks in every operating section', () => {
    const sections = new Set(
      extractRunbookBlocks(runbook).map((block) => block.section),
    );
    expect(sections.size).toBeGreaterThanOrEqual(10);
  });
});

describe('extractRunbookBlocks', () => {
  it('takes marked blocks and strips list indentation', () => {
    const markdown = [
      '## Deploy',
      '',
      '1. Step',
      '',
      '   <!-- runbook-test -->',
      '   ```bash',
      '   echo one',
      '     echo nested',
      '   ```',
      '',
      '```bash',
      'echo unmarked',
      '```',
      '<!-- runbook-test -->',
      'text breaks the mark',
      '```bash',
      'echo also unmarked',
      '```',
    ].join('\n');
    expect(extractRunbookBlocks(markdown)).toEqual([
      { section: 'Deploy', line: 6, code: 'echo one\n  echo nested' },
    ]);
  });

  it('rejects an unclosed block', () => {
    expect(() =>
      extractRunbookBlocks('<!-- runbook-test -->\n```bash\necho'),
    ).toThrow('has no closing fence');
  });
});
