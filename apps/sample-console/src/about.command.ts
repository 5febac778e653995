import { Command, CommandRunner } from 'nest-commander';

/**
 * A classic nest-commander command. It lives beside the registers commands, shares their
 * program and help, and shows that existing consoles can adopt @registers/cli gradually.
 */
@Command({ name: 'about', description: 'Show what this console is built with' })
export class AboutCommand extends CommandRunner {
  async run(): Promise<void> {
    process.stdout.write(
      'Todo Console: a sample of @registers/cli and @registers/db on nest-commander.\n',
    );
  }
}
