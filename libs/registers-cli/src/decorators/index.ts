export * from './arg.decorator';
export * from './cli-command.decorator';
export * from './cli-context.decorator';
export * from './cli-group.decorator';
export * from './confirm.decorator';
export * from './ctx.decorator';
export * from './dry-run.decorator';
