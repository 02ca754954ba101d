// npm run deploy -- --env <id> [--only database,functions,miniprogram] [--dry-run] ...  (docs/deploy.md)
// Plans every step from the repository's files, then prints them (--dry-run) or runs them with miniprogram-ci and
// @cloudbase/manager-node.
import { executeSteps, printSteps, type Tools } from './execute';
import { readInputs, ROOT } from './inputs';
import { parseOptions } from './options';
import { planDeploy } from './plan';
import { realTools } from './tools';

export async function deploy(argv: string[], environment: Record<string, string | undefined>, io: {
  log?: (line: string) => void; tools?: (options: ReturnType<typeof parseOptions>) => Tools; root?: string;
} = {}): Promise<void> {
  const log = io.log ?? console.log;
  const options = parseOptions(argv, environment);
  const { steps, missing } = planDeploy(readInputs(io.root ?? ROOT), options);
  if (options.dryRun) {
    log(`Dry run: ${steps.length} steps for ${options.parts.join(', ')} in the environment ${options.env}; nothing is called.`);
    printSteps(steps, log);
    if (missing.length) log(`\nA real run would refuse to start until:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
    return;
  }
  if (missing.length) throw new Error(`The deploy cannot start:\n${missing.map((m) => `  - ${m}`).join('\n')}\n(--dry-run prints the steps without them.)`);
  log(`Deploying ${options.parts.join(', ')} to the environment ${options.env}: ${steps.length} steps.`);
  await executeSteps(steps, (io.tools ?? realTools)(options), log);
  log('Done.');
}

if (require.main === module) {
  deploy(process.argv.slice(2), process.env).catch((err: Error) => {
    console.error(`\n${err.message}`);
    process.exit(1);
  });
}
