import { Command, CommanderError, Option } from 'commander';
import { errorMessage, NewswatchError } from '../core/errors';
import { DEFAULT_DATA_DIR } from '../targets/embedded';
import { DEFAULT_OUTPUTS_FILE } from '../targets/stack-outputs';
import { actorsCommands } from './actors';
import { alertsCommands } from './alerts';
import { actionExitCode, EXIT } from './context';
import { feedsCommands } from './feeds';
import { ingestCommands } from './ingest';
import { serveCommands } from './serve';
import { storiesCommands } from './stories';
import { watchCommands } from './watch';

const ABOUT = `Exit codes: 0 ok, 1 error (bad usage included), 2 partial (some input rejected, some feed failed).

Targets: commands act on the embedded store under --data-dir (created on first use; one process at a
time: --wait-lock waits for the other), or with --aws (or NEWSWATCH_TARGET=aws) on the deployed stack
named by cdk-outputs.json, with the AWS SDK's credentials and region (AWS_PROFILE, AWS_REGION, SSO).`;

/** The `newswatch` command line: one module per command group, each over the same use cases. */
export function buildProgram(version: string): Command {
  const program = new Command('newswatch')
    .description('news monitoring: articles in, stories and new-source alerts out')
    .version(version, '-V, --version', 'print the version')
    .addOption(new Option('--data-dir <dir>', 'the embedded store (and alerts.jsonl, config.json)').default(DEFAULT_DATA_DIR))
    .addOption(new Option('--aws', 'act on the deployed stack (also NEWSWATCH_TARGET=aws)'))
    .addOption(new Option('--outputs <file>', 'with --aws: the outputs `cdk deploy --outputs-file` wrote').default(DEFAULT_OUTPUTS_FILE))
    .addOption(new Option('--stack <name>', 'with --aws: the stack, when the outputs file lists several'))
    .addOption(new Option('--wait-lock', 'wait for another process using --data-dir instead of failing'))
    .addOption(new Option('--allow-private-network', 'fetch from loopback and private networks (tests, intranet feeds)'))
    .addHelpText('after', `\n${ABOUT}`)
    .showSuggestionAfterError(true)
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'newswatch: ')) });
  // The SSRF guard's opt-in, read where the fetcher's config is resolved (resolveFeedPollConfig).
  program.hook('preAction', (root) => {
    if (root.opts().allowPrivateNetwork) process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = '1';
  });
  for (const command of [
    ...ingestCommands(), ...storiesCommands(), ...watchCommands(), ...feedsCommands(), ...alertsCommands(), ...actorsCommands(), ...serveCommands(),
  ]) program.addCommand(command);
  inheritSettings(program);
  return program;
}

/** Subcommands made apart (new Command) take the program's error handling and suggestions. */
function inheritSettings(parent: Command): void {
  for (const child of parent.commands) {
    child.exitOverride().showSuggestionAfterError(true).configureOutput(parent.configureOutput());
    inheritSettings(child);
  }
}

/** Runs the command line; returns the exit code (never throws). */
export async function runCli(argv: string[], version: string): Promise<number> {
  const program = buildProgram(version);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.error;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return actionExitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? EXIT.ok : EXIT.error;
    }
    console.error(`newswatch: ${errorMessage(error)}`);
    if (!(error instanceof NewswatchError) && process.env.NEWSWATCH_DEBUG) console.error(error);
    return EXIT.error;
  }
}
