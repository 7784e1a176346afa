import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { resolveRendererFile } from './renderer-files.js';

const root = path.resolve('/opt/galley/out/renderer');

describe('resolveRendererFile', () => {
  it('maps asset paths under the root', () => {
    expect(resolveRendererFile(root, 'app://galley/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
  });

  it('serves index.html for the root and for routes', () => {
    const index = path.join(root, 'index.html');

    expect(resolveRendererFile(root, 'app://galley/')).toBe(index);
    expect(resolveRendererFile(root, 'app://galley/reports/daily')).toBe(index);
  });

  it('ignores the query and the fragment', () => {
    expect(resolveRendererFile(root, 'app://galley/logo.svg?v=2#top')).toBe(
      path.join(root, 'logo.svg'),
    );
  });

  it.each([
    'app://galley/../../etc/passwd.txt',
    'app://galley/%2e%2e/%2e%2e/etc/passwd.txt',
  ])('keeps dot segments of %s inside the root', (url) => {
    // The URL parser already removes dot segments at the root.
    expect(resolveRendererFile(root, url)).toBe(
      path.join(root, 'etc', 'passwd.txt'),
    );
  });

  it.each([
    'app://galley/assets/..%2f..%2f..%2fsecret.db',
    'app://galley/%00.js',
    'app://galley/%E0%A4%A.js',
    'app://evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('rejects %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });
});
