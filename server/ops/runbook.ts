/** A fenced bash block of the runbook that a test runs. */
export interface RunbookBlock {
  /** The nearest heading above the block, for failure messages. */
  section: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

export const runbookMarker = '<!-- runbook-test -->';

/**
 * Extracts the ```bash blocks that directly follow the runbook-test marker
 * (blank lines may sit between them). Indentation of a block inside a list
 * item is removed by the fence's own indentation.
 */
export function extractRunbookBlocks(markdown: string): RunbookBlock[] {
  const lines = markdown.split('\n');
  const blocks: RunbookBlock[] = [];
  let section = '';
  let marked = false;

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      section = heading[1] ?? '';
      continue;
    }
    if (line.trim() === runbookMarker) {
      marked = true;
      continue;
    }

    const fence = /^(\s*)```bash\s*$/.exec(line);
    if (fence && marked) {
      const indent = fence[1]?.length ?? 0;
      const body: string[] = [];
      let end = index + 1;
      while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) {
        body.push((lines[end] ?? '').slice(indent));
        end += 1;
      }
      if (end === lines.length) {
        throw new Error(
          `The bash block at line ${index + 1} has no closing fence.`,
        );
      }
      blocks.push({ section, line: index + 1, code: body.join('\n') });
      index = end;
      marked = false;
      continue;
    }
    if (line.trim() !== '') marked = false;
  }
  return blocks;
}

/** GitHub's heading anchor: lower case, spaces to hyphens, punctuation dropped. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}
