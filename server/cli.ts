import { GalleyError } from '../shared/errors.js';
import { createOwnerCommand } from './cli/create-owner.js';
import { UsageError, usage } from './cli/options.js';
import { serve } from './cli/serve.js';

/**
 * Runs the central server's command line: `npm run server -- [options]` serves,
 * `npm run server -- create-owner ...` creates an organisation's first
 * owner. Known errors print a plain message on stderr and exit with 1.
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;

  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return;
  }
  if (command === 'create-owner') {
    await createOwnerCommand(rest);
    return;
  }
  await serve(argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
  } else if (error instanceof GalleyError) {
    console.error(error.message);
  } else {
    console.error(
      `Galley server failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exit(1);
});
